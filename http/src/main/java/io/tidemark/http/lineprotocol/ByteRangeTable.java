package io.tidemark.http.lineprotocol;

import java.util.Arrays;

/**
 * A hash table from byte ranges of one body to small ints, for the names a request repeats (series
 * sections, field keys): keys are offsets into the body, not copies, and a lookup compares the
 * bytes in place, so finding a known name allocates nothing. Open addressing, linear probing;
 * grows at half full. Lives for one request (the body it points into).
 */
final class ByteRangeTable {

    static final int ABSENT = -1;

    private final byte[] body;
    private int[] hashes;
    private int[] starts;
    private int[] lengths;
    private int[] values;
    private int size;

    ByteRangeTable(byte[] body, int capacity) {
        this.body = body;
        int n = Integer.highestOneBit(Math.max(8, capacity) * 2 - 1);
        hashes = new int[n];
        starts = new int[n];
        lengths = new int[n];
        values = new int[n];
        Arrays.fill(values, ABSENT);
    }

    /** The value of {@code body[start, end)}, or {@link #ABSENT}. */
    int get(int start, int end, int hash) {
        int mask = values.length - 1;
        int length = end - start;
        for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
            int v = values[i];
            if (v == ABSENT) {
                return ABSENT;
            }
            if (hashes[i] == hash && lengths[i] == length
                    && Arrays.equals(body, starts[i], starts[i] + length, body, start, end)) {
                return v;
            }
        }
    }

    /** Adds a range not in the table yet. */
    void put(int start, int end, int hash, int value) {
        if ((size + 1) * 2 > values.length) {
            grow();
        }
        insert(start, end - start, hash, value);
        size++;
    }

    private void insert(int start, int length, int hash, int value) {
        int mask = values.length - 1;
        int i = mix(hash) & mask;
        while (values[i] != ABSENT) {
            i = (i + 1) & mask;
        }
        hashes[i] = hash;
        starts[i] = start;
        lengths[i] = length;
        values[i] = value;
    }

    private void grow() {
        int[] oldHashes = hashes;
        int[] oldStarts = starts;
        int[] oldLengths = lengths;
        int[] oldValues = values;
        int n = oldValues.length * 2;
        hashes = new int[n];
        starts = new int[n];
        lengths = new int[n];
        values = new int[n];
        Arrays.fill(values, ABSENT);
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != ABSENT) {
                insert(oldStarts[i], oldLengths[i], oldHashes[i], oldValues[i]);
            }
        }
    }

    private static int mix(int hash) {
        return hash ^ (hash >>> 16) ^ (hash >>> 7);
    }
}
