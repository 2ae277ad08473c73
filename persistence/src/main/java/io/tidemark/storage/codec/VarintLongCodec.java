package io.tidemark.storage.codec;

/**
 * {@link Encoding#LONG_VARINT} and {@link Encoding#LONG_DELTA_VARINT}: one zig-zag varint per
 * value, or per delta (the first value counts as the delta from 0). Byte-aligned, so it is the
 * form the zstd stage compresses best: small deltas become a small byte alphabet that zstd's
 * Huffman stage codes close to their entropy. Layout: docs/formats/chunk.md, "LONG_VARINT".
 */
final class VarintLongCodec {

    private VarintLongCodec() {
    }

    static void encode(long[] values, int n, boolean delta, BitWriter out) {
        out.writeVarints(values, n, delta);
    }

    static void decode(BitReader in, long[] out, int n, boolean delta) {
        in.readVarints(out, n, delta);
    }
}
