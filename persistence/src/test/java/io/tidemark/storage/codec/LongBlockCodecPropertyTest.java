package io.tidemark.storage.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LongBlockCodecPropertyTest {

    /** Encodings that accept any block; the others only apply to some shapes. */
    private static final Set<Encoding> GENERAL = EnumSet.of(Encoding.LONG_DELTA_OF_DELTA, Encoding.LONG_DELTA_VARINT,
            Encoding.LONG_VARINT, Encoding.LONG_BITPACK, Encoding.LONG_DELTA_BITPACK, Encoding.LONG_RUN_LENGTH);

    @Provide
    Arbitrary<long[]> blocks() {
        return CodecArbitraries.longBlocks();
    }

    @Property(tries = 400)
    void selectedEncodingRoundTripsExactly(@ForAll("blocks") long[] values) {
        BitWriter out = new BitWriter();
        LongBlockCodec.encode(values, values.length, out);
        byte[] block = out.toByteArray();

        long[] decoded = new long[values.length];
        LongBlockCodec.decode(new BitReader(block, 0, block.length), decoded, values.length);

        assertThat(decoded).containsExactly(values);
    }

    @Property(tries = 200)
    void everyGeneralEncodingRoundTripsAnyBlock(@ForAll("blocks") long[] values) {
        for (Encoding e : GENERAL) {
            assertThat(roundTrip(e, values)).as("%s", e).containsExactly(values);
        }
    }

    @Property(tries = 200)
    void radixEncodingsRoundTripWhereTheyApply(@ForAll("blocks") long[] values) {
        if (values.length < 3) {
            return;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long minDelta = Long.MAX_VALUE;
        long maxDelta = Long.MIN_VALUE;
        for (int i = 0; i < values.length; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
            if (i > 0) {
                minDelta = Math.min(minDelta, values[i] - values[i - 1]);
                maxDelta = Math.max(maxDelta, values[i] - values[i - 1]);
            }
        }
        if (max - min >= 1 && max - min < RadixPackLongCodec.MAX_RADIX) {
            assertThat(roundTrip(Encoding.LONG_RADIX, values)).containsExactly(values);
        }
        if (maxDelta - minDelta >= 1 && maxDelta - minDelta < RadixPackLongCodec.MAX_RADIX) {
            assertThat(roundTrip(Encoding.LONG_DELTA_RADIX, values)).containsExactly(values);
        }
    }

    @Property(tries = 200)
    void selectorNeverLosesToAForcedGeneralEncoding(@ForAll("blocks") long[] values) {
        BitWriter chosen = new BitWriter();
        LongBlockCodec.encode(values, values.length, chosen, false);
        for (Encoding e : GENERAL) {
            BitWriter forced = new BitWriter();
            LongBlockCodec.write(e, values, values.length, forced);
            assertThat(chosen.sizeInBytes()).as("%s", e).isLessThanOrEqualTo(forced.sizeInBytes());
        }
    }

    @Property(tries = 100)
    void blockEncodedAfterAPrefixDecodesFromItsOffset(@ForAll("blocks") long[] values) {
        BitWriter out = new BitWriter();
        out.writeBytes(new byte[] {1, 2, 3}, 0, 3);
        LongBlockCodec.encode(values, values.length, out);
        byte[] bytes = out.toByteArray();

        long[] decoded = new long[values.length];
        LongBlockCodec.decode(new BitReader(bytes, 3, bytes.length - 3), decoded, values.length);

        assertThat(decoded).containsExactly(values);
    }

    private static long[] roundTrip(Encoding e, long[] values) {
        BitWriter out = new BitWriter();
        LongBlockCodec.write(e, values, values.length, out);
        byte[] block = out.toByteArray();
        long[] decoded = new long[values.length];
        LongBlockCodec.decode(new BitReader(block, 0, block.length), decoded, values.length);
        return decoded;
    }
}
