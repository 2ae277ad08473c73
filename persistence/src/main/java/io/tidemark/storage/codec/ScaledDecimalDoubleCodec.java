package io.tidemark.storage.codec;

/**
 * {@link Encoding#DOUBLE_SCALED_DECIMAL}: a block whose every value is exactly {@code m / 10^k} for
 * a long {@code m} and one {@code k} in 0..{@value #MAX_SCALE} is stored as {@code k} and the
 * block of {@code m}s through {@link LongBlockCodec}. Integer-valued gauges (k = 0) and
 * two-decimal readings (k = 2) then become small deltas instead of noisy mantissa bits. Layout:
 * docs/formats/chunk.md, "DOUBLE_SCALED_DECIMAL".
 *
 * <p>Exactness is checked bitwise with the decoder's own expression, {@code (double) m / 10^k}, so
 * whatever passes decodes to the same bits; -0.0, NaN and infinities never pass and fall back to
 * another encoding.
 */
final class ScaledDecimalDoubleCodec {

    static final int MAX_SCALE = 9;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    private static final ThreadLocal<long[][]> MANTISSAS = ThreadLocal.withInitial(() -> new long[1][0]);

    private ScaledDecimalDoubleCodec() {
    }

    /**
     * The smallest scale that represents every value exactly, or -1 when none does. On success
     * {@code mantissas[0..n)} holds the m of each value at that scale.
     */
    static int findScale(double[] values, int n, long[] mantissas) {
        for (int k = 0; k <= MAX_SCALE; k++) {
            if (fits(values, n, POW10[k], mantissas)) {
                return k;
            }
        }
        return -1;
    }

    private static boolean fits(double[] values, int n, double scale, long[] mantissas) {
        if (scale == 1) {
            return fitsIntegral(values, n, mantissas);
        }
        for (int i = 0; i < n; i++) {
            double v = values[i];
            // rint is one instruction where Math.round is not; they differ only on exact halves,
            // and a value that lands on a half at this scale fails the check with either
            long m = (long) Math.rint(v * scale);
            if (Double.doubleToRawLongBits(m / scale) != Double.doubleToRawLongBits(v)) {
                return false;
            }
            mantissas[i] = m;
        }
        return true;
    }

    /** Scale 1: a cast accepts exactly what rounding would, and the check needs no division. */
    private static boolean fitsIntegral(double[] values, int n, long[] mantissas) {
        for (int i = 0; i < n; i++) {
            double v = values[i];
            long m = (long) v;
            if (Double.doubleToRawLongBits((double) m) != Double.doubleToRawLongBits(v)) {
                return false;
            }
            mantissas[i] = m;
        }
        return true;
    }

    /** Writes the body (after the id): the scale, then the mantissas {@link #findScale} produced. */
    static void encode(long[] mantissas, int n, int scale, BitWriter out) {
        out.writeByte(scale);
        LongBlockCodec.encode(mantissas, n, out);
    }

    static void decode(BitReader in, double[] out, int n) {
        int scale = in.readByte();
        if (scale > MAX_SCALE) {
            throw new CodecException("cannot decode scaled decimal block: scale=" + scale + ", max=" + MAX_SCALE);
        }
        long[] m = mantissas(n);
        LongBlockCodec.decode(in, m, n);
        toDoubles(m, scale, out, n);
    }

    /**
     * {@code out[i] = m[i] / 10^scale}: the loop on its own, so the JIT compiles it as a small
     * method instead of compiling {@link #decode}, every long decoder inlined, on stack replacement.
     */
    private static void toDoubles(long[] m, int scale, double[] out, int n) {
        if (scale == 0) {
            for (int i = 0; i < n; i++) {
                out[i] = m[i];
            }
        } else {
            double pow = POW10[scale];
            for (int i = 0; i < n; i++) {
                out[i] = m[i] / pow;
            }
        }
    }

    /** A per-thread array of at least {@code n} longs for mantissas; reused by the next call. */
    static long[] mantissas(int n) {
        long[][] holder = MANTISSAS.get();
        if (holder[0].length < n) {
            holder[0] = new long[Math.max(n, 1024)];
        }
        return holder[0];
    }
}
