package io.tidemark.storage.codec;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DoubleBlockCodecPropertyTest {

    @Provide
    Arbitrary<double[]> blocks() {
        return CodecArbitraries.doubleBlocks();
    }

    @Property(tries = 400)
    void selectedEncodingRoundTripsBitForBit(@ForAll("blocks") double[] values) {
        assertBitwiseEqual(values, decode(encode(values), values.length));
    }

    @Property(tries = 300)
    void xorRoundTripsAnyBlockBitForBit(@ForAll("blocks") double[] values) {
        BitWriter out = new BitWriter();
        out.writeByte(Encoding.DOUBLE_XOR.id());
        XorDoubleCodec.encode(values, values.length, out);
        assertBitwiseEqual(values, decode(out.toByteArray(), values.length));
    }

    @Property(tries = 300)
    void scaleIsOnlyAcceptedWhenItReproducesEveryBit(@ForAll("blocks") double[] values) {
        long[] mantissas = new long[values.length];
        int k = ScaledDecimalDoubleCodec.findScale(values, values.length, mantissas);
        if (k < 0) {
            return;
        }
        BitWriter out = new BitWriter();
        out.writeByte(Encoding.DOUBLE_SCALED_DECIMAL.id());
        ScaledDecimalDoubleCodec.encode(mantissas, values.length, k, out);
        assertBitwiseEqual(values, decode(out.toByteArray(), values.length));
    }

    @Property(tries = 50)
    void negativeZeroAndNanNeverTakeTheScaledForm(@ForAll("blocks") double[] values) {
        double[] withZero = java.util.Arrays.copyOf(values, values.length + 1);
        withZero[values.length] = -0.0;
        long[] mantissas = new long[withZero.length];
        assertThat(ScaledDecimalDoubleCodec.findScale(withZero, withZero.length, mantissas)).isEqualTo(-1);
        withZero[values.length] = Double.NaN;
        assertThat(ScaledDecimalDoubleCodec.findScale(withZero, withZero.length, mantissas)).isEqualTo(-1);
    }

    private static byte[] encode(double[] values) {
        BitWriter out = new BitWriter();
        DoubleBlockCodec.encode(values, values.length, out);
        return out.toByteArray();
    }

    private static double[] decode(byte[] block, int n) {
        double[] decoded = new double[n];
        DoubleBlockCodec.decode(new BitReader(block, 0, block.length), decoded, n);
        return decoded;
    }

    private static void assertBitwiseEqual(double[] expected, double[] actual) {
        long[] e = new long[expected.length];
        long[] a = new long[actual.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = Double.doubleToRawLongBits(expected[i]);
            a[i] = Double.doubleToRawLongBits(actual[i]);
        }
        assertThat(a).containsExactly(e);
    }
}
