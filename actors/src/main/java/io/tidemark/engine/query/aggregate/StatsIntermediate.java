package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.storage.chunk.ColumnStats;
import java.util.Optional;

/**
 * How an aggregate reads its intermediate state over a whole chunk off the chunk's column stats
 * ({@link AggregateFunction#intermediateFromStats}), in the layout its accumulator's
 * {@link Accumulator#intermediate} uses: count, sum, min, max and avg over DOUBLE and BIGINT
 * columns. A BIGINT sum that overflowed in the header, and a DOUBLE minimum or maximum of a chunk
 * that may hold NaN (its sum is NaN; the header's extremes ignore NaN, the accumulator orders it
 * greatest), are not answered.
 */
@FunctionalInterface
interface StatsIntermediate {

    StatsIntermediate NONE = (rowCount, argument) -> Optional.empty();

    Optional<Vector[]> of(int rowCount, ColumnStats argument);

    /** count(*) counts rows, count(x) the present values. */
    static StatsIntermediate count(CountAccumulator.Mode mode) {
        switch (mode) {
            case ROWS:
                return (rowCount, argument) -> state(PrimitiveType.BIGINT, rowCount);
            case NON_NULL:
                return (rowCount, argument) -> argument == null ? Optional.empty() : state(PrimitiveType.BIGINT, argument.nonNullCount());
            default:
                return NONE;
        }
    }

    /** sum(x) of a DOUBLE or BIGINT column: the header's sum, null over no values. */
    static StatsIntermediate sum(SqlType type) {
        return (rowCount, argument) -> {
            if (type == PrimitiveType.DOUBLE && argument instanceof ColumnStats.DoubleStats d) {
                return d.nonNullCount() == 0 ? nullState(type) : state(type, d.sum());
            }
            if (type == PrimitiveType.BIGINT && argument instanceof ColumnStats.LongStats l && !l.sumOverflowed()) {
                return l.nonNullCount() == 0 ? nullState(type) : state(type, l.sum());
            }
            return Optional.empty();
        };
    }

    /** min(x)/max(x) of a DOUBLE or BIGINT column: the header's extreme, null over no values. */
    static StatsIntermediate extremum(SqlType type, boolean max) {
        return (rowCount, argument) -> {
            if (type == PrimitiveType.DOUBLE && argument instanceof ColumnStats.DoubleStats d && !Double.isNaN(d.sum())) {
                return d.nonNullCount() == 0 ? nullState(type) : state(type, max ? d.max() : d.min());
            }
            if (type == PrimitiveType.BIGINT && argument instanceof ColumnStats.LongStats l) {
                return l.nonNullCount() == 0 ? nullState(type) : state(type, max ? l.max() : l.min());
            }
            return Optional.empty();
        };
    }

    /** avg(x) of a DOUBLE or BIGINT column: its sum as a double and its count of values. */
    static StatsIntermediate average() {
        return (rowCount, argument) -> {
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
