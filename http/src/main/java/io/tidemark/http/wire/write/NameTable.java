package io.tidemark.http.wire.write;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings for short texts that repeat from record to record (member names, measure and attribute
 * names, dimension names, enum values), looked up by their characters so that reading one again
 * costs a hash, not a string. Each comes as a {@link Name} with its UTF-8 bytes, so that a reader
 * can compare the input with the name it expects as bytes (and, quoted, before reading a token). The seed strings (the member names the
 * reader switches on) are always in the table as the very constants the reader's {@code switch}
 * compares with, which makes that comparison an identity check. Bounded: when full it is emptied
 * (but for the seeds) and fills again. Its strings are {@linkplain String#intern interned} (the JVM's
 * table holds them weakly), so that the same text read by two threads' tables is one instance. Not
 * thread-safe.
 */
final class NameTable {

    /**
     * A text of the table: the string and its UTF-8 bytes (never changed), or null bytes for a
     * string UTF-8 cannot carry (an unpaired surrogate, which would encode as {@code ?} and so
     * match a {@code ?} written plainly).
     */
    static final class Name {
        final String text;
        final byte[] utf8;
        /** The text as {@link JsonCursor#plainQuoted} writes it, or null: what the cursor compares the input with. */
        final JsonCursor.Quoted quoted;

        private Name(String text) {
            this.text = text;
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            this.utf8 = new String(bytes, StandardCharsets.UTF_8).equals(text) ? bytes : null;
            this.quoted = JsonCursor.plainQuoted(text);
        }
    }

    private static final int CAPACITY = 4096;
    /** Longer texts are rarely names worth keeping. */
    private static final int MAX_LENGTH = 128;

    private final Name[] names = new Name[CAPACITY];
    private final int[] hashes = new int[CAPACITY];
    private final String[] seeds;
    private int size;

    NameTable(String... seeds) {
        this.seeds = seeds.clone();
        seed();
    }

    /** The name of {@code chars[offset, offset + length)}. */
    Name get(char[] chars, int offset, int length) {
        if (length > MAX_LENGTH) {
            return new Name(new String(chars, offset, length));
        }
        int hash = hash(chars, offset, length);
        int slot = find(hash, chars, offset, length);
        if (names[slot] != null) {
            return names[slot];
        }
        if (size >= CAPACITY / 2) {
            Arrays.fill(names, null);
            size = 0;
            seed();
            slot = find(hash, chars, offset, length);
            if (names[slot] != null) {
                return names[slot];
            }
        }
        // Interned: every thread's table then hands out the same instance of a text, and the enum names
        // (MeasureType, TimeUnit) are the constants themselves, so the engine's comparisons of names and
        // enum values across records, threads and cached lists are identity checks.
        return insert(slot, hash, new String(chars, offset, length).intern());
    }

    /** The slot holding the text, or the empty slot where it belongs. */
    private int find(int hash, char[] chars, int offset, int length) {
        int mask = CAPACITY - 1;
        for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
            Name n = names[slot];
            if (n == null || (hashes[slot] == hash && matches(n.text, chars, offset, length))) {
                return slot;
            }
        }
    }

    private Name insert(int slot, int hash, String s) {
        Name n = new Name(s);
        names[slot] = n;
        hashes[slot] = hash;
        size++;
        return n;
    }

    private void seed() {
        for (String s : seeds) {
            char[] chars = s.toCharArray();
            int hash = hash(chars, 0, chars.length);
            int slot = find(hash, chars, 0, chars.length);
            if (names[slot] == null) {
                insert(slot, hash, s);
            }
        }
    }

    private static int hash(char[] chars, int offset, int length) {
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[offset + i];
        }
        return hash;
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
