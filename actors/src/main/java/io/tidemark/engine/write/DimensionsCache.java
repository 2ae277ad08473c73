package io.tidemark.engine.write;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import net.openhft.hashing.LongHashFunction;

/**
 * Checked Dimensions lists by the bytes they were read from, so that a reader streaming
 * WriteRecords from the wire checks a list (and builds its series key) once, and afterwards pays
 * a hash and a comparison of bytes each time the same list comes again (a host writing every
 * interval). Only results without a request-rule break are kept ({@link RecordDimensions#isReusable}).
 * Each {@link Entry} also remembers the list that came after it last time ({@link Entry#next}):
 * writers send their series in the same order every interval, so a reader can compare the input
 * with that list's bytes first and skip the scan, the hash and the lookup when they match.
 * The results depend on the {@link WriteLimits} they were checked with: one cache per engine.
 * Bounded: when full it is emptied and fills again with the lists in use (an entry's hint only
 * names an entry of its own filling, so a reader following hints keeps at most one emptied filling
 * alive). Thread-safe.
 */
public final class DimensionsCache {

    private static final LongHashFunction XXH3 = LongHashFunction.xx3();

    private final int maxEntries;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Counts the times the cache was emptied. */
    private volatile int filling;

    /** @param maxEntries lists kept at most (each costs about its bytes three times over) */
    public DimensionsCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("cannot size dimensions cache: maxEntries=" + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /** A checked list and the bytes it was read from. */
    public static final class Entry {
        private final byte[] bytes;
        private final RecordDimensions dimensions;
        private final int filling;
        /**
         * The entry read right after this one last time, or null: a hint only. Threads sharing the
         * entry may race on it; an entry is immutable but for this hint, so any one they read is right.
         */
        private Entry next;

        private Entry(byte[] bytes, RecordDimensions dimensions, int filling) {
            this.bytes = bytes;
            this.dimensions = dimensions;
            this.filling = filling;
        }

        /** The bytes of the list, from its opening bracket to its closing one; not to be changed. */
        public byte[] bytes() {
            return bytes;
        }

        public RecordDimensions dimensions() {
            return dimensions;
        }

        /** The entry read right after this one last time, or null. */
        public Entry next() {
            return next;
        }

        /** Remembers the entry read right after this one (when both are of one filling of the cache). */
        public void followedBy(Entry entry) {
            if (next != entry && entry.filling == filling) {
                next = entry;
            }
        }
    }

    /** The entry of the list read from {@code bytes[from, to)} before, or null. */
    public Entry get(byte[] bytes, int from, int to) {
        return entries.get(new Key(bytes, from, to));
    }

    /**
     * Keeps a reusable result for the list read from {@code bytes[from, to)} (the bytes are
     * copied); its entry, or null when the result is not reusable.
     */
    public Entry put(byte[] bytes, int from, int to, RecordDimensions dims) {
        if (!dims.isReusable()) {
            return null;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
            filling++;
        }
        byte[] copy = Arrays.copyOfRange(bytes, from, to);
        Entry entry = new Entry(copy, dims, filling);
        entries.put(new Key(copy, 0, copy.length), entry);
        return entry;
    }

    private static final class Key {
        private final byte[] bytes;
        private final int from;
        private final int to;
        private final int hash;

        Key(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.from = from;
            this.to = to;
            this.hash = Long.hashCode(XXH3.hashBytes(bytes, from, to - from));
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return hash == k.hash && Arrays.equals(bytes, from, to, k.bytes, k.from, k.to);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
