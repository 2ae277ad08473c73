package io.tidemark.storage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncodingIdsTest {

    @Test
    void encodingIdsAreFrozen() {
        Map<Encoding, Integer> frozen = new LinkedHashMap<>();
        frozen.put(Encoding.LONG_CONSTANT, 1);
        frozen.put(Encoding.LONG_REGULAR, 2);
        frozen.put(Encoding.LONG_DELTA_OF_DELTA, 3);
        frozen.put(Encoding.LONG_DELTA_VARINT, 4);
        frozen.put(Encoding.LONG_DELTA_BITPACK, 5);
        frozen.put(Encoding.LONG_BITPACK, 6);
        frozen.put(Encoding.LONG_RUN_LENGTH, 7);
        frozen.put(Encoding.LONG_VARINT, 8);
        frozen.put(Encoding.LONG_RADIX, 9);
        frozen.put(Encoding.LONG_DELTA_RADIX, 10);
        frozen.put(Encoding.DOUBLE_CONSTANT, 20);
        frozen.put(Encoding.DOUBLE_XOR, 21);
        frozen.put(Encoding.DOUBLE_SCALED_DECIMAL, 22);
        frozen.put(Encoding.BOOLEAN_RUN_LENGTH, 30);
        frozen.put(Encoding.BOOLEAN_BITMAP, 31);
        frozen.put(Encoding.VARCHAR_DICTIONARY, 40);
        frozen.put(Encoding.ZSTD, 50);
        frozen.put(Encoding.RANS, 51);

        assertThat(Arrays.asList(Encoding.values())).containsExactlyInAnyOrderElementsOf(frozen.keySet());
        frozen.forEach((encoding, id) -> {
            assertThat(encoding.id()).as("%s", encoding).isEqualTo(id);
            assertThat(Encoding.fromId(id)).isEqualTo(encoding);
        });
    }

    @Test
    void unknownIdsAreRejected() {
        for (int id : new int[] {0, 11, 19, 52, 63, 64, 255, -1}) {
            assertThatThrownBy(() -> Encoding.fromId(id)).isInstanceOf(CodecException.class)
                    .hasMessageContaining("unknown encoding id=" + id);
        }
    }

    @Test
    void aBlockOfTheWrongKindIsRejected() {
        BitWriter out = new BitWriter();
        DoubleBlockCodec.encode(new double[] {1.5, 2.5, 3.25}, 3, out);
        byte[] block = out.toByteArray();
        assertThatThrownBy(() -> LongBlockCodec.decode(new BitReader(block, 0, block.length), new long[3], 3))
                .isInstanceOf(CodecException.class).hasMessageContaining("does not hold longs");
    }
}
