package io.tidemark.storage.journal;

import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.model.SeriesKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of each series key's entry in a batch's series table ({@link WriteBatchSerializer},
 * docs/formats/journal-entry.md "Batch payload": dimension count, names and values, measure name),
 * kept per key: a series written call after call is encoded once and then copied, instead of
 * encoding its dimension strings again in every batch. The bytes are the same either way, so the
 * format does not change.
 *
 * <p>The writers reuse their key objects from call to call, so a lookup is the key's stored hash
 * and an identity check. Bounded by the bytes kept: when full it is emptied and fills again with
 * the series in use. Thread-safe.
 */
final class SeriesKeyEncodings {

    /** Bytes kept before the cache is emptied: some 50,000 series of ten dimensions. */
    static final long DEFAULT_MAX_BYTES = 16L << 20;

    /** Per entry beyond its bytes: the map node, the array header and the key's share. */
    private static final int ENTRY_OVERHEAD = 64;

    private final long maxBytes;
    private final ConcurrentHashMap<SeriesKey, byte[]> encodings = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    SeriesKeyEncodings(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("cannot size series key encodings: maxBytes=" + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** Writes the series table entry of {@code key} to {@code out}. */
    void write(Output out, SeriesKey key) {
        byte[] encoded = encodings.get(key);
        if (encoded == null) {
            encoded = encode(key);
            keep(key, encoded);
        }
        out.writeBytes(encoded);
    }

    /** Keys kept now. */
    int size() {
        return encodings.size();
    }

    private void keep(SeriesKey key, byte[] encoded) {
        long cost = encoded.length + ENTRY_OVERHEAD;
        if (bytes.addAndGet(cost) > maxBytes) {
            // emptied rather than evicted one by one: series in use come back at once, and the map needs no order
            encodings.clear();
            bytes.set(cost);
        }
        encodings.put(key, encoded);
    }

    /** The series table entry of {@code key}, as {@link #writeDirect} writes it. */
    static byte[] encode(SeriesKey key) {
        Output out = new Output(64, -1);
        writeDirect(out, key);
        return out.toBytes();
    }

    /** Encodes the series table entry of {@code key} into {@code out}, field by field. */
    static void writeDirect(Output out, SeriesKey key) {
        out.writeVarInt(key.dimensionCount(), true);
        for (int d = 0; d < key.dimensionCount(); d++) {
            out.writeString(key.dimension(d).name());
            out.writeString(key.dimension(d).value());
        }
        out.writeString(key.measureName());
    }
}
