package io.tidemark.engine.query.vector;

import java.util.List;

/**
 * Compares rows of one batch by a list of {@link SortKey}s, reading the primitive arrays directly;
 * the building block of ORDER BY, top-N and window partitioning.
 */
public final class RowComparator {

    /** Runs this short are sorted by insertion: fewer comparisons than merging them. */
    private static final int INSERTION_SORT_LIMIT = 16;

    private final Vector[] columns;
    private final SortKey[] keys;

    public RowComparator(Batch batch, List<SortKey> keys) {
        this.keys = keys.toArray(new SortKey[0]);
        this.columns = new Vector[this.keys.length];
        for (int i = 0; i < this.keys.length; i++) {
            columns[i] = batch.column(this.keys[i].channel());
        }
    }

    public int compare(int left, int right) {
        for (int k = 0; k < keys.length; k++) {
            Vector column = columns[k];
            SortKey key = keys[k];
            boolean leftNull = column.isNull(left);
            boolean rightNull = column.isNull(right);
            int c;
            if (leftNull || rightNull) {
                if (leftNull && rightNull) {
                    continue;
                }
                c = leftNull == key.nullsFirst() ? -1 : 1;
                return c;
            }
            switch (column.storage()) {
                case LONG:
                    c = Long.compare(column.getLong(left), column.getLong(right));
                    break;
                case DOUBLE:
                    c = Values.compareDoubles(column.getDouble(left), column.getDouble(right));
                    break;
                case BOOLEAN:
                    c = Boolean.compare(column.getBoolean(left), column.getBoolean(right));
                    break;
                default:
                    c = Values.compare(column.type(), column.getObject(left), column.getObject(right));
            }
            if (c != 0) {
                return key.ascending() ? c : -c;
            }
        }
        return 0;
    }

    /** The row positions {@code 0..rowCount} in this comparator's order (stable). */
    public int[] sortedPositions(int rowCount) {
        int[] positions = new int[rowCount];
        for (int i = 0; i < rowCount; i++) {
            positions[i] = i;
        }
        sort(positions, rowCount);
        return positions;
    }

    /**
     * Sorts {@code positions[0..count)} stably by this comparator: a merge sort on primitive ints
     * (insertion sort below {@link #INSERTION_SORT_LIMIT} elements, and no merge when two runs are
     * already in order), so no position is ever boxed.
     */
    public void sort(int[] positions, int count) {
        if (count < 2) {
            return;
        }
        int[] scratch = java.util.Arrays.copyOf(positions, count);
        mergeSort(scratch, positions, 0, count);
    }

    /** Sorts {@code source[from..to)} into {@code target[from..to)}; both start with the same contents. */
    private void mergeSort(int[] source, int[] target, int from, int to) {
        int length = to - from;
        if (length <= INSERTION_SORT_LIMIT) {
            for (int i = from + 1; i < to; i++) {
                int value = target[i];
                int j = i - 1;
                while (j >= from && compare(target[j], value) > 0) {
                    target[j + 1] = target[j];
                    j--;
                }
                target[j + 1] = value;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(target, source, from, middle);
        mergeSort(target, source, middle, to);
        if (compare(source[middle - 1], source[middle]) <= 0) {
            System.arraycopy(source, from, target, from, length);
            return;
        }
        int left = from;
        int right = middle;
        for (int i = from; i < to; i++) {
            if (right >= to || (left < middle && compare(source[left], source[right]) <= 0)) {
                target[i] = source[left++];
            } else {
                target[i] = source[right++];
            }
        }
    }
}
