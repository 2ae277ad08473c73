package io.tidemark.engine.query.fragment;

import io.tidemark.storage.chunk.ColumnStats;
import java.util.Objects;

/**
 * A conjunct of a fragment's WHERE clause of the form {@code column op constant} over a DOUBLE
 * value column ({@code usage_user > 90}): a chunk whose header stats show that no value of the
 * column satisfies it has no row that passes the filter, so the scan skips it without decoding a
 * value. A null never satisfies a comparison, so a chunk without the column is skipped too.
 *
 * @param channel the scanned column compared
 */
public record ValueBound(int channel, Operator operator, double constant) {

    /** The comparisons a bound can be, the column on the left. */
    public enum Operator {
        LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, EQUAL
    }

    public ValueBound {
        Objects.requireNonNull(operator, "operator");
    }

    /**
     * False when no present value of a chunk column with these stats satisfies the bound (also when
     * none is present); true when one may. A chunk that may hold NaN (its sum is NaN: the header's
     * extremes leave NaN out) always may, and so does a bound against NaN.
     */
    public boolean mayHold(ColumnStats stats) {
        if (!(stats instanceof ColumnStats.DoubleStats d)) {
            return true;
        }
        if (d.nonNullCount() == 0) {
            return false;
        }
        if (Double.isNaN(d.sum()) || Double.isNaN(constant)) {
            return true;
        }
        switch (operator) {
            case LESS:
                return d.min() < constant;
            case LESS_OR_EQUAL:
                return d.min() <= constant;
            case GREATER:
                return d.max() > constant;
            case GREATER_OR_EQUAL:
                return d.max() >= constant;
            default:
                return d.min() <= constant && d.max() >= constant;
        }
    }
}
