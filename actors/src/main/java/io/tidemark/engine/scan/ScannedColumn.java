package io.tidemark.engine.scan;

import io.tidemark.storage.chunk.ColumnSpec;

/**
 * One value column of a scanned series, decoded: only the array of the column's type is set
 * ({@code longs} for BIGINT and TIMESTAMP nanoseconds).
 *
 * @param present per row, whether the row has a value; null when every row has one
 */
public record ScannedColumn(ColumnSpec spec, boolean[] present, double[] doubles, long[] longs, boolean[] booleans,
        String[] strings) {

    public boolean isPresent(int row) {
        return present == null || present[row];
    }
}
