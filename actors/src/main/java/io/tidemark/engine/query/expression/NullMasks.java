package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.vector.Vector;

/**
 * Null masks of results that are null wherever an input is (null propagation). A vector's arrays are
 * never written once it holds them, so a result shares its input's mask where it can.
 */
final class NullMasks {

    private NullMasks() {
    }

    /** The union of both inputs' null rows (shared when only one has any), or null when neither has one. */
    static boolean[] either(Vector left, Vector right, int rowCount) {
        boolean[] a = left.nullMask();
        boolean[] b = right.nullMask();
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        boolean[] out = new boolean[rowCount];
        for (int i = 0; i < rowCount; i++) {
            out[i] = a[i] | b[i];
        }
        return out;
    }

    /** The input's mask, shared: for results that are null exactly where the input is. */
    static boolean[] of(Vector input) {
        return input.nullMask();
    }

    /** A private copy of one input's mask, for a result that marks more rows null as it goes. */
    static boolean[] copyOf(Vector input, int rowCount) {
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
