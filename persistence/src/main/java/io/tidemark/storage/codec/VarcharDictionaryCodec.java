package io.tidemark.storage.codec;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link Encoding#VARCHAR_DICTIONARY}: the distinct strings in first-seen order, then one code per
 * value through {@link LongBlockCodec} (code 0 is null, code i is dictionary entry i - 1). Repeated
 * labels, states and host names cost a few bits each. Layout: <a
 * href="../../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a>,
 * "VARCHAR_DICTIONARY".
 *
 * <p>Decoding hands out the dictionary's String instances, so a block of n values allocates one
 * String per distinct value, not per value.
 */
public final class VarcharDictionaryCodec {

    /** Refuse dictionaries or strings claiming more than this, so a bad length cannot exhaust memory. */
    private static final int MAX_BYTES = 1 << 30;

    private VarcharDictionaryCodec() {
    }

    public static void encode(String[] values, int n, BitWriter out) {
        LongBlockCodec.checkCount(values.length, n);
        Map<String, Integer> codes = new HashMap<>();
        long[] coded = new long[n];
        BitWriter dictionary = new BitWriter();
        for (int i = 0; i < n; i++) {
            String v = values[i];
            if (v == null) {
                continue;
            }
            Integer code = codes.get(v);
            if (code == null) {
                code = codes.size() + 1;
                codes.put(v, code);
                byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
                dictionary.writeUvarint(utf8.length);
                dictionary.writeBytes(utf8, 0, utf8.length);
            }
            coded[i] = code;
        }
        out.writeByte(Encoding.VARCHAR_DICTIONARY.id());
        out.writeUvarint(codes.size());
        out.writeBytes(dictionary.buffer(), 0, dictionary.sizeInBytes());
        LongBlockCodec.encode(coded, n, out);
    }

    public static void decode(BitReader in, String[] out, int n) {
        LongBlockCodec.checkCount(out.length, n);
        Encoding e = Encoding.fromId(in.readByte());
        if (e != Encoding.VARCHAR_DICTIONARY) {
            throw new CodecException("cannot decode varchar block: encoding=" + e + " does not hold varchars");
        }
        int size = in.readLength(MAX_BYTES, "dictionary size");
        String[] dictionary = new String[size + 1];
        for (int d = 1; d <= size; d++) {
            int len = in.readLength(MAX_BYTES, "dictionary entry length");
            int at = in.bytePosition();
            in.skipBytes(len);
            dictionary[d] = new String(in.buffer(), at, len, StandardCharsets.UTF_8);
        }
        long[] codes = new long[n];
        LongBlockCodec.decode(in, codes, n);
        for (int i = 0; i < n; i++) {
            long code = codes[i];
            if (code < 0 || code > size) {
                throw new CodecException("cannot decode varchar block: code=" + code + ", dictionarySize=" + size
                        + ", row=" + i);
            }
            out[i] = dictionary[(int) code];
        }
    }
}
