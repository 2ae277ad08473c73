package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.util.Arrays;
import java.util.List;

/**
 * The general group table: any number of key columns of any type (and a single varchar or
 * complex key). A batch is hashed column by column into a {@code long[]} first; a probe then
 * compares the stored 32-bit group hash before comparing the keys column by column, so most
 * mismatches cost one int comparison. Slots hold group ids only; keys live per column in
 * {@link GroupKeyColumn}s, indexed by group id.
 */
final class MultiKeyGroupTable implements GroupTable {

    private static final int EMPTY = -1;

    private final GroupKeyColumn[] columns;
    private int[] slotGroups;
    private int mask;
    private int[] groupHashes;
    private int groupCount;
    private long[] rowHashes = new long[0];

    MultiKeyGroupTable(List<SqlType> keyTypes, int expectedGroups) {
        columns = new GroupKeyColumn[keyTypes.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = GroupKeyColumn.of(keyTypes.get(c));
        }
        int capacity = HashMixing.capacityFor(expectedGroups);
        slotGroups = new int[capacity];
        Arrays.fill(slotGroups, EMPTY);
        mask = capacity - 1;
        groupHashes = new int[Math.max(16, expectedGroups)];
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

    private int find(Vector[] keys, int row, int hash, boolean add) {
        int slot = hash & mask;
        while (true) {
            int group = slotGroups[slot];
            if (group == EMPTY) {
                if (!add) {
                    return EMPTY;
                }
                group = newGroup(keys, row, hash);
                slotGroups[slot] = group;
                if (groupCount * 4L > slotGroups.length * 3L) {
                    rehash();
                }
                return group;
            }
            if (groupHashes[group] == hash && matches(group, keys, row)) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean matches(int group, Vector[] keys, int row) {
        for (int c = 0; c < columns.length; c++) {
            if (!columns[c].matches(group, keys[c], row)) {
                return false;
            }
        }
        return true;
    }

    private int newGroup(Vector[] keys, int row, int hash) {
        int group = groupCount++;
        if (group == groupHashes.length) {
            groupHashes = Arrays.copyOf(groupHashes, group * 2);
        }
        groupHashes[group] = hash;
        for (int c = 0; c < columns.length; c++) {
            columns[c].add(group, keys[c], row);
        }
        return group;
    }

    private void rehash() {
        int capacity = slotGroups.length * 2;
        int[] newGroups = new int[capacity];
        Arrays.fill(newGroups, EMPTY);
        int newMask = capacity - 1;
        for (int g = 0; g < groupCount; g++) {
            int slot = groupHashes[g] & newMask;
            while (newGroups[slot] != EMPTY) {
                slot = (slot + 1) & newMask;
            }
            newGroups[slot] = g;
        }
        slotGroups = newGroups;
        mask = newMask;
    }

    @Override
    public int groupCount() {
        return groupCount;
    }

    @Override
    public Vector[] keys() {
        Vector[] keys = new Vector[columns.length];
        for (int c = 0; c < columns.length; c++) {
            keys[c] = columns[c].build(groupCount);
        }
        return keys;
    }

    @Override
    public long estimatedBytes() {
        long perGroup = 4;
        for (GroupKeyColumn column : columns) {
            perGroup += column.bytesPerGroup();
        }
        return slotGroups.length * 4L + groupHashes.length * perGroup + rowHashes.length * 8L;
    }
}
