package io.tidemark.engine.write;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import net.openhft.hashing.LongHashFunction;

/**
 * Checked Dimensions lists by the bytes they were read from, so that a reader streaming
 * WriteRecords from the wire checks a list (and builds its series key) once, and afterwards pays
 * a hash and a comparison of bytes each time the same list comes again (a host writing every
 * interval). Only results without a request-rule break are kept ({@link RecordDimensions#isReusable}).
 * The results depend on the {@link WriteLimits} they were checked with: one cache per engine.
 * Bounded: when full it is emptied and fills again with the lists in use. Thread-safe.
 */
public final class DimensionsCache {

    private static final LongHashFunction XXH3 = LongHashFunction.xx3();

    private final int maxEntries;
    private final ConcurrentHashMap<Key, RecordDimensions> entries = new ConcurrentHashMap<>();

    /** @param maxEntries lists kept at most (each costs about its bytes three times over) */
    public DimensionsCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("cannot size dimensions cache: maxEntries=" + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /** The list read from {@code bytes[from, to)} before, or null. */
    public RecordDimensions get(byte[] bytes, int from, int to) {
        return entries.get(new Key(bytes, from, to));
    }

    /** Keeps a reusable result for the list read from {@code bytes[from, to)}; the bytes are copied. */
    public void put(byte[] bytes, int from, int to, RecordDimensions dims) {
        if (!dims.isReusable()) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(new Key(Arrays.copyOfRange(bytes, from, to), 0, to - from), dims);
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
