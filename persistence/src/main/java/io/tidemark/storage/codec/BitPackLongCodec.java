package io.tidemark.storage.codec;

/**
 * {@link Encoding#LONG_BITPACK} (frame of reference) and {@link Encoding#LONG_DELTA_BITPACK}: values
 * (or deltas) minus their minimum, each in the same bit width. Layout: docs/formats/chunk.md,
 * "LONG_BITPACK".
 *
 * <p>The width comes from the unsigned range {@code max - min}, which is exact even when the signed
 * subtraction overflows, so any block packs into at most 64 bits per value.
 */
final class BitPackLongCodec {

    private BitPackLongCodec() {
    }

    static void encode(long[] values, int n, boolean delta, BitWriter out) {
        int from = DeltaBase.write(values, n, delta, out);
        if (from == n) {
            return;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = from; i < n; i++) {
            long v = delta ? values[i] - values[i - 1] : values[i];
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int width = 64 - Long.numberOfLeadingZeros(max - min);
        out.writeVarint(min);
        out.writeByte(width);
        for (int i = from; i < n; i++) {
            long v = delta ? values[i] - values[i - 1] : values[i];
            out.writeBits(v - min, width);
        }
        out.alignToByte();
    }

    static void decode(BitReader in, long[] out, int n, boolean delta) {
        int from = DeltaBase.read(in, out, n, delta);
        if (from == n) {
            return;
        }
        long min = in.readVarint();
        int width = in.readByte();
        if (width > 64) {
            throw new CodecException("cannot decode bit-packed block: width=" + width + ", max=64");
        }
        for (int i = from; i < n; i++) {
            long v = in.readBits(width) + min;
            out[i] = delta ? out[i - 1] + v : v;
        }
        in.alignToByte();
    }
}
