package io.tidemark.storage.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.model.MeasureType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SealedChunkCorruptionTest {

    static Stream<Arguments> damage() {
        return Stream.of(
                damage("bad magic", b -> set(b, 0, (byte) 'X'), 0, "bad chunk magic"),
                damage("bad version", b -> set(b, ChunkLayout.VERSION_OFFSET, (byte) 3), ChunkLayout.VERSION_OFFSET,
                        "unsupported chunk version=3"),
                damage("flipped payload bit", b -> set(b, b.length / 2, (byte) (b[b.length / 2] ^ 0x10)),
                        -1, "CRC32C mismatch"),
                damage("bad stored CRC", b -> set(b, b.length - 1, (byte) (b[b.length - 1] ^ 1)), -1,
                        "CRC32C mismatch"),
                damage("truncated tail", b -> Arrays.copyOf(b, b.length - 5), ChunkLayout.LENGTH_OFFSET,
                        "length mismatch"),
                damage("truncated inside header", b -> Arrays.copyOf(b, 20), 0, "chunk truncated"),
                damage("empty", b -> new byte[0], 0, "chunk truncated"),
                damage("trailing garbage", b -> Arrays.copyOf(b, b.length + 3), ChunkLayout.LENGTH_OFFSET,
                        "length mismatch"),
                damage("unknown encryption with valid CRC", b -> resealed(set(b, ChunkLayout.ENCRYPTION_OFFSET, (byte) 1)),
                        ChunkLayout.ENCRYPTION_OFFSET, "unsupported chunk encryption=1"),
                damage("unknown column type with valid CRC", b -> resealed(set(b, ChunkLayout.HEADER_BYTES, (byte) 99)),
                        ChunkLayout.HEADER_BYTES, "unknown measure type id: 99"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damage")
    void damagedChunksRaiseCorruptionException(String name, UnaryOperator<byte[]> damage, long offset, String what) {
        byte[] bytes = damage.apply(sample().bytes().clone());

        assertThatThrownBy(() -> SealedChunk.wrap(bytes)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining(what)
                .satisfies(e -> {
                    if (offset >= 0) {
                        assertThat(((CorruptionException) e).offset()).isEqualTo(offset);
                    }
                });
        assertThatThrownBy(() -> SealedChunk.wrap(ByteBuffer.wrap(bytes))).isInstanceOf(CorruptionException.class);
    }

    @Test
    void aDamagedSectionBehindAValidCrcIsReportedWhenDecoded() {
        OpenChunk open = new OpenChunk(List.of(new ColumnSpec("v", MeasureType.DOUBLE)));
        for (int i = 0; i < 10; i++) {
            open.setDouble(0, open.append(i, 1), 1.5);
        }
        byte[] bytes = open.seal().bytes().clone();
        // the last section is the values: DOUBLE_CONSTANT, an id byte and 8 value bytes
        int valuesStart = bytes.length - ChunkLayout.CRC_BYTES - 9;
        assertThat(bytes[valuesStart]).isEqualTo((byte) 20);
        bytes[valuesStart] = 63;
        SealedChunk damaged = SealedChunk.wrap(resealed(bytes));

        assertThatThrownBy(() -> damaged.decodeDoubles(0, new double[damaged.count()]))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("unknown encoding id=63")
                .satisfies(e -> assertThat(((CorruptionException) e).offset()).isEqualTo(valuesStart));
    }

    @Test
    void wrapOfAByteBufferReadsItsRemainingBytesWithoutMovingIt() {
        byte[] bytes = sample().bytes();
        ByteBuffer buffer = ByteBuffer.allocate(bytes.length + 10);
        buffer.position(10);
        buffer.put(bytes);
        buffer.position(10);

        SealedChunk chunk = SealedChunk.wrap(buffer);

        assertThat(chunk.count()).isEqualTo(sample().count());
        assertThat(buffer.position()).isEqualTo(10);
    }

    static SealedChunk sample() {
        OpenChunk open = new OpenChunk(List.of(new ColumnSpec("usage_user", MeasureType.DOUBLE)));
        for (int i = 0; i < 100; i++) {
            open.setDouble(0, open.append(1_000_000_000L * i, 1), (i * 7) % 13 + 0.25);
        }
        return open.seal();
    }

    private static Arguments damage(String name, UnaryOperator<byte[]> damage, long offset, String what) {
        return Arguments.of(name, damage, offset, what);
    }

    private static byte[] set(byte[] b, int at, byte value) {
        b[at] = value;
        return b;
    }

    private static byte[] resealed(byte[] b) {
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - ChunkLayout.CRC_BYTES);
        ByteBuffer.wrap(b).putInt(b.length - ChunkLayout.CRC_BYTES, (int) crc.getValue());
        return b;
    }
}
