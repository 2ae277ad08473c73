package io.tidemark.engine.query.aggregate;

import java.util.Arrays;

/** Growth of per-group state arrays: at least {@code groupCount} slots, doubling so growth stays amortized O(1). */
final class GroupArrays {

    static final int INITIAL_GROUPS = 16;

    private GroupArrays() {
    }

    private static int grownLength(int length, int groupCount) {
        return Math.max(groupCount, Math.max(INITIAL_GROUPS, length * 2));
    }

    static long[] ensure(long[] array, int groupCount) {
        return array.length >= groupCount ? array : Arrays.copyOf(array, grownLength(array.length, groupCount));
    }

    static double[] ensure(double[] array, int groupCount) {
        return array.length >= groupCount ? array : Arrays.copyOf(array, grownLength(array.length, groupCount));
    }

    static boolean[] ensure(boolean[] array, int groupCount) {
        return array.length >= groupCount ? array : Arrays.copyOf(array, grownLength(array.length, groupCount));
    }

    static Object[] ensure(Object[] array, int groupCount) {
        return array.length >= groupCount ? array : Arrays.copyOf(array, grownLength(array.length, groupCount));
    }

    /** The null mask of a result whose group {@code g} is null when {@code seen[g]} is false; null when every group was seen. */
    static boolean[] unseenMask(boolean[] seen, int groupCount) {
        boolean[] nulls = null;
        for (int g = 0; g < groupCount; g++) {
            if (!seen[g]) {
                if (nulls == null) {
                    nulls = new boolean[groupCount];
                }
                nulls[g] = true;
            }
        }
        return nulls;
    }

    /** True if row {@code row} of a vector with null mask {@code nulls} holds a value. */
    static boolean present(boolean[] nulls, int row) {
        return nulls == null || !nulls[row];
    }
}
