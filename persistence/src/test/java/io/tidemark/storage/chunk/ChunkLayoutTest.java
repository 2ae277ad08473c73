package io.tidemark.storage.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.model.MeasureType;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkLayoutTest {

    @Test
    void fixedHeaderIsFortyEightBytesAtFrozenOffsets() {
        assertThat(ChunkLayout.MAGIC_OFFSET).isZero();
        assertThat(ChunkLayout.VERSION_OFFSET).isEqualTo(4);
        assertThat(ChunkLayout.ENCRYPTION_OFFSET).isEqualTo(5);
        assertThat(ChunkLayout.COLUMN_COUNT_OFFSET).isEqualTo(6);
        assertThat(ChunkLayout.LENGTH_OFFSET).isEqualTo(8);
        assertThat(ChunkLayout.KEY_ID_OFFSET).isEqualTo(12);
        assertThat(ChunkLayout.NONCE_OFFSET).isEqualTo(16);
        assertThat(ChunkLayout.COUNT_OFFSET).isEqualTo(28);
        assertThat(ChunkLayout.MIN_TIME_OFFSET).isEqualTo(32);
        assertThat(ChunkLayout.MAX_TIME_OFFSET).isEqualTo(40);
        assertThat(ChunkLayout.HEADER_BYTES).isEqualTo(48);
        assertThat(ChunkLayout.MAGIC).isEqualTo(0x544D4348);
    }

    @Test
    void writtenHeaderCarriesEveryFixedField() {
        OpenChunk open = new OpenChunk(List.of(new ColumnSpec("a", MeasureType.BIGINT),
                new ColumnSpec("b", MeasureType.VARCHAR)));
        int r = open.append(-5, 3);
        open.setLong(0, r, 1);
        open.setVarchar(1, open.append(9, 3), "x");
        byte[] bytes = open.seal().bytes();
        ByteBuffer b = ByteBuffer.wrap(bytes);

        assertThat(b.getInt(0)).isEqualTo(ChunkLayout.MAGIC);
        assertThat(bytes[4]).isEqualTo((byte) 1);
        assertThat(bytes[5]).isZero();
        assertThat(b.getShort(6)).isEqualTo((short) 2);
        assertThat(b.getInt(8)).isEqualTo(bytes.length);
        assertThat(b.getInt(12)).isZero();
        for (int i = 16; i < 28; i++) {
            assertThat(bytes[i]).isZero();
        }
        assertThat(b.getInt(28)).isEqualTo(2);
        assertThat(b.getLong(32)).isEqualTo(-5);
        assertThat(b.getLong(40)).isEqualTo(9);
    }
}
