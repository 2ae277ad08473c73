package io.tidemark.storage.codec;

/**
 * {@link Encoding#LONG_DELTA_OF_DELTA}: Gorilla's timestamp encoding with buckets widened for
 * nanosecond times. Layout: docs/formats/chunk.md, "LONG_DELTA_OF_DELTA".
 *
 * <p>The first value and first delta are varints; every later delta-of-delta takes one of the
 * prefix-coded buckets below. Gorilla's widest bucket is 32 bits, which a nanosecond jitter of a few
 * seconds already overflows, so the buckets are 7/14/21/32 bits plus a full 64-bit escape. All
 * arithmetic wraps, so deltas that overflow a long still round-trip.
 */
final class DeltaOfDeltaLongCodec {

    /** Payload widths of the buckets after prefixes 10, 110, 1110, 11110; 11111 escapes to 64 bits. */
    private static final int[] BUCKET_BITS = {7, 14, 21, 32};
    /**
     * Prefix plus payload bits of a delta-of-delta, by the bit width of its zig-zag form: width w
     * means it fits a w-bit signed field, and width 0 is the one-bit zero.
     */
    private static final byte[] BITS_BY_ZIGZAG_WIDTH = new byte[65];

    static {
        BITS_BY_ZIGZAG_WIDTH[0] = 1;
        for (int width = 1; width <= 64; width++) {
            int bits = 5 + 64;
            for (int b = BUCKET_BITS.length - 1; b >= 0; b--) {
                if (width <= BUCKET_BITS[b]) {
                    bits = b + 2 + BUCKET_BITS[b];
                }
            }
            BITS_BY_ZIGZAG_WIDTH[width] = (byte) bits;
        }
    }

    private DeltaOfDeltaLongCodec() {
    }

    static void encode(long[] values, int n, BitWriter out) {
        if (n == 0) {
            return;
        }
        out.writeVarint(values[0]);
        if (n == 1) {
            return;
        }
        long prevDelta = values[1] - values[0];
        out.writeVarint(prevDelta);
        for (int i = 2; i < n; i++) {
            long delta = values[i] - values[i - 1];
            long dod = delta - prevDelta;
            prevDelta = delta;
            writeDeltaOfDelta(dod, out);
        }
        out.alignToByte();
    }

    /** Prefix plus payload bits for one delta-of-delta, as {@link #writeDeltaOfDelta} writes it. */
    static int bucketBits(long dod) {
        // a table load instead of a zero test: zero delta-of-deltas come and go unpredictably
        return BITS_BY_ZIGZAG_WIDTH[64 - Long.numberOfLeadingZeros(BitWriter.zigZag(dod))];
    }

    static void decode(BitReader in, long[] out, int n) {
        if (n == 0) {
            return;
        }
        long v = in.readVarint();
        out[0] = v;
        if (n == 1) {
            return;
        }
        long delta = in.readVarint();
        v += delta;
        out[1] = v;
        for (int i = 2; i < n; i++) {
            delta += readDeltaOfDelta(in);
            v += delta;
            out[i] = v;
        }
        in.alignToByte();
    }

    private static void writeDeltaOfDelta(long dod, BitWriter out) {
        if (dod == 0) {
            out.writeBits(0, 1);
            return;
        }
        for (int b = 0; b < BUCKET_BITS.length; b++) {
            int bits = BUCKET_BITS[b];
            if (fitsSigned(dod, bits)) {
                // prefix: b+1 ones then a zero
                out.writeBits((1L << (b + 2)) - 2, b + 2);
                out.writeBits(dod, bits);
                return;
            }
        }
        out.writeBits(0b11111, 5);
        out.writeBits(dod, 64);
    }

    private static long readDeltaOfDelta(BitReader in) {
        int ones = 0;
        while (ones < 5 && in.readBit()) {
            ones++;
        }
        if (ones == 0) {
            return 0;
        }
        if (ones == 5) {
            return in.readBits(64);
        }
        return in.readSignedBits(BUCKET_BITS[ones - 1]);
    }

    private static boolean fitsSigned(long v, int bits) {
        long half = 1L << (bits - 1);
        return v >= -half && v < half;
    }
}
