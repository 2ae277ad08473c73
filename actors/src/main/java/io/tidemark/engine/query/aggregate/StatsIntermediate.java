package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.storage.chunk.ColumnStats;
import java.util.List;
import java.util.Optional;

/**
 * How an aggregate reads its intermediate state over a whole chunk off the chunk's column stats
 * ({@link AggregateFunction#intermediateFromStats}), in the layout its accumulator's
 * {@link Accumulator#intermediate} uses: count, sum, min, max and avg over DOUBLE and BIGINT
 * columns, min and max of {@code time}, and min_by/max_by of a DOUBLE or BIGINT column by
 * {@code time}. A BIGINT sum that overflowed in the header, a DOUBLE minimum or maximum of a chunk
 * that may hold NaN (its sum is NaN; the header's extremes ignore NaN, the accumulator orders it
 * greatest), and a min_by/max_by value column present in some rows only (the header's first and
 * last are of present rows, not of the first and last row), are not answered.
 */
@FunctionalInterface
interface StatsIntermediate {

    StatsIntermediate NONE = (rowCount, arguments) -> Optional.empty();

    /** The state from the arguments' stats, as {@link AggregateFunction#intermediateFromStats} defines them. */
    Optional<Vector[]> of(int rowCount, List<ColumnStats> arguments);

    /** count(*) counts rows, count(x) the present values. */
    static StatsIntermediate count(CountAccumulator.Mode mode) {
        switch (mode) {
            case ROWS:
                return (rowCount, arguments) -> state(PrimitiveType.BIGINT, rowCount);
            case NON_NULL:
                return (rowCount, arguments) -> arguments.size() != 1 ? Optional.empty()
                        : state(PrimitiveType.BIGINT, arguments.get(0).nonNullCount());
            default:
                return NONE;
        }
    }

    /** sum(x) of a DOUBLE or BIGINT column: the header's sum, null over no values. */
    static StatsIntermediate sum(SqlType type) {
        return (rowCount, arguments) -> {
            ColumnStats argument = only(arguments);
            if (type == PrimitiveType.DOUBLE && argument instanceof ColumnStats.DoubleStats d) {
                return d.nonNullCount() == 0 ? nullState(type) : state(type, d.sum());
            }
            if (type == PrimitiveType.BIGINT && argument instanceof ColumnStats.LongStats l && !l.sumOverflowed()) {
                return l.nonNullCount() == 0 ? nullState(type) : state(type, l.sum());
            }
            return Optional.empty();
        };
    }

    /** min(x)/max(x) of a DOUBLE, BIGINT or TIMESTAMP column: the header's extreme, null over no values. */
    static StatsIntermediate extremum(SqlType type, boolean max) {
        return (rowCount, arguments) -> {
            ColumnStats argument = only(arguments);
            if (type == PrimitiveType.DOUBLE && argument instanceof ColumnStats.DoubleStats d && !Double.isNaN(d.sum())) {
                return d.nonNullCount() == 0 ? nullState(type) : state(type, max ? d.max() : d.min());
            }
            if ((type == PrimitiveType.BIGINT || type == PrimitiveType.TIMESTAMP) && argument instanceof ColumnStats.LongStats l) {
                return l.nonNullCount() == 0 ? nullState(type) : state(type, max ? l.max() : l.min());
            }
            return Optional.empty();
        };
    }

    /** avg(x) of a DOUBLE or BIGINT column: its sum as a double and its count of values. */
    static StatsIntermediate average() {
        return (rowCount, arguments) -> {
            ColumnStats argument = only(arguments);
            double sum;
            if (argument instanceof ColumnStats.DoubleStats d) {
                sum = d.nonNullCount() == 0 ? 0 : d.sum();
            } else if (argument instanceof ColumnStats.LongStats l && !l.sumOverflowed()) {
                sum = l.nonNullCount() == 0 ? 0 : l.sum();
            } else {
                return Optional.empty();
            }
            return Optional.of(new Vector[] {
                    Vector.ofDoubles(PrimitiveType.DOUBLE, new double[] {sum}, null, 1),
                    Vector.ofLongs(PrimitiveType.BIGINT, new long[] {argument.nonNullCount()}, null, 1)});
        };
    }

    /**
     * min_by(x, time)/max_by(x, time) of a DOUBLE or BIGINT x: the {@link SelectionAggregations.Choice}
     * of the chunk's first or last row, read from x's first or last value when x is present in every
     * row, null when in none; as the {@link PartialState} of {@code aggregation}.
     */
    static StatsIntermediate extremumByTime(boolean max, SelectionAggregations.ExtremumBy aggregation) {
        return (rowCount, arguments) -> {
            if (arguments.size() != 2 || !(arguments.get(1) instanceof ColumnStats.LongStats key)
                    || key.nonNullCount() != rowCount || rowCount == 0) {
                return Optional.empty();
            }
            ColumnStats value = arguments.get(0);
            SelectionAggregations.Choice choice = new SelectionAggregations.Choice();
            if (value.nonNullCount() == 0) {
                choice.value = null;
            } else if (value.nonNullCount() != rowCount) {
                return Optional.empty();
            } else if (value instanceof ColumnStats.DoubleStats d) {
                choice.primitive = Storage.DOUBLE;
                choice.doubleValue = max ? d.last() : d.first();
            } else if (value instanceof ColumnStats.LongStats l) {
                choice.primitive = Storage.LONG;
                choice.longValue = max ? l.last() : l.first();
            } else {
                return Optional.empty();
            }
            choice.longKey = max ? key.max() : key.min();
            choice.chosen = true;
            return Optional.of(new Vector[] {Vector.ofObjects(PrimitiveType.UNKNOWN, new Object[] {PartialState.of(aggregation, choice)}, 1)});
        };
    }

    private static ColumnStats only(List<ColumnStats> arguments) {
        return arguments.size() == 1 ? arguments.get(0) : null;
    }

    private static Optional<Vector[]> state(SqlType type, long value) {
        return Optional.of(new Vector[] {Vector.ofLongs(type, new long[] {value}, null, 1)});
    }

    private static Optional<Vector[]> state(SqlType type, double value) {
        return Optional.of(new Vector[] {Vector.ofDoubles(type, new double[] {value}, null, 1)});
    }

    private static Optional<Vector[]> nullState(SqlType type) {
        return Optional.of(new Vector[] {Vector.nulls(type, 1)});
    }
}
