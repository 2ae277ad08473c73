package io.tidemark.storage.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import net.openhft.hashing.LongHashFunction;

/**
 * Identifies one series of a table: its sorted dimension set and its measure name. The table is
 * not part of the key because every structure that holds series (a shard, a segment) already
 * belongs to exactly one table.
 *
 * <p>{@link #hash()} is stable across processes, machines and versions: it is XXH3-64 over the
 * {@link #canonicalBytes() canonical encoding}, and it decides which shard owns the series. Changing
 * either would move every series, so both are frozen by tests.
 */
public final class SeriesKey implements Comparable<SeriesKey> {

    private static final LongHashFunction XXH3 = LongHashFunction.xx3();

    private final Dimension[] dimensions;
    private final String measureName;
    private final long hash;

    private SeriesKey(Dimension[] sortedDimensions, String measureName) {
        this.dimensions = sortedDimensions;
        this.measureName = measureName;
        this.hash = XXH3.hashBytes(canonicalBytes());
    }

    /**
     * Builds a key; the dimensions may come in any order.
     *
     * @throws IllegalArgumentException if two dimensions share a name
     */
    public static SeriesKey of(List<Dimension> dimensions, String measureName) {
        Objects.requireNonNull(measureName, "measure name");
        Dimension[] sorted = dimensions.toArray(new Dimension[0]);
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i].name().equals(sorted[i - 1].name())) {
                throw new IllegalArgumentException("duplicate dimension name: " + sorted[i].name());
            }
        }
        return new SeriesKey(sorted, measureName);
    }

    public List<Dimension> dimensions() {
        return List.of(dimensions);
    }

    public int dimensionCount() {
        return dimensions.length;
    }

    public Dimension dimension(int index) {
        return dimensions[index];
    }

    /** The value of the named dimension, or null when the series does not have it. */
    public String dimensionValue(String name) {
        for (Dimension d : dimensions) {
            if (d.name().equals(name)) {
                return d.value();
            }
        }
        return null;
    }

    public String measureName() {
        return measureName;
    }

    /** Stable 64-bit hash of the canonical encoding. */
    public long hash() {
        return hash;
    }

    /** The shard of {@code shardCount} that owns this series. */
    public int shard(int shardCount) {
        return (int) Long.remainderUnsigned(hash, shardCount);
    }

    /**
     * The canonical encoding: for each dimension in name order, its name and value, then the
     * measure name; every string as a 4-byte big-endian UTF-8 length followed by its bytes, and the
     * dimension count first. Unambiguous for any strings.
     */
    public byte[] canonicalBytes() {
        List<byte[]> parts = new ArrayList<>(dimensions.length * 2 + 1);
        int size = 4;
        for (Dimension d : dimensions) {
            byte[] n = d.name().getBytes(StandardCharsets.UTF_8);
            byte[] v = d.value().getBytes(StandardCharsets.UTF_8);
            parts.add(n);
            parts.add(v);
            size += 8 + n.length + v.length;
        }
        byte[] m = measureName.getBytes(StandardCharsets.UTF_8);
        parts.add(m);
        size += 4 + m.length;
        byte[] out = new byte[size];
        int pos = putInt(out, 0, dimensions.length);
        for (byte[] p : parts) {
            pos = putInt(out, pos, p.length);
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    private static int putInt(byte[] out, int pos, int v) {
        out[pos] = (byte) (v >>> 24);
        out[pos + 1] = (byte) (v >>> 16);
        out[pos + 2] = (byte) (v >>> 8);
        out[pos + 3] = (byte) v;
        return pos + 4;
    }

    @Override
    public int compareTo(SeriesKey other) {
        int n = Math.min(dimensions.length, other.dimensions.length);
        for (int i = 0; i < n; i++) {
            int c = dimensions[i].compareTo(other.dimensions[i]);
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(dimensions.length, other.dimensions.length);
        return c != 0 ? c : measureName.compareTo(other.measureName);
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof SeriesKey k
                        && hash == k.hash
                        && measureName.equals(k.measureName)
                        && Arrays.equals(dimensions, k.dimensions));
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Dimension d : dimensions) {
            sb.append(d.name()).append('=').append(d.value()).append(", ");
        }
        return sb.append("measure_name=").append(measureName).append('}').toString();
    }
}
