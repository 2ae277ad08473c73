package io.tidemark.engine.query.window;

import io.tidemark.engine.query.function.QueryFunctionException;
import java.util.Objects;

/**
 * A window frame: which rows of its partition, relative to the current row, a frame-scoped window
 * function sees. ROWS counts rows; RANGE measures distance on the single ORDER BY key (a
 * {@link Long} offset for integer, timestamp or interval keys — timestamps and day-to-second
 * intervals in nanoseconds — or a {@link Double} for double keys). Without a frame clause the
 * frame is {@link #DEFAULT}: with ORDER BY the rows up to the current row's last peer, without it
 * (every row being a peer) the whole partition.
 */
public record Frame(Unit unit, Bound start, Bound end) {

    public static final Frame DEFAULT = new Frame(Unit.RANGE, Bound.unboundedPreceding(), Bound.currentRow());

    public enum Unit {
        ROWS, RANGE
    }

    public enum BoundType {
        UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING
    }

    /** One end of a frame; {@code offset} is set exactly for PRECEDING and FOLLOWING and is not negative. */
    public record Bound(BoundType type, Number offset) {

        public Bound {
            Objects.requireNonNull(type, "type");
            boolean needsOffset = type == BoundType.PRECEDING || type == BoundType.FOLLOWING;
            if (needsOffset != (offset != null)) {
                throw new IllegalArgumentException("cannot build a frame bound: an offset goes with PRECEDING and FOLLOWING only, type=" + type
                        + ", offset=" + offset);
            }
            if (offset != null && (offset.doubleValue() < 0 || Double.isNaN(offset.doubleValue()))) {
                throw new QueryFunctionException("Window frame offset value must not be negative or null");
            }
        }

        public static Bound unboundedPreceding() {
            return new Bound(BoundType.UNBOUNDED_PRECEDING, null);
        }

        public static Bound preceding(Number offset) {
            return new Bound(BoundType.PRECEDING, offset);
        }

        public static Bound currentRow() {
            return new Bound(BoundType.CURRENT_ROW, null);
        }

        public static Bound following(Number offset) {
            return new Bound(BoundType.FOLLOWING, offset);
        }

        public static Bound unboundedFollowing() {
            return new Bound(BoundType.UNBOUNDED_FOLLOWING, null);
        }

        boolean hasOffset() {
            return offset != null;
        }
    }

    public Frame {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.type() == BoundType.UNBOUNDED_FOLLOWING || end.type() == BoundType.UNBOUNDED_PRECEDING
                || start.type().ordinal() > end.type().ordinal()) {
            throw new QueryFunctionException("cannot use window frame from " + start.type() + " to " + end.type()
                    + ": the frame must not start after it ends");
        }
    }

    public static Frame rows(Bound start, Bound end) {
        return new Frame(Unit.ROWS, start, end);
    }

    public static Frame range(Bound start, Bound end) {
        return new Frame(Unit.RANGE, start, end);
    }
}
