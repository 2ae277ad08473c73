package io.tidemark.storage.codec;

/**
 * {@link Encoding#LONG_CONSTANT} and {@link Encoding#LONG_REGULAR}: a block whose values are an
 * arithmetic sequence costs two varints whatever its length. Regular timestamps (fixed scrape
 * interval) and constant versions land here. Layout: docs/formats/chunk.md, "LONG_CONSTANT",
 * "LONG_REGULAR".
 *
 * <p>Arithmetic wraps (two's complement) on both sides, so a sequence that crosses
 * {@code Long.MAX_VALUE} still round-trips exactly.
 */
final class RegularLongCodec {

    private RegularLongCodec() {
    }

    /** True when every value equals the first (an empty block counts as constant). */
    static boolean isConstant(long[] values, int n) {
        for (int i = 1; i < n; i++) {
            if (values[i] != values[0]) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code values[0..n)} is an arithmetic sequence under wrapping arithmetic. */
    static boolean isRegular(long[] values, int n) {
        if (n < 2) {
            return true;
        }
        long delta = values[1] - values[0];
        for (int i = 2; i < n; i++) {
            if (values[i] - values[i - 1] != delta) {
                return false;
            }
        }
        return true;
    }

    static void encodeConstant(long[] values, int n, BitWriter out) {
        out.writeVarint(n == 0 ? 0 : values[0]);
    }

    static void encodeRegular(long[] values, int n, BitWriter out) {
        out.writeVarint(n == 0 ? 0 : values[0]);
        out.writeVarint(n < 2 ? 0 : values[1] - values[0]);
    }

    static void decodeConstant(BitReader in, long[] out, int n) {
        long v = in.readVarint();
        for (int i = 0; i < n; i++) {
            out[i] = v;
        }
    }

    static void decodeRegular(BitReader in, long[] out, int n) {
        long v = in.readVarint();
        long delta = in.readVarint();
        for (int i = 0; i < n; i++) {
            out[i] = v;
            v += delta;
        }
    }
}
