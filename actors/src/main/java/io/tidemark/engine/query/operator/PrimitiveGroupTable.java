package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.util.Arrays;

/**
 * The group table of one primitive key (bigint-like, double or boolean): every key is reduced to
 * 64 bits ({@link HashMixing#doubleKeyBits} for doubles, so {@code -0.0} groups with {@code 0.0}
 * and NaNs together) and lives in the slot array itself, so a probe compares longs and never
 * follows a reference or allocates. Null is a group of its own, kept outside the slots. A double
 * group reports its key as the canonical value: {@code 0.0} for {@code -0.0}, {@link Double#NaN}
 * for any NaN. A row whose key equals the row before's (runs of one time bin in a scan) takes that
 * row's group without a probe.
 */
final class PrimitiveGroupTable implements GroupTable {

    private static final int EMPTY = -1;

    private final SqlType type;
    private final Storage storage;
    private long[] slotKeys;
    private int[] slotGroups;
    private int mask;
    private long[] groupKeys;
    private int groupCount;
    private int nullGroup = EMPTY;
    /** The 64-bit form of a double or boolean batch; reused across batches. */
    private long[] converted = new long[0];

    PrimitiveGroupTable(SqlType type, int expectedGroups) {
        this.type = type;
        this.storage = Storage.of(type);
        int capacity = HashMixing.capacityFor(expectedGroups);
        slotKeys = new long[capacity];
        slotGroups = new int[capacity];
        Arrays.fill(slotGroups, EMPTY);
        mask = capacity - 1;
        groupKeys = new long[Math.max(16, expectedGroups)];
    }

    @Override
    public int[] assign(Vector[] keys, int rowCount, boolean add) {
        Vector key = keys[0];
        long[] bits = keyBits(key, rowCount);
        boolean[] nulls = key.nullMask();
        int[] ids = new int[rowCount];
        boolean previousPresent = false;
        for (int i = 0; i < rowCount; i++) {
            if (nulls != null && nulls[i]) {
                if (nullGroup == EMPTY && add) {
                    nullGroup = newGroup(0);
                }
                ids[i] = nullGroup;
                previousPresent = false;
            } else if (previousPresent && bits[i] == bits[i - 1]) {
                ids[i] = ids[i - 1];
            } else {
                ids[i] = find(bits[i], add);
                previousPresent = true;
            }
        }
        return ids;
    }

    private long[] keyBits(Vector key, int rowCount) {
        if (storage == Storage.LONG) {
            return key.longs();
        }
        if (converted.length < rowCount) {
            converted = new long[rowCount];
        }
        if (storage == Storage.DOUBLE) {
            double[] in = key.doubles();
            for (int i = 0; i < rowCount; i++) {
                converted[i] = HashMixing.doubleKeyBits(in[i]);
            }
        } else {
            boolean[] in = key.booleans();
            for (int i = 0; i < rowCount; i++) {
                converted[i] = in[i] ? 1 : 0;
            }
        }
        return converted;
    }

    private int find(long key, boolean add) {
        int slot = (int) HashMixing.mix(key) & mask;
        while (true) {
            int group = slotGroups[slot];
            if (group == EMPTY) {
                if (!add) {
                    return EMPTY;
                }
                group = newGroup(key);
                slotKeys[slot] = key;
                slotGroups[slot] = group;
                if (groupCount * 4L > slotGroups.length * 3L) {
                    rehash();
                }
                return group;
            }
            if (slotKeys[slot] == key) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int newGroup(long key) {
        if (groupCount == groupKeys.length) {
            groupKeys = Arrays.copyOf(groupKeys, groupCount * 2);
        }
        groupKeys[groupCount] = key;
        return groupCount++;
    }

    private void rehash() {
        int capacity = slotGroups.length * 2;
        long[] newKeys = new long[capacity];
        int[] newGroups = new int[capacity];
        Arrays.fill(newGroups, EMPTY);
        int newMask = capacity - 1;
        for (int g = 0; g < groupCount; g++) {
            if (g == nullGroup) {
                continue;
            }
            long key = groupKeys[g];
            int slot = (int) HashMixing.mix(key) & newMask;
            while (newGroups[slot] != EMPTY) {
                slot = (slot + 1) & newMask;
            }
            newKeys[slot] = key;
            newGroups[slot] = g;
        }
        slotKeys = newKeys;
        slotGroups = newGroups;
        mask = newMask;
    }

    @Override
    public int groupCount() {
        return groupCount;
    }

    @Override
    public Vector[] keys() {
        boolean[] nulls = null;
        if (nullGroup != EMPTY) {
            nulls = new boolean[groupCount];
            nulls[nullGroup] = true;
        }
        switch (storage) {
            case LONG:
                return new Vector[] {Vector.ofLongs(type, Arrays.copyOf(groupKeys, groupCount), nulls, groupCount)};
            case DOUBLE: {
                double[] values = new double[groupCount];
                for (int g = 0; g < groupCount; g++) {
                    values[g] = Double.longBitsToDouble(groupKeys[g]);
                }
                return new Vector[] {Vector.ofDoubles(type, values, nulls, groupCount)};
            }
            default: {
                boolean[] values = new boolean[groupCount];
                for (int g = 0; g < groupCount; g++) {
                    values[g] = groupKeys[g] != 0;
                }
                return new Vector[] {Vector.ofBooleans(type, values, nulls, groupCount)};
            }
        }
    }

    @Override
    public long estimatedBytes() {
        return slotGroups.length * 12L + groupKeys.length * 8L + converted.length * 8L;
    }
}
