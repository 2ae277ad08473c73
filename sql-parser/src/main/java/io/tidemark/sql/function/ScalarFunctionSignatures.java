package io.tidemark.sql.function;

/**
 * Conditional, conversion, math, bitwise, string, regexp, array, map and lambda functions
 * (TIMESTREAM.md §4.5–§4.10, §4.14 for the lambdas over timeseries). {@code ||} resolves to
 * {@code concat}.
 */
final class ScalarFunctionSignatures {

    static final String[] TEXT = {
        // conditional and conversion (CASE, CAST and TRY_CAST are syntax)
        "if(boolean, T): T", "if(boolean, T, T): T", "coalesce(T...): T", "nullif(T, T): T | T:comparable", "try(T): T",
        "greatest(T...): T | T:orderable", "least(T...): T | T:orderable", "typeof(T): varchar",
        // math
        "abs(bigint): bigint", "abs(integer): integer", "abs(double): double",
        "cbrt(double): double", "ceil(bigint): bigint", "ceil(double): double", "ceiling(bigint): bigint", "ceiling(double): double",
        "degrees(double): double", "e(): double", "exp(double): double", "floor(bigint): bigint", "floor(double): double",
        "from_base(varchar, bigint): bigint", "ln(double): double", "log2(double): double", "log10(double): double",
        "mod(bigint, bigint): bigint", "mod(integer, integer): integer", "mod(double, double): double",
        "pi(): double", "pow(double, double): double", "power(double, double): double", "radians(double): double",
        "rand(): double", "random(): double", "random(bigint): bigint", "random(integer): integer",
        "round(bigint): bigint", "round(double): double", "round(bigint, bigint): bigint", "round(double, bigint): double",
        "sign(bigint): bigint", "sign(integer): integer", "sign(double): double", "sqrt(double): double",
        "to_base(bigint, bigint): varchar", "truncate(double): double",
        "acos(double): double", "asin(double): double", "atan(double): double", "atan2(double, double): double",
        "cos(double): double", "cosh(double): double", "sin(double): double", "tan(double): double", "tanh(double): double",
        "infinity(): double", "nan(): double", "is_finite(double): boolean", "is_infinite(double): boolean", "is_nan(double): boolean",
        "width_bucket(double, double, double, bigint): bigint",
        // bitwise
        "bit_count(bigint, bigint): bigint", "bitwise_and(bigint, bigint): bigint", "bitwise_not(bigint): bigint",
        "bitwise_or(bigint, bigint): bigint", "bitwise_xor(bigint, bigint): bigint",
        // string
        "chr(bigint): varchar", "codepoint(varchar): integer", "concat(varchar...): varchar", "concat(array(T)...): array(T)",
        "concat(array(T), T): array(T)", "concat(T, array(T)): array(T)",
        "hamming_distance(varchar, varchar): bigint", "length(varchar): bigint", "levenshtein_distance(varchar, varchar): bigint",
        "lower(varchar): varchar", "upper(varchar): varchar", "lpad(varchar, bigint, varchar): varchar", "rpad(varchar, bigint, varchar): varchar",
        "ltrim(varchar): varchar", "rtrim(varchar): varchar", "trim(varchar): varchar",
        "replace(varchar, varchar): varchar", "replace(varchar, varchar, varchar): varchar", "reverse(varchar): varchar", "reverse(array(T)): array(T)",
        "split(varchar, varchar): array(varchar)", "split(varchar, varchar, bigint): array(varchar)", "split_part(varchar, varchar, bigint): varchar",
        "strpos(varchar, varchar): bigint", "strpos(varchar, varchar, bigint): bigint", "strrpos(varchar, varchar): bigint",
        "strrpos(varchar, varchar, bigint): bigint", "position(varchar, varchar): bigint",
        "substr(varchar, bigint): varchar", "substr(varchar, bigint, bigint): varchar",
        "substring(varchar, bigint): varchar", "substring(varchar, bigint, bigint): varchar",
        "starts_with(varchar, varchar): boolean",
        // regular expressions
        "regexp_extract_all(varchar, varchar): array(varchar)", "regexp_extract_all(varchar, varchar, bigint): array(varchar)",
        "regexp_extract(varchar, varchar): varchar", "regexp_extract(varchar, varchar, bigint): varchar", "regexp_like(varchar, varchar): boolean",
        "regexp_replace(varchar, varchar): varchar", "regexp_replace(varchar, varchar, varchar): varchar",
        "regexp_replace(varchar, varchar, function(array(varchar), varchar)): varchar", "regexp_split(varchar, varchar): array(varchar)",
        // arrays
        "array_distinct(array(T)): array(T) | T:comparable", "array_intersect(array(T), array(T)): array(T) | T:comparable", "array_union(array(T), array(T)): array(T) | T:comparable",
        "array_except(array(T), array(T)): array(T) | T:comparable", "array_join(array(T), varchar): varchar", "array_join(array(T), varchar, varchar): varchar",
        "array_max(array(T)): T | T:orderable", "array_min(array(T)): T | T:orderable", "array_position(array(T), T): bigint | T:comparable", "array_remove(array(T), T): array(T) | T:comparable",
        "array_sort(array(T)): array(T) | T:orderable", "arrays_overlap(array(T), array(T)): boolean | T:comparable", "cardinality(array(T)): bigint",
        "cardinality(map(K, V)): bigint", "contains(array(T), T): boolean | T:comparable",
        "element_at(array(T), bigint): T", "element_at(map(K, V), K): V", "repeat(T, bigint): array(T)", "shuffle(array(T)): array(T)",
        "slice(array(T), bigint, bigint): array(T)", "zip(array(T), array(U)): array(row(f0 T, f1 U))",
        "zip(array(T), array(U), array(V)): array(row(f0 T, f1 U, f2 V))", "flatten(array(array(T))): array(T)",
        "sequence(bigint, bigint): array(bigint)", "sequence(bigint, bigint, bigint): array(bigint)",
        "sequence(date, date): array(date)", "sequence(date, date, interval day to second): array(date)",
        "sequence(date, date, interval year to month): array(date)",
        "sequence(timestamp, timestamp, interval day to second): array(timestamp)",
        "sequence(timestamp, timestamp, interval year to month): array(timestamp)",
        // maps
        "map(): map(unknown, unknown)", "map(array(K), array(V)): map(K, V) | K:comparable", "map_keys(map(K, V)): array(K)", "map_values(map(K, V)): array(V)",
        "map_concat(map(K, V)...): map(K, V)", "map_filter(map(K, V), function(K, V, boolean)): map(K, V)",
        // lambdas over arrays and timeseries
        "filter(array(T), function(T, boolean)): array(T)",
        "filter(timeseries(T), function(row(time timestamp, value T), boolean)): timeseries(T)",
        "transform(array(T), function(T, U)): array(U)",
        "transform(timeseries(T), function(row(time timestamp, value T), U)): timeseries(U)",
        "reduce(array(T), S, function(S, T, S), function(S, R)): R",
        "reduce(timeseries(T), S, function(S, row(time timestamp, value T), S), function(S, R)): R",
        "any_match(array(T), function(T, boolean)): boolean", "all_match(array(T), function(T, boolean)): boolean",
        "none_match(array(T), function(T, boolean)): boolean",
    };

    private ScalarFunctionSignatures() {
    }
}
