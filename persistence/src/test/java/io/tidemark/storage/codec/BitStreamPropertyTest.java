package io.tidemark.storage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class BitStreamPropertyTest {

    @Provide
    Arbitrary<int[]> widths() {
        return Arbitraries.integers().between(0, 64).array(int[].class).ofMaxSize(200);
    }

    @Property(tries = 300)
    void fieldsOfAnyWidthRoundTrip(@ForAll("widths") int[] widths, @ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        long[] values = new long[widths.length];
        BitWriter out = new BitWriter(1);
        for (int i = 0; i < widths.length; i++) {
            values[i] = widths[i] == 64 ? random.nextLong() : random.nextLong() & ((1L << widths[i]) - 1);
            out.writeBits(values[i], widths[i]);
        }
        byte[] bytes = out.toByteArray();

        BitReader in = new BitReader(bytes, 0, bytes.length);
        for (int i = 0; i < widths.length; i++) {
            assertThat(in.readBits(widths[i])).isEqualTo(values[i]);
        }
    }

    @Property(tries = 300)
    void varintsRoundTripAlignedOrNot(@ForAll("varintValues") long[] values, @ForAll boolean misalign) {
        BitWriter out = new BitWriter(1);
        if (misalign) {
            out.writeBits(1, 3);
        }
        for (long v : values) {
            out.writeVarint(v);
            out.writeUvarint(v);
        }
        byte[] bytes = out.toByteArray();
        BitReader in = new BitReader(bytes, 0, bytes.length);
        if (misalign) {
            assertThat(in.readBits(3)).isEqualTo(1);
        }
        for (long v : values) {
            assertThat(in.readVarint()).isEqualTo(v);
            assertThat(in.readUvarint()).isEqualTo(v);
        }
    }

    @Provide
    Arbitrary<long[]> varintValues() {
        return CodecArbitraries.adversarialLong().array(long[].class).ofMaxSize(50);
    }

    /** Values whose varints (or deltas' varints) take one, two or more bytes, mixed. */
    @Provide
    Arbitrary<long[]> mixedWidthValues() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-60, 60), Arbitraries.longs().between(-8000, 8000),
                Arbitraries.longs().between(-1_000_000, 1_000_000), CodecArbitraries.adversarialLong())
                .array(long[].class).ofMaxSize(300);
    }

    @Property(tries = 300)
    void varintRunsRoundTripWhateverTheirWidths(@ForAll("mixedWidthValues") long[] values, @ForAll boolean delta) {
        BitWriter out = new BitWriter(1);
        out.writeVarints(values, values.length, delta);
        byte[] bytes = out.toByteArray();
        long[] read = new long[values.length];
        new BitReader(bytes, 0, bytes.length).readVarints(read, values.length, delta);
        assertThat(read).containsExactly(values);
        if (bytes.length > 0) {
            // cut inside the last varint (one or more bytes long): reported, never invented
            BitReader cut = new BitReader(bytes, 0, bytes.length - 1);
            assertThatThrownBy(() -> cut.readVarints(new long[values.length], values.length, delta))
                    .isInstanceOf(CodecException.class);
        }
    }

    @Test
    void twoByteVarintCutAfterItsFirstByteIsReported() {
        // 300 zig-zags to 600 = 0xD8 0x04; the block holds 1, then the first byte of 600
        BitReader in = new BitReader(new byte[] {2, (byte) 0xD8}, 0, 2);
        assertThatThrownBy(() -> in.readVarints(new long[2], 2, false)).isInstanceOf(CodecException.class);
        long[] whole = new long[2];
        new BitReader(new byte[] {2, (byte) 0xD8, 0x04}, 0, 3).readVarints(whole, 2, false);
        assertThat(whole).containsExactly(1, 300);
    }

    @Test
    void uvarintSizeMatchesBytesWritten() {
        for (long v : new long[] {0, 1, 127, 128, 16383, 16384, Long.MAX_VALUE, -1}) {
            BitWriter out = new BitWriter();
            out.writeUvarint(v);
            assertThat(out.sizeInBytes()).as("%d", v).isEqualTo(BitWriter.uvarintSize(v));
        }
    }

    @Test
    void readingPastTheEndIsReportedNotInvented() {
        BitReader in = new BitReader(new byte[] {(byte) 0xFF}, 0, 1);
        in.readBits(5);
        assertThatThrownBy(() -> in.readBits(4)).isInstanceOf(CodecException.class)
                .hasMessageContaining("truncated");
        BitReader varint = new BitReader(new byte[] {(byte) 0x80, (byte) 0x80}, 0, 2);
        assertThatThrownBy(varint::readUvarint).isInstanceOf(CodecException.class);
    }
}
