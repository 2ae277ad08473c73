package io.tidemark.sql.function;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of Timestream's functions (TIMESTREAM.md §4.5–§4.15), as signature text. Scalar
 * functions are in {@link ScalarFunctionSignatures} and {@link TimeFunctionSignatures};
 * aggregates and window functions are here. Functions Timestream inherits from Trino but does not
 * document (varbinary, json, geospatial ...) are not registered: calling them is
 * "Function 'x' not registered".
 */
final class BuiltinFunctions {

    private static final String[] AGGREGATES = {
        "count(): bigint", "count(T): bigint", "count_if(boolean): bigint",
        "sum(bigint): bigint", "sum(integer): bigint", "sum(double): double",
        "sum(interval day to second): interval day to second", "sum(interval year to month): interval year to month",
        "avg(bigint): double", "avg(integer): double", "avg(double): double",
        "avg(interval day to second): interval day to second", "avg(interval year to month): interval year to month",
        "min(T): T | T:orderable", "max(T): T | T:orderable", "min(T, bigint): array(T) | T:orderable", "max(T, bigint): array(T) | T:orderable",
        "min_by(T, U): T | U:orderable", "max_by(T, U): T | U:orderable", "min_by(T, U, bigint): array(T) | U:orderable", "max_by(T, U, bigint): array(T) | U:orderable",
        "arbitrary(T): T", "any_value(T): T",
        "approx_distinct(T): bigint | T:comparable", "approx_distinct(T, double): bigint | T:comparable",
        "approx_percentile(bigint, double): bigint", "approx_percentile(double, double): double",
        "approx_percentile(bigint, array(double)): array(bigint)", "approx_percentile(double, array(double)): array(double)",
        "approx_percentile(bigint, bigint, double): bigint", "approx_percentile(double, bigint, double): double",
        "approx_percentile(bigint, bigint, double, double): bigint", "approx_percentile(double, bigint, double, double): double",
        "approx_percentile(bigint, bigint, array(double)): array(bigint)", "approx_percentile(double, bigint, array(double)): array(double)",
        "stddev(double): double", "stddev_samp(double): double", "stddev_pop(double): double",
        "variance(double): double", "var_samp(double): double", "var_pop(double): double",
        "skewness(double): double", "kurtosis(double): double", "geometric_mean(double): double",
        "corr(double, double): double", "covar_pop(double, double): double", "covar_samp(double, double): double",
        "regr_intercept(double, double): double", "regr_slope(double, double): double",
        "bool_and(boolean): boolean", "bool_or(boolean): boolean", "every(boolean): boolean",
        "bitwise_and_agg(bigint): bigint", "bitwise_or_agg(bigint): bigint",
        "array_agg(T): array(T)", "histogram(K): map(K, bigint) | K:comparable", "map_agg(K, V): map(K, V) | K:comparable",
        "multimap_agg(K, V): map(K, array(V)) | K:comparable", "map_union(map(K, V)): map(K, V)",
        "create_time_series(timestamp, bigint): timeseries(bigint)", "create_time_series(timestamp, double): timeseries(double)",
        "create_time_series(timestamp, varchar): timeseries(varchar)", "create_time_series(timestamp, boolean): timeseries(boolean)",
    };

    private static final String[] WINDOW = {
        "row_number(): bigint", "rank(): bigint", "dense_rank(): bigint", "percent_rank(): double", "cume_dist(): double",
        "ntile(bigint): bigint", "first_value(T): T", "last_value(T): T", "nth_value(T, bigint): T",
        "lag(T): T", "lag(T, bigint): T", "lag(T, bigint, T): T", "lead(T): T", "lead(T, bigint): T", "lead(T, bigint, T): T",
    };

    private BuiltinFunctions() {
    }

    static List<Signature> signatures() {
        List<Signature> signatures = new ArrayList<>();
        for (String text : ScalarFunctionSignatures.TEXT) {
            signatures.add(Signature.parse(FunctionKind.SCALAR, text));
        }
        for (String text : TimeFunctionSignatures.TEXT) {
            signatures.add(Signature.parse(FunctionKind.SCALAR, text));
        }
        for (String text : AGGREGATES) {
            signatures.add(Signature.parse(FunctionKind.AGGREGATE, text));
        }
        for (String text : WINDOW) {
            signatures.add(Signature.parse(FunctionKind.WINDOW, text));
        }
        return signatures;
    }
}
