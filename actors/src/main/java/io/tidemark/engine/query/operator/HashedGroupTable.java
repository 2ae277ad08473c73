package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.vector.Vector;
import java.util.Arrays;

/**
 * A group table whose keys live outside the slots: slots hold group ids, and each group keeps its
 * 32-bit hash, so a probe compares that int before the keys (most mismatches cost one int
 * comparison) and growing the table never reads a key. Subclasses store the keys and compare a
 * row with a group.
 */
abstract class HashedGroupTable implements GroupTable {

    static final int EMPTY = -1;

    private int[] slotGroups;
    private int mask;
    private int[] groupHashes;
    private int groupCount;

    HashedGroupTable(int expectedGroups) {
        int capacity = HashMixing.capacityFor(expectedGroups);
        slotGroups = new int[capacity];
        Arrays.fill(slotGroups, EMPTY);
        mask = capacity - 1;
        groupHashes = new int[Math.max(16, expectedGroups)];
    }

    /** True if row {@code row} of {@code keys} has the key of {@code group}. */
    abstract boolean matches(int group, Vector[] keys, int row);

    /** Stores row {@code row}'s key as the key of the new group {@code group}. */
    abstract void store(int group, Vector[] keys, int row);

    /** The group of row {@code row}, whose hash is {@code hash}: found, added (when {@code add}) or {@link #EMPTY}. */
    final int find(Vector[] keys, int row, int hash, boolean add) {
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

    /** A group that is in no slot (the null key of a single-column table). */
    final int newUnslottedGroup(Vector[] keys, int row) {
        return newGroup(keys, row, EMPTY);
    }

    private int newGroup(Vector[] keys, int row, int hash) {
        int group = groupCount++;
        if (group == groupHashes.length) {
            groupHashes = Arrays.copyOf(groupHashes, group * 2);
        }
        groupHashes[group] = hash;
        store(group, keys, row);
        return group;
    }

    private void rehash() {
        int capacity = slotGroups.length * 2;
        int[] newGroups = new int[capacity];
        Arrays.fill(newGroups, EMPTY);
        int newMask = capacity - 1;
        for (int g = 0; g < groupCount; g++) {
            if (isUnslotted(g)) {
                continue;
            }
            int slot = groupHashes[g] & newMask;
            while (newGroups[slot] != EMPTY) {
                slot = (slot + 1) & newMask;
            }
            newGroups[slot] = g;
        }
        slotGroups = newGroups;
        mask = newMask;
    }

    /** True for a group made by {@link #newUnslottedGroup}. */
    boolean isUnslotted(int group) {
        return false;
    }

    @Override
    public final int groupCount() {
        return groupCount;
    }

    /** Bytes of the slots and group hashes plus {@code bytesPerGroup} for each group's stored key. */
    final long estimatedBytes(long bytesPerGroup) {
        return slotGroups.length * 4L + groupHashes.length * (4 + bytesPerGroup);
    }
}
