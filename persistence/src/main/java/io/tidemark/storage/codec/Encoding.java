package io.tidemark.storage.codec;

/**
 * The encoding of one block, written as the block's first byte. Ids are part of the on-disk format
 * (<a href="../../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a>, "Encodings"):
 * never renumber or reuse one; a new layout gets a new id.
 */
public enum Encoding {
    /** Longs: every value equal. */
    LONG_CONSTANT(1),
    /** Longs: an arithmetic sequence (start, constant delta), e.g. regular timestamps. */
    LONG_REGULAR(2),
    /** Longs: Gorilla delta-of-delta with buckets widened for nanosecond times. */
    LONG_DELTA_OF_DELTA(3),
    /** Longs: first value, then zig-zag varint deltas. */
    LONG_DELTA_VARINT(4),
    /** Longs: first value, then deltas bit-packed against their minimum. */
    LONG_DELTA_BITPACK(5),
    /** Longs: values bit-packed against their minimum (frame of reference). */
    LONG_BITPACK(6),
    /** Longs: (value, run length) pairs. */
    LONG_RUN_LENGTH(7),
    /** Longs: zig-zag varint per value. */
    LONG_VARINT(8),
    /** Longs: values minus their minimum as base-R digits, packed g digits per fixed-width group. */
    LONG_RADIX(9),
    /** Longs: first value, then deltas as {@link #LONG_RADIX} digits. */
    LONG_DELTA_RADIX(10),
    /** Doubles: every value bitwise equal. */
    DOUBLE_CONSTANT(20),
    /** Doubles: Gorilla XOR against the previous value. */
    DOUBLE_XOR(21),
    /** Doubles: every value is m / 10^k for a long m; the m go through the long encodings. */
    DOUBLE_SCALED_DECIMAL(22),
    /** Booleans: first value, then alternating run lengths. */
    BOOLEAN_RUN_LENGTH(30),
    /** Booleans: one bit per value. */
    BOOLEAN_BITMAP(31),
    /** Varchars: a dictionary of distinct strings, then codes through the long encodings. */
    VARCHAR_DICTIONARY(40),
    /** Any kind: the inner block, zstd-compressed. */
    ZSTD(50),
    /** Any kind: the inner block's bytes, order-0 rANS-coded. */
    RANS(51);

    private static final Encoding[] BY_ID = new Encoding[64];

    static {
        for (Encoding e : values()) {
            BY_ID[e.id] = e;
        }
    }

    private final int id;

    Encoding(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static Encoding fromId(int id) {
        if (id < 0 || id >= BY_ID.length || BY_ID[id] == null) {
            throw new CodecException("cannot decode block: unknown encoding id=" + id);
        }
        return BY_ID[id];
    }
}
