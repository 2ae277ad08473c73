package io.tidemark.storage.codec;

/**
 * Encodes a block of doubles with whichever encoding makes it smallest, and decodes any double
 * block; values round-trip bit for bit (NaN payloads, -0.0, infinities). Layout: <a
 * href="../../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a>.
 *
 * <p>Selection: bitwise-constant blocks take {@link Encoding#DOUBLE_CONSTANT}. Otherwise the
 * smallest of Gorilla XOR (optionally through the zstd stage) and, when every value is a scaled
 * decimal, {@link Encoding#DOUBLE_SCALED_DECIMAL} (whose long block picks its own entropy stage).
 */
public final class DoubleBlockCodec {

    private static final ThreadLocal<BitWriter[]> SCRATCH = ThreadLocal.withInitial(() ->
            new BitWriter[] {new BitWriter(1024), new BitWriter(1024)});

    private DoubleBlockCodec() {
    }

    public static void encode(double[] values, int n, BitWriter out) {
        LongBlockCodec.checkCount(values.length, n);
        if (isConstant(values, n)) {
            out.writeByte(Encoding.DOUBLE_CONSTANT.id());
            out.writeLong(n == 0 ? 0 : Double.doubleToRawLongBits(values[0]));
            return;
        }
        BitWriter[] scratch = SCRATCH.get();
        BitWriter best = scratch[0];
        best.reset();
        long[] mantissas = ScaledDecimalDoubleCodec.mantissas(n);
        int scale = ScaledDecimalDoubleCodec.findScale(values, n, mantissas);
        if (scale >= 0) {
            best.writeByte(Encoding.DOUBLE_SCALED_DECIMAL.id());
            ScaledDecimalDoubleCodec.encode(mantissas, n, scale, best);
        } else {
            best.writeByte(Encoding.DOUBLE_XOR.id());
            XorDoubleCodec.encode(values, n, best);
            BitWriter packed = scratch[1];
            packed.reset();
            if (ZstdStage.writeIfSmaller(best.buffer(), best.sizeInBytes(), packed)) {
                best = packed;
            }
        }
        out.writeBytes(best.buffer(), 0, best.sizeInBytes());
    }

    public static void decode(BitReader in, double[] out, int n) {
        LongBlockCodec.checkCount(out.length, n);
        decode(in, out, n, false);
    }

    private static void decode(BitReader in, double[] out, int n, boolean inflated) {
        Encoding e = Encoding.fromId(in.readByte());
        switch (e) {
            case DOUBLE_CONSTANT:
                double v = Double.longBitsToDouble(in.readLong());
                for (int i = 0; i < n; i++) {
                    out[i] = v;
                }
                break;
            case DOUBLE_XOR:
                XorDoubleCodec.decode(in, out, n);
                break;
            case DOUBLE_SCALED_DECIMAL:
                if (inflated) {
                    // its long block may itself be zstd; the encoder never wraps it again
                    throw new CodecException("cannot decode double block: scaled decimal inside zstd");
                }
                ScaledDecimalDoubleCodec.decode(in, out, n);
                break;
            case ZSTD:
                if (inflated) {
                    throw new CodecException("cannot decode double block: zstd inside zstd");
                }
                decode(ZstdStage.inflate(in), out, n, true);
                break;
            default:
                throw new CodecException("cannot decode double block: encoding=" + e + " does not hold doubles");
        }
    }

    private static boolean isConstant(double[] values, int n) {
        for (int i = 1; i < n; i++) {
            if (Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(values[0])) {
                return false;
            }
        }
        return true;
    }
}
