package io.tidemark.http.lineprotocol;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Series sections already split, across requests, keyed by their bytes as written: a client that
 * writes the same series call after call pays for splitting the tags and building the
 * {@link io.tidemark.storage.model.SeriesKey} once, not once per call. Only valid sections are
 * kept. Bounded: past {@code maxEntries} the cache is emptied and refills with the series in use
 * (cheaper than tracking recency on every hit, and a node writing more distinct series than the
 * bound pays at most what it would pay without a cache). Thread-safe.
 */
final class SeriesCache {

    private final ConcurrentHashMap<Key, SeriesSection> sections = new ConcurrentHashMap<>();
    private final int maxEntries;

    SeriesCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The section of {@code b[start, end)}, split now if not cached; may be invalid (then not cached). */
    SeriesSection section(byte[] b, int start, int end, int hash) {
        Key key = new Key(Arrays.copyOfRange(b, start, end), hash);
        SeriesSection known = sections.get(key);
        if (known != null) {
            return known;
        }
        SeriesSection parsed = SeriesSection.parse(b, start, end);
        if (parsed.isValid()) {
            if (sections.size() >= maxEntries) {
                sections.clear();
            }
            sections.put(key, parsed);
        }
        return parsed;
    }

    private static final class Key {
        private final byte[] bytes;
        private final int hash;

        Key(byte[] bytes, int hash) {
            this.bytes = bytes;
            this.hash = hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).hash == hash && Arrays.equals(((Key) o).bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
