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
