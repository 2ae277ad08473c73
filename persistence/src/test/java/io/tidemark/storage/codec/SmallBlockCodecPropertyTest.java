package io.tidemark.storage.codec;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Booleans, varchars and the two entropy stages. */
class SmallBlockCodecPropertyTest {

    @Provide
    Arbitrary<boolean[]> booleans() {
        return Arbitraries.oneOf(
                Arbitraries.of(true, false).array(boolean[].class).ofMaxSize(500),
                CodecArbitraries.runs().map(r -> {
                    boolean[] b = new boolean[r.length];
                    for (int i = 0; i < r.length; i++) {
                        b[i] = (r[i] & 1) == 0;
                    }
                    return b;
                }));
    }

    @Property(tries = 300)
    void booleansRoundTrip(@ForAll("booleans") boolean[] values) {
        BitWriter out = new BitWriter();
        BooleanBlockCodec.encode(values, values.length, out);
        byte[] block = out.toByteArray();
        boolean[] decoded = new boolean[values.length];
        BooleanBlockCodec.decode(new BitReader(block, 0, block.length), decoded, values.length);
        assertThat(decoded).containsExactly(values);
    }

    @Provide
    Arbitrary<String[]> varchars() {
        Arbitrary<String> label = Arbitraries.oneOf(
                Arbitraries.of("us-east-1", "eu-west-1", "ap-southeast-2", "", "ünïcødé ✓", "\u0000"),
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.just(null));
        return label.array(String[].class).ofMaxSize(400);
    }

    @Property(tries = 300)
    void varcharsRoundTripWithNulls(@ForAll("varchars") String[] values) {
        BitWriter out = new BitWriter();
        VarcharDictionaryCodec.encode(values, values.length, out);
        byte[] block = out.toByteArray();
        String[] decoded = new String[values.length];
        VarcharDictionaryCodec.decode(new BitReader(block, 0, block.length), decoded, values.length);
        assertThat(decoded).containsExactly(values);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(3000),
                Arbitraries.bytes().between((byte) 0, (byte) 5).array(byte[].class).ofMaxSize(3000),
                Arbitraries.of((byte) 0, (byte) -1).array(byte[].class).ofMinSize(40).ofMaxSize(3000));
    }

    @Property(tries = 300)
    void entropyStagesRoundTripWhenTheyApply(@ForAll("bytes") byte[] block) {
        BitWriter rans = new BitWriter();
        if (RansStage.writeIfSmaller(block, block.length, rans)) {
            assertThat(inflate(rans.toByteArray(), Encoding.RANS)).containsExactly(block);
        }
        BitWriter zstd = new BitWriter();
        if (ZstdStage.writeIfSmaller(block, block.length, zstd)) {
            assertThat(inflate(zstd.toByteArray(), Encoding.ZSTD)).containsExactly(block);
        }
    }

    @Property(tries = 50)
    void skewedBytesShrinkUnderRans(@ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        byte[] block = new byte[4000];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) (random.nextInt(10) == 0 ? random.nextInt(4) : 0);
        }
        BitWriter rans = new BitWriter();
        assertThat(RansStage.writeIfSmaller(block, block.length, rans)).isTrue();
        assertThat(rans.sizeInBytes()).isLessThan(block.length / 4);
    }

    private static byte[] inflate(byte[] encoded, Encoding expected) {
        BitReader in = new BitReader(encoded, 0, encoded.length);
        assertThat(in.readByte()).isEqualTo(expected.id());
        BitReader inner = expected == Encoding.RANS ? RansStage.inflate(in) : ZstdStage.inflate(in);
        byte[] out = new byte[inner.limit()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) inner.readByte();
        }
        return out;
    }
}
