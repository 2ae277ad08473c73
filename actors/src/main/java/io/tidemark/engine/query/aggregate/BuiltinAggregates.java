package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.function.BoundSignature;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The aggregate functions of Timestream's SQL (sql-parser {@code BuiltinFunctions.AGGREGATES}),
 * bound by name and arity to their accumulators. Counting, sums, averages, extremes, booleans,
 * bitwise folds and the dispersion statistics keep primitive per-group arrays; collecting,
 * selecting and sketching aggregates keep a state object per group ({@link ObjectAccumulator}).
 * {@code DISTINCT} wraps any of them in a {@link DistinctAccumulator}.
 */
public final class BuiltinAggregates implements AggregateRegistry {

    private static final BuiltinAggregates INSTANCE = new BuiltinAggregates();

    private BuiltinAggregates() {
    }

    public static BuiltinAggregates instance() {
        return INSTANCE;
    }

    @Override
    public Optional<AggregateFunction> bind(BoundSignature signature, boolean distinct) {
        AggregateFunction plain = bindPlain(signature.name(), signature.argumentTypes(), signature.returnType());
        if (plain == null || !distinct) {
            return Optional.ofNullable(plain);
        }
        return Optional.of(new BoundAggregate(plain.returnType(), ObjectAccumulator.INTERMEDIATE_TYPES,
                () -> new DistinctAccumulator(signature.argumentTypes(), plain)));
    }

    private static AggregateFunction bindPlain(String name, List<SqlType> arguments, SqlType returnType) {
        int arity = arguments.size();
        switch (name) {
            case "count":
                return arity > 1 ? null : count(arity == 0 ? CountAccumulator.Mode.ROWS : CountAccumulator.Mode.NON_NULL);
            case "count_if":
                return arity == 1 ? count(CountAccumulator.Mode.TRUE) : null;
            case "sum":
                return arity == 1 ? new BoundAggregate(returnType, List.of(returnType), () -> new SumAccumulator(returnType),
                        StatsIntermediate.sum(returnType)) : null;
            case "avg":
                return arity == 1 ? average(arguments.get(0) instanceof PrimitiveType p && p.isInterval() ? AverageAccumulator.Mode.INTERVAL
                        : AverageAccumulator.Mode.ARITHMETIC, returnType) : null;
            case "geometric_mean":
                return arity == 1 ? average(AverageAccumulator.Mode.GEOMETRIC, returnType) : null;
            case "min":
            case "max":
                return extremum(name.equals("max"), arguments, returnType);
            case "min_by":
            case "max_by":
                return extremumBy(name, arguments, returnType);
            case "arbitrary":
            case "any_value":
                return arity == 1 ? object(new SelectionAggregations.Arbitrary(arguments.get(0)), returnType) : null;
            case "bool_and":
            case "every":
                return arity == 1 ? primitive(PrimitiveType.BOOLEAN, List.of(PrimitiveType.BOOLEAN),
                        () -> new ExtremumAccumulator(PrimitiveType.BOOLEAN, false)) : null;
            case "bool_or":
                return arity == 1 ? primitive(PrimitiveType.BOOLEAN, List.of(PrimitiveType.BOOLEAN),
                        () -> new ExtremumAccumulator(PrimitiveType.BOOLEAN, true)) : null;
            case "bitwise_and_agg":
            case "bitwise_or_agg":
                return arity == 1 ? primitive(PrimitiveType.BIGINT, List.of(PrimitiveType.BIGINT),
                        () -> new BitwiseAccumulator(name.equals("bitwise_and_agg"))) : null;
            case "approx_distinct":
                return arity == 1 || arity == 2 ? object(new ApproxDistinct(arguments.get(0), arity == 2), PrimitiveType.BIGINT) : null;
            case "approx_percentile":
                return approxPercentile(arguments, returnType);
            case "array_agg":
                return arity == 1 ? object(new CollectionAggregations.ArrayAgg(new ArrayType(arguments.get(0))), returnType) : null;
            case "histogram":
                return arity == 1 ? object(new CollectionAggregations.Histogram(arguments.get(0)), returnType) : null;
            case "map_agg":
                return arity == 2 ? object(new CollectionAggregations.MapAgg(new MapType(arguments.get(0), arguments.get(1))), returnType) : null;
            case "multimap_agg":
                return arity == 2 ? object(new CollectionAggregations.MultimapAgg(new MapType(arguments.get(0),
                        new ArrayType(arguments.get(1)))), returnType) : null;
            case "map_union":
                return arity == 1 ? object(new CollectionAggregations.MapUnion(arguments.get(0)), returnType) : null;
            case "create_time_series":
                return arity == 2 ? object(new CollectionAggregations.CreateTimeSeries(new TimeSeriesType(arguments.get(1))), returnType) : null;
            default:
                return arity == 1 ? moments(name) : arity == 2 ? covariance(name) : null;
        }
    }

    private static AggregateFunction primitive(SqlType returnType, List<SqlType> intermediateTypes, Supplier<Accumulator> factory) {
        return new BoundAggregate(returnType, intermediateTypes, factory);
    }

    private static AggregateFunction object(ObjectAggregation<?> aggregation, SqlType returnType) {
        return new BoundAggregate(returnType, ObjectAccumulator.INTERMEDIATE_TYPES, () -> new ObjectAccumulator<>(aggregation, returnType));
    }

    private static AggregateFunction count(CountAccumulator.Mode mode) {
        return new BoundAggregate(PrimitiveType.BIGINT, List.of(PrimitiveType.BIGINT), () -> new CountAccumulator(mode),
                StatsIntermediate.count(mode));
    }

    private static AggregateFunction average(AverageAccumulator.Mode mode, SqlType returnType) {
        SqlType sumType = mode == AverageAccumulator.Mode.INTERVAL ? returnType : PrimitiveType.DOUBLE;
        return new BoundAggregate(returnType, List.of(sumType, PrimitiveType.BIGINT), () -> new AverageAccumulator(mode, returnType),
                mode == AverageAccumulator.Mode.ARITHMETIC ? StatsIntermediate.average() : StatsIntermediate.NONE);
    }

    private static AggregateFunction extremum(boolean max, List<SqlType> arguments, SqlType returnType) {
        if (arguments.size() == 1) {
            return new BoundAggregate(returnType, List.of(returnType), () -> new ExtremumAccumulator(returnType, max),
                    StatsIntermediate.extremum(returnType, max));
        }
        if (arguments.size() == 2) {
            String call = (max ? "max" : "min") + "(x, n)";
            return object(new SelectionAggregations.TopN(call, arguments.get(0), arguments.get(0), max, 0, 1), returnType);
        }
        return null;
    }

    private static AggregateFunction extremumBy(String name, List<SqlType> arguments, SqlType returnType) {
        boolean max = name.equals("max_by");
        if (arguments.size() == 2) {
            SelectionAggregations.ExtremumBy aggregation = new SelectionAggregations.ExtremumBy(arguments.get(0), arguments.get(1), max);
            return new BoundAggregate(returnType, ObjectAccumulator.INTERMEDIATE_TYPES,
                    () -> new ObjectAccumulator<>(aggregation, returnType), StatsIntermediate.extremumByTime(max, aggregation));
        }
        if (arguments.size() == 3) {
            return object(new SelectionAggregations.TopN(name + "(x, y, n)", arguments.get(1), arguments.get(0), max, 1, 2), returnType);
        }
        return null;
    }

    private static AggregateFunction approxPercentile(List<SqlType> arguments, SqlType returnType) {
        int arity = arguments.size();
        if (arity < 2 || arity > 4) {
            return null;
        }
        boolean integral = arguments.get(0) != PrimitiveType.DOUBLE;
        int percentileIndex = arity == 2 ? 1 : 2;
        boolean percentileArray = arguments.get(percentileIndex) instanceof ArrayType;
        ApproxPercentile aggregation = new ApproxPercentile(integral, arity == 2 ? -1 : 1, percentileIndex, arity == 4 ? 3 : -1, percentileArray);
        return object(aggregation, returnType);
    }

    private static AggregateFunction moments(String name) {
        MomentsAccumulator.Statistic statistic;
        switch (name) {
            case "stddev":
            case "stddev_samp":
                statistic = MomentsAccumulator.Statistic.STDDEV_SAMP;
                break;
            case "stddev_pop":
                statistic = MomentsAccumulator.Statistic.STDDEV_POP;
                break;
            case "variance":
            case "var_samp":
                statistic = MomentsAccumulator.Statistic.VAR_SAMP;
                break;
            case "var_pop":
                statistic = MomentsAccumulator.Statistic.VAR_POP;
                break;
            case "skewness":
                statistic = MomentsAccumulator.Statistic.SKEWNESS;
                break;
            case "kurtosis":
                statistic = MomentsAccumulator.Statistic.KURTOSIS;
                break;
            default:
                return null;
        }
        return primitive(PrimitiveType.DOUBLE, MomentsAccumulator.intermediateTypes(statistic), () -> new MomentsAccumulator(statistic));
    }

    private static AggregateFunction covariance(String name) {
        CovarianceAccumulator.Statistic statistic;
        switch (name) {
            case "covar_pop":
                statistic = CovarianceAccumulator.Statistic.COVAR_POP;
                break;
            case "covar_samp":
                statistic = CovarianceAccumulator.Statistic.COVAR_SAMP;
                break;
            case "corr":
                statistic = CovarianceAccumulator.Statistic.CORR;
                break;
            case "regr_slope":
                statistic = CovarianceAccumulator.Statistic.REGR_SLOPE;
                break;
            case "regr_intercept":
                statistic = CovarianceAccumulator.Statistic.REGR_INTERCEPT;
                break;
            default:
                return null;
        }
        return primitive(PrimitiveType.DOUBLE, CovarianceAccumulator.INTERMEDIATE_TYPES, () -> new CovarianceAccumulator(statistic));
    }
}
