package io.tidemark.engine.query.window;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.SortKey;
import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Values;
import io.tidemark.engine.query.vector.Vector;
import java.util.List;

/**
 * Every row's frame as sorted indexes {@code [start[k], end[k])} of a {@link PartitionLayout}
 * (empty when {@code start == end}). RANGE offsets are found by binary search on the single
 * ORDER BY key among the partition's non-null keys; a row whose key is null has its null peers as
 * the offset end of its frame.
 */
final class FrameBounds {

    /** Bytes held per input row: both bounds. */
    static final long BYTES_PER_ROW = 2L * Integer.BYTES;

    final int[] start;
    final int[] end;

    private FrameBounds(int[] start, int[] end) {
        this.start = start;
        this.end = end;
    }

    static FrameBounds of(Frame frame, PartitionLayout layout, Batch input, List<SortKey> orderBy) {
        int rowCount = layout.sorted.length;
        RangeKey rangeKey = null;
        if (frame.unit() == Frame.Unit.RANGE && (frame.start().hasOffset() || frame.end().hasOffset())) {
            if (orderBy.size() != 1) {
                throw new QueryFunctionException("cannot use a RANGE frame with an offset: the window must have exactly one ORDER BY key, keys="
                        + orderBy.size());
            }
            rangeKey = new RangeKey(input.column(orderBy.get(0).channel()), orderBy.get(0), layout.sorted);
        }
        int[] start = new int[rowCount];
        int[] end = new int[rowCount];
        for (int p = 0; p < layout.partitionCount(); p++) {
            int from = layout.partitionStarts[p];
            int to = layout.partitionStarts[p + 1];
            int nonNullFrom = from;
            int nonNullTo = to;
            if (rangeKey != null) {
                while (nonNullFrom < to && rangeKey.isNull(nonNullFrom)) {
                    nonNullFrom++;
                }
                while (nonNullTo > nonNullFrom && rangeKey.isNull(nonNullTo - 1)) {
                    nonNullTo--;
                }
            }
            for (int k = from; k < to; k++) {
                int s;
                int e;
                if (frame.unit() == Frame.Unit.ROWS) {
                    s = rowsBound(frame.start(), k, from, to, false);
                    e = rowsBound(frame.end(), k, from, to, true);
                } else {
                    s = rangeBound(frame.start(), k, from, to, layout, rangeKey, nonNullFrom, nonNullTo, false);
                    e = rangeBound(frame.end(), k, from, to, layout, rangeKey, nonNullFrom, nonNullTo, true);
                }
                start[k] = s;
                end[k] = Math.max(s, e);
            }
        }
        return new FrameBounds(start, end);
    }

    /** A ROWS bound: the first index of the frame, or (for {@code isEnd}) one past its last. */
    private static int rowsBound(Frame.Bound bound, int k, int from, int to, boolean isEnd) {
        int exclusive = isEnd ? 1 : 0;
        switch (bound.type()) {
            case UNBOUNDED_PRECEDING:
                return from;
            case UNBOUNDED_FOLLOWING:
                return to;
            case CURRENT_ROW:
                return k + exclusive;
            case PRECEDING:
                return (int) Math.max(from, Math.min(to, (long) k - bound.offset().longValue() + exclusive));
            default:
                return (int) Math.max(from, Math.min(to, saturatedAdd(k + exclusive, bound.offset().longValue())));
        }
    }

    private static int rangeBound(Frame.Bound bound, int k, int from, int to, PartitionLayout layout, RangeKey key, int nonNullFrom,
            int nonNullTo, boolean isEnd) {
        switch (bound.type()) {
            case UNBOUNDED_PRECEDING:
                return from;
            case UNBOUNDED_FOLLOWING:
                return to;
            case CURRENT_ROW:
                return isEnd ? layout.peerEnd[k] : layout.peerStart[k];
            default:
                if (key.isNull(k)) {
                    return isEnd ? layout.peerEnd[k] : layout.peerStart[k];
                }
                boolean preceding = bound.type() == Frame.BoundType.PRECEDING;
                return key.search(k, bound.offset(), preceding, isEnd, nonNullFrom, nonNullTo);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** The ORDER BY key of a RANGE frame, read through the sorted positions. */
    private static final class RangeKey {
        private final Vector column;
        private final int[] sorted;
        /** +1 for ascending order, -1 for descending: order space is value space times this. */
        private final int direction;

        RangeKey(Vector column, SortKey key, int[] sorted) {
            if (column.storage() != Storage.LONG && column.storage() != Storage.DOUBLE) {
                throw new QueryFunctionException("cannot use a RANGE frame with an offset over a key of type " + column.type().displayName()
                        + ": the key must be numeric, a date/time or an interval");
            }
            this.column = column;
            this.sorted = sorted;
            this.direction = key.ascending() ? 1 : -1;
        }

        boolean isNull(int k) {
            return column.isNull(sorted[k]);
        }

        /**
         * The first index in {@code [from, to)} whose key, in order space, is at or past (for a
         * start) or strictly past (for an end) the current key moved back (preceding) or forward by
         * {@code offset}.
         */
        int search(int k, Number offset, boolean preceding, boolean strictlyPast, int from, int to) {
            int low = from;
            int high = to;
            int sign = preceding ? -direction : direction;
            boolean doubles = column.storage() == Storage.DOUBLE || offset instanceof Double;
            double doubleTarget = doubles ? value(k) + sign * offset.doubleValue() : 0;
            long longTarget = doubles ? 0 : shifted(column.getLong(sorted[k]), sign, offset.longValue());
            while (low < high) {
                int middle = (low + high) >>> 1;
                int c = doubles ? Values.compareDoubles(value(middle), doubleTarget) : Long.compare(column.getLong(sorted[middle]), longTarget);
                c *= direction;
                if (c > 0 || !strictlyPast && c == 0) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            return low;
        }

        private double value(int k) {
            int row = sorted[k];
            return column.storage() == Storage.DOUBLE ? column.getDouble(row) : column.getLong(row);
        }

        private static long shifted(long value, int sign, long offset) {
            long delta = sign > 0 ? offset : -offset;
            long sum = value + delta;
            if (((value ^ sum) & (delta ^ sum)) < 0) {
                return delta > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
            }
            return sum;
        }
    }
}
