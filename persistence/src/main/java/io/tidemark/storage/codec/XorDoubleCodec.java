package io.tidemark.storage.codec;

/**
 * {@link Encoding#DOUBLE_XOR}: Gorilla's value encoding. The first value is 64 raw bits; each next
 * value is XORed with the previous one and written as {@code 0} (equal), {@code 10} + the meaningful
 * bits when they fit the previous leading/trailing-zero window, or {@code 11} + 5 bits of leading
 * zeros + 6 bits of length (0 means 64) + the meaningful bits. Works on raw bits, so NaN payloads,
 * -0.0 and infinities round-trip exactly. Layout: docs/formats/chunk.md, "DOUBLE_XOR".
 */
final class XorDoubleCodec {

    private XorDoubleCodec() {
    }

    static void encode(double[] values, int n, BitWriter out) {
        if (n == 0) {
            return;
        }
        long prev = Double.doubleToRawLongBits(values[0]);
        out.writeLong(prev);
        int prevLeading = -1;
        int prevTrailing = 0;
        for (int i = 1; i < n; i++) {
            long bits = Double.doubleToRawLongBits(values[i]);
            long xor = bits ^ prev;
            prev = bits;
            if (xor == 0) {
                out.writeBits(0, 1);
                continue;
            }
            int leading = Math.min(Long.numberOfLeadingZeros(xor), 31);
            int trailing = Long.numberOfTrailingZeros(xor);
            if (prevLeading >= 0 && leading >= prevLeading && trailing >= prevTrailing) {
                out.writeBits(0b10, 2);
                out.writeBits(xor >>> prevTrailing, 64 - prevLeading - prevTrailing);
            } else {
                int length = 64 - leading - trailing;
                out.writeBits(0b11, 2);
                out.writeBits(leading, 5);
                out.writeBits(length & 63, 6);
                out.writeBits(xor >>> trailing, length);
                prevLeading = leading;
                prevTrailing = trailing;
            }
        }
        out.alignToByte();
    }

    static void decode(BitReader in, double[] out, int n) {
        if (n == 0) {
            return;
        }
        long prev = in.readLong();
        out[0] = Double.longBitsToDouble(prev);
        int leading = 0;
        int trailing = 0;
        for (int i = 1; i < n; i++) {
            if (in.readBit()) {
                if (in.readBit()) {
                    leading = (int) in.readBits(5);
                    int length = (int) in.readBits(6);
                    if (length == 0) {
                        length = 64;
                    }
                    trailing = 64 - leading - length;
                    if (trailing < 0) {
                        throw new CodecException("cannot decode xor block: leading=" + leading + ", length=" + length);
                    }
                }
                prev ^= in.readBits(64 - leading - trailing) << trailing;
            }
            out[i] = Double.longBitsToDouble(prev);
        }
        in.alignToByte();
    }
}
