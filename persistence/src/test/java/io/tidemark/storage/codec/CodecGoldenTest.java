package io.tidemark.storage.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Freezes the bytes of every encoding (format version 1, docs/formats/chunk.md). A failure here
 * means the on-disk format changed: add a new encoding id instead of editing an old one.
 */
class CodecGoldenTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] PREFIX = {(byte) 0xAA, (byte) 0xBB, (byte) 0xCC};

    static Stream<Arguments> goldens() {
        return Stream.of(
                golden("LONG_CONSTANT", "01 0e",
                        out -> LongBlockCodec.encode(new long[] {7, 7, 7}, 3, out)),
                golden("LONG_REGULAR", "02 c801 14",
                        out -> LongBlockCodec.encode(new long[] {100, 110, 120, 130}, 4, out)),
                golden("LONG_DELTA_OF_DELTA", "03 d00f 14 406ff83b50",
                        out -> LongBlockCodec.write(Encoding.LONG_DELTA_OF_DELTA,
                                new long[] {1000, 1010, 1020, 1031, 1041, 2000}, 6, out)),
                golden("LONG_DELTA_VARINT", "04 0a 03 02 d004",
                        out -> LongBlockCodec.write(Encoding.LONG_DELTA_VARINT, new long[] {5, 3, 4, 300}, 4, out)),
                golden("LONG_VARINT", "08 01 00 02 8001",
                        out -> LongBlockCodec.write(Encoding.LONG_VARINT, new long[] {-1, 0, 1, 64}, 4, out)),
                golden("LONG_DELTA_BITPACK", "05 14 01 03 6280",
                        out -> LongBlockCodec.write(Encoding.LONG_DELTA_BITPACK, new long[] {10, 12, 11, 15}, 4, out)),
                golden("LONG_BITPACK", "06 00 02 d8",
                        out -> LongBlockCodec.write(Encoding.LONG_BITPACK, new long[] {3, 1, 2, 0}, 4, out)),
                golden("LONG_RUN_LENGTH", "07 02 12 03 08 02",
                        out -> LongBlockCodec.write(Encoding.LONG_RUN_LENGTH, new long[] {9, 9, 9, 4, 4}, 5, out)),
                golden("LONG_RADIX", "09 00 03 05 9c",
                        out -> LongBlockCodec.write(Encoding.LONG_RADIX, new long[] {0, 1, 2, 2, 1}, 5, out)),
                golden("LONG_DELTA_RADIX", "0a 00 c701 ca01 03 000190 000324",
                        out -> LongBlockCodec.write(Encoding.LONG_DELTA_RADIX, new long[] {0, 100, 0, -100, 1}, 5, out)),
                golden("DOUBLE_CONSTANT", "14 3ff8000000000000",
                        out -> DoubleBlockCodec.encode(new double[] {1.5, 1.5}, 2, out)),
                golden("DOUBLE_XOR", "15 3ff0000000000000 612fffe00bc06fffc0",
                        out -> DoubleBlockCodec.encode(new double[] {1.0, 1.0, 2.0, -0.0, Double.NaN}, 5, out)),
                golden("DOUBLE_SCALED_DECIMAL", "16 02 04 a413 02 09",
                        out -> DoubleBlockCodec.encode(new double[] {12.34, 12.35, 12.3}, 3, out)),
                golden("BOOLEAN_RUN_LENGTH", "1e 01 14 14",
                        out -> BooleanBlockCodec.encode(runs(), 40, out)),
                golden("BOOLEAN_BITMAP", "1f b0",
                        out -> BooleanBlockCodec.encode(new boolean[] {true, false, true, true, false}, 5, out)),
                golden("VARCHAR_DICTIONARY", "28 02 01 61 02 6263 06 00 02 49",
                        out -> VarcharDictionaryCodec.encode(new String[] {"a", null, "bc", "a"}, 4, out)),
                golden("RANS", "33 40 03 00bf15 00bf05 00ff04 0d 544d6e32083c16533086432480",
                        out -> assertThat(RansStage.writeIfSmaller(skewedBytes(), 64, out)).isTrue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void encodingBytesAreFrozen(String name, String hex, Consumer<BitWriter> encode) {
        BitWriter out = new BitWriter();
        encode.accept(out);
        assertThat(HEX.formatHex(out.toByteArray())).isEqualTo(hex.replace(" ", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void encodingAfterAPrefixAppendsTheSameBytes(String name, String hex, Consumer<BitWriter> encode) {
        BitWriter out = new BitWriter(1);
        out.writeBytes(PREFIX, 0, PREFIX.length);
        encode.accept(out);
        assertThat(HEX.formatHex(out.toByteArray())).isEqualTo("aabbcc" + hex.replace(" ", ""));
    }

    @Test
    void zstdBlocksNameTheirRawLength() {
        // compressed bytes depend on the zstd release, so only the framing is frozen here
        byte[] block = new byte[200];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) "abcdefgh".charAt(i % 8);
        }
        BitWriter out = new BitWriter();
        assertThat(ZstdStage.writeIfSmaller(block, block.length, out)).isTrue();
        byte[] bytes = out.toByteArray();
        assertThat(HEX.formatHex(bytes, 0, 3)).isEqualTo("32c801");
    }

    private static Arguments golden(String name, String hex, Consumer<BitWriter> encode) {
        return Arguments.of(name, hex, encode);
    }

    private static boolean[] runs() {
        boolean[] b = new boolean[40];
        java.util.Arrays.fill(b, 0, 20, true);
        return b;
    }

    private static byte[] skewedBytes() {
        byte[] b = new byte[64];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i % 7 == 0 ? 2 : i % 5 == 0 ? 1 : 0);
        }
        return b;
    }
}
