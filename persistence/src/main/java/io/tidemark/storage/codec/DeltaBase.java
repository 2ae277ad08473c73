package io.tidemark.storage.codec;

/**
 * The base of a packed block stored as deltas: its first value, written as a varint before the
 * packed body, which the deltas are summed from. Shared by the bit-packed and radix-packed
 * encodings so both lay the base out the same way (see {@code docs/formats/chunk.md}).
 */
final class DeltaBase {

    private DeltaBase() {}

    /**
     * Writes the base when {@code delta} is set; returns the first index the body still has to
     * pack, which equals {@code n} when nothing is left (an empty block, or one delta value).
     */
    static int write(long[] values, int n, boolean delta, BitWriter out) {
        if (n == 0 || !delta) {
            return 0;
        }
        out.writeVarint(values[0]);
        return 1;
    }

    /** Reads what {@link #write} wrote into {@code out[0]}; returns the first index left to unpack. */
    static int read(BitReader in, long[] out, int n, boolean delta) {
        if (n == 0 || !delta) {
            return 0;
        }
        out[0] = in.readVarint();
        return 1;
    }
}
