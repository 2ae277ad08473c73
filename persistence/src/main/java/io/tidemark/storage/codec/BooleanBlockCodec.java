package io.tidemark.storage.codec;

/**
 * Encodes a block of booleans as {@link Encoding#BOOLEAN_RUN_LENGTH} (first value, then the
 * lengths of the alternating runs) or {@link Encoding#BOOLEAN_BITMAP} (one bit per value),
 * whichever is smaller. Layout: <a href="../../../../../../../../docs/formats/chunk.md">
 * docs/formats/chunk.md</a>, "BOOLEAN_RUN_LENGTH", "BOOLEAN_BITMAP".
 */
public final class BooleanBlockCodec {

    private BooleanBlockCodec() {
    }

    public static void encode(boolean[] values, int n, BitWriter out) {
        LongBlockCodec.checkCount(values.length, n);
        int runBytes = 1;
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || values[i] != values[start]) {
                runBytes += BitWriter.uvarintSize(i - start);
                start = i;
            }
        }
        if (runBytes <= (n + 7) / 8) {
            out.writeByte(Encoding.BOOLEAN_RUN_LENGTH.id());
            out.writeByte(n > 0 && values[0] ? 1 : 0);
            start = 0;
            for (int i = 1; i <= n; i++) {
                if (i == n || values[i] != values[start]) {
                    out.writeUvarint(i - start);
                    start = i;
                }
            }
        } else {
            out.writeByte(Encoding.BOOLEAN_BITMAP.id());
            for (int i = 0; i < n; i++) {
                out.writeBits(values[i] ? 1 : 0, 1);
            }
            out.alignToByte();
        }
    }

    public static void decode(BitReader in, boolean[] out, int n) {
        LongBlockCodec.checkCount(out.length, n);
        Encoding e = Encoding.fromId(in.readByte());
        switch (e) {
            case BOOLEAN_RUN_LENGTH:
                boolean value = in.readByte() != 0;
                int at = 0;
                while (at < n) {
                    int len = in.readLength(n - at, "boolean run length");
                    if (len == 0) {
                        throw new CodecException("cannot decode boolean runs: empty run at row=" + at);
                    }
                    for (int i = 0; i < len; i++) {
                        out[at++] = value;
                    }
                    value = !value;
                }
                break;
            case BOOLEAN_BITMAP:
                for (int i = 0; i < n; i++) {
                    out[i] = in.readBit();
                }
                in.alignToByte();
                break;
            default:
                throw new CodecException("cannot decode boolean block: encoding=" + e + " does not hold booleans");
        }
    }
}
