package io.tidemark.engine.query.vector;

import java.util.List;

/**
 * Compares rows of one batch by a list of {@link SortKey}s, reading the primitive arrays directly;
 * the building block of ORDER BY, top-N and window partitioning.
 */
public final class RowComparator {

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
        Integer[] boxed = new Integer[rowCount];
        for (int i = 0; i < rowCount; i++) {
            boxed[i] = i;
        }
        java.util.Arrays.sort(boxed, this::compare);
        int[] positions = new int[rowCount];
        for (int i = 0; i < rowCount; i++) {
            positions[i] = boxed[i];
        }
        return positions;
    }
}
