package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.util.Arrays;
import java.util.List;

/**
 * The general group table: any number of key columns of any type. A batch is split into runs of
 * rows whose keys equal the row before's (a scan delivers a series' rows in time order, so
 * dimensions repeat and time bins change rarely), found column by column; only each run's first
 * row is hashed (column by column into a {@code long[]}) and probes, and the whole run takes its
 * group. Keys live per column in {@link GroupKeyColumn}s, indexed by group id, and compare column
 * by column.
 */
final class MultiKeyGroupTable extends HashedGroupTable {

    private final GroupKeyColumn[] columns;
    private long[] rowHashes = new long[0];
    /** Per row, whether its key differs from the row before's; then the rows starting a run. Reused. */
    private boolean[] changed = new boolean[0];
    private int[] runStarts = new int[0];

    MultiKeyGroupTable(List<SqlType> keyTypes, int expectedGroups) {
        super(expectedGroups);
        columns = new GroupKeyColumn[keyTypes.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = GroupKeyColumn.of(keyTypes.get(c));
        }
    }

    @Override
    public int[] assign(Vector[] keys, int rowCount, boolean add) {
        int[] ids = new int[rowCount];
        if (rowCount == 0) {
            return ids;
        }
        if (rowHashes.length < rowCount) {
            rowHashes = new long[rowCount];
            changed = new boolean[rowCount];
            runStarts = new int[rowCount];
        }
        Arrays.fill(changed, 0, rowCount, false);
        for (int c = 0; c < columns.length; c++) {
            columns[c].markChanges(keys[c], rowCount, changed);
        }
        int runs = 0;
        runStarts[runs++] = 0;
        for (int i = 1; i < rowCount; i++) {
            if (changed[i]) {
                runStarts[runs++] = i;
            }
        }
        Arrays.fill(rowHashes, 0, runs, 0L);
        for (int c = 0; c < columns.length; c++) {
            columns[c].hash(keys[c], runStarts, runs, rowHashes);
        }
        for (int r = 0; r < runs; r++) {
            int start = runStarts[r];
            int end = r + 1 < runs ? runStarts[r + 1] : rowCount;
            Arrays.fill(ids, start, end, find(keys, start, (int) HashMixing.mix(rowHashes[r]), add));
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
        return estimatedBytes(perGroup) + rowHashes.length * 13L;
    }
}
