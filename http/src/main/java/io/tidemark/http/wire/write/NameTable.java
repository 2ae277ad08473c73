package io.tidemark.http.wire.write;

import java.util.Arrays;

/**
 * Strings for short texts that repeat from record to record (measure and attribute names,
 * dimension names, enum values), looked up by their characters so that reading one again costs
 * a hash, not a string. Bounded: when full it is emptied and fills again. Not thread-safe.
 */
final class NameTable {

    private static final int CAPACITY = 4096;
    /** Longer texts are rarely names worth keeping. */
    private static final int MAX_LENGTH = 128;

    private final String[] strings = new String[CAPACITY];
    private final int[] hashes = new int[CAPACITY];
    private int size;

    /** The string of {@code chars[offset, offset + length)}. */
    String get(char[] chars, int offset, int length) {
        if (length > MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[offset + i];
        }
        int mask = CAPACITY - 1;
        for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
            String s = strings[slot];
            if (s == null) {
                return add(slot, hash, new String(chars, offset, length));
            }
            if (hashes[slot] == hash && matches(s, chars, offset, length)) {
                return s;
            }
        }
    }

    private String add(int slot, int hash, String s) {
        if (size >= CAPACITY / 2) {
            Arrays.fill(strings, null);
            size = 0;
            return get(s.toCharArray(), 0, s.length());
        }
        strings[slot] = s;
        hashes[slot] = hash;
        size++;
        return s;
    }

    private static boolean matches(String s, char[] chars, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private static int mix(int hash) {
        return hash ^ (hash >>> 16) * 0x45d9f3b;
    }
}
