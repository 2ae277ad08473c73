package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.vector.Vector;

/** Null masks of results that are null wherever an input is (null propagation). */
final class NullMasks {

    private NullMasks() {
    }

    /** The union of both inputs' null rows, or null when neither has one. */
    static boolean[] either(Vector left, Vector right, int rowCount) {
        boolean[] a = left.nullMask();
        boolean[] b = right.nullMask();
        if (a == null) {
            return b == null ? null : copy(b, rowCount);
        }
        if (b == null) {
            return copy(a, rowCount);
        }
        boolean[] out = new boolean[rowCount];
        for (int i = 0; i < rowCount; i++) {
            out[i] = a[i] | b[i];
        }
        return out;
    }

    /** A private copy of one input's mask (results never share a mask they may still write to). */
    static boolean[] of(Vector input, int rowCount) {
        boolean[] mask = input.nullMask();
        return mask == null ? null : copy(mask, rowCount);
    }

    private static boolean[] copy(boolean[] mask, int rowCount) {
        return java.util.Arrays.copyOf(mask, rowCount);
    }

    static boolean isNull(boolean[] mask, int row) {
        return mask != null && mask[row];
    }
}
