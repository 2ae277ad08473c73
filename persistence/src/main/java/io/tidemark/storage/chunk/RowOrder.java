package io.tidemark.storage.chunk;

/**
 * Which appended rows a sealed chunk keeps, in time order: a stable sort by time (primitive merge
 * sort of row indices, no boxing), then one row per distinct time — the highest version, and on
 * equal versions the row appended last.
 */
final class RowOrder {

    private RowOrder() {
    }

    /**
     * Rows to keep, ascending by time; null when that is every row in append order (times already
     * strictly increasing), the usual case, so callers can use their arrays as they are. A null
     * {@code versions} means every row has the same version.
     */
    static int[] keep(long[] times, long[] versions, int n) {
        // versions == null: every row has the same version
        boolean strictlyIncreasing = true;
        for (int i = 1; i < n && strictlyIncreasing; i++) {
            strictlyIncreasing = times[i] > times[i - 1];
        }
        if (strictlyIncreasing) {
            return null;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        mergeSort(order, new int[n], 0, n, times);
        int kept = 0;
        int start = 0;
        while (start < n) {
            int end = start + 1;
            int winner = order[start];
            while (end < n && times[order[end]] == times[winner]) {
                // order within a group is append order, so >= lets the later row win a version tie
                if (versions == null || versions[order[end]] >= versions[winner]) {
                    winner = order[end];
                }
                end++;
            }
            order[kept++] = winner;
            start = end;
        }
        return kept == n ? order : java.util.Arrays.copyOf(order, kept);
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, long[] keys) {
        if (to - from < 2) {
            return;
        }
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= from && keys[a[j]] > keys[x]) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, keys);
        mergeSort(a, tmp, mid, to, keys);
        if (keys[a[mid - 1]] <= keys[a[mid]]) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && keys[tmp[i]] <= keys[tmp[j]])) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }
}
