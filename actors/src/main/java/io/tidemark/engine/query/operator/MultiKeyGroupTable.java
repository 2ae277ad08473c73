package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.util.Arrays;
import java.util.List;

/**
 * The general group table: any number of key columns of any type. A batch is hashed column by
 * column into a {@code long[]} first, then each row probes; keys live per column in
 * {@link GroupKeyColumn}s, indexed by group id, and compare column by column.
 */
final class MultiKeyGroupTable extends HashedGroupTable {

    private final GroupKeyColumn[] columns;
    private long[] rowHashes = new long[0];

    MultiKeyGroupTable(List<SqlType> keyTypes, int expectedGroups) {
        super(expectedGroups);
        columns = new GroupKeyColumn[keyTypes.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = GroupKeyColumn.of(keyTypes.get(c));
        }
    }

    @Override
    public int[] assign(Vector[] keys, int rowCount, boolean add) {
        if (rowHashes.length < rowCount) {
            rowHashes = new long[rowCount];
        }
        Arrays.fill(rowHashes, 0, rowCount, 0L);
        for (int c = 0; c < columns.length; c++) {
            columns[c].hash(keys[c], rowCount, rowHashes);
        }
        int[] ids = new int[rowCount];
        for (int i = 0; i < rowCount; i++) {
            ids[i] = find(keys, i, (int) HashMixing.mix(rowHashes[i]), add);
        }
        return ids;
    }

    @Override
    boolean matches(int group, Vector[] keys, int row) {
        for (int c = 0; c < columns.length; c++) {
            if (!columns[c].matches(group, keys[c], row)) {
                return false;
            }
        }
        return true;
    }

    @Override
    void store(int group, Vector[] keys, int row) {
        for (int c = 0; c < columns.length; c++) {
            columns[c].add(group, keys[c], row);
        }
    }

    @Override
    public Vector[] keys() {
        Vector[] keys = new Vector[columns.length];
        for (int c = 0; c < columns.length; c++) {
            keys[c] = columns[c].build(groupCount());
        }
        return keys;
    }

    @Override
    public long estimatedBytes() {
        long perGroup = 0;
        for (GroupKeyColumn column : columns) {
            perGroup += column.bytesPerGroup();
        }
        return estimatedBytes(perGroup) + rowHashes.length * 8L;
    }
}
