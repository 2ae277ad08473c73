package io.tidemark.engine.write;

import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an {@link IngestBatch} needs of a series key beyond its hash, worked out the first time the
 * process writes the key and kept across calls: the key's metered bytes (measure name, dimension
 * names and values in UTF-8) and its dimension names, one list object for every key with the same
 * names. A call declares each of its series anew, and walking a key's dimensions (ten names and
 * ten values, a score of objects, rarely still in the cache since the previous call) cost more
 * than everything else in the declaration; the readers reuse one key object per series, so a kept
 * key is found by its stored hash and an identity check.
 *
 * <p>Bounded: when {@link #MAX_KEYS} keys (or {@link #MAX_NAME_LISTS} name lists) are kept the map
 * is emptied and fills again with the series in use. Thread-safe.
 */
final class SeriesFacts {

    static final int MAX_KEYS = 100_000;
    static final int MAX_NAME_LISTS = 1_024;

    private static final ConcurrentHashMap<SeriesKey, SeriesFacts> KEPT = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<List<String>, List<String>> NAME_LISTS = new ConcurrentHashMap<>();

    /** UTF-8 bytes of the measure name and of every dimension name and value. */
    final int bytes;
    /** The dimension names in key order; the same object for every kept key with the same names. */
    final List<String> dimensionNames;

    private SeriesFacts(int bytes, List<String> dimensionNames) {
        this.bytes = bytes;
        this.dimensionNames = dimensionNames;
    }

    static SeriesFacts of(SeriesKey key) {
        SeriesFacts facts = KEPT.get(key);
        if (facts == null) {
            facts = workOut(key);
            if (KEPT.size() >= MAX_KEYS) {
                KEPT.clear();
            }
            KEPT.put(key, facts);
        }
        return facts;
    }

    private static SeriesFacts workOut(SeriesKey key) {
        int bytes = IngestBatch.utf8Length(key.measureName());
        List<String> names = new ArrayList<>(key.dimensionCount());
        for (int d = 0; d < key.dimensionCount(); d++) {
            names.add(key.dimension(d).name());
            bytes += IngestBatch.utf8Length(key.dimension(d).name()) + IngestBatch.utf8Length(key.dimension(d).value());
        }
        List<String> kept = List.copyOf(names);
        List<String> shared = NAME_LISTS.get(kept);
        if (shared == null) {
            if (NAME_LISTS.size() >= MAX_NAME_LISTS) {
                NAME_LISTS.clear();
            }
            shared = NAME_LISTS.putIfAbsent(kept, kept);
            if (shared == null) {
                shared = kept;
            }
        }
        return new SeriesFacts(bytes, shared);
    }
}
