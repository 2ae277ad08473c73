package io.tidemark.storage.magnetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.CorruptionException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Freezes the fixed sizes and the byte layout of the segment header and trailer. */
class SegmentHeaderTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final SegmentHeader HEADER = new SegmentHeader("cpu", 0x0102030405060708L, 3,
            MagneticLayout.partitionStartNanos(DAY), MagneticLayout.partitionEndNanos(DAY), 1_795_608_000_000L);

    @Test
    void fixedSizes() {
        assertThat(SegmentHeader.FIXED_SIZE).isEqualTo(64);
        assertThat(HEADER.encodedSize()).isEqualTo(64 + 3 + 4);
        assertThat(SegmentTrailer.SIZE).isEqualTo(24);
    }

    @Test
    void goldenHeaderBytes() {
        ByteBuffer out = ByteBuffer.allocate(HEADER.encodedSize());
        HEADER.writeTo(out);
        assertThat(out.position()).isEqualTo(HEADER.encodedSize());
        assertThat(HexFormat.of().formatHex(out.array())).isEqualTo(
                "544d4b53" + "0001" + "0000" + "00" + "03" + "0003" // magic, version, flags, encryption, level, table id length
                        + "00000000" + "000000000000000000000000" + "00000000" // key id, nonce, reserved
                        + "0102030405060708" // segment id
                        + "18ead21789e30000" + "18eb20ac1b320000" // partition start and end, ns
                        + "000001a21293b600" // created, ms
                        + "637075" // "cpu"
                        + "c429cc5d"); // CRC32C of the 67 bytes before it
    }

    @Test
    void roundTrip() {
        ByteBuffer out = ByteBuffer.allocate(HEADER.encodedSize());
        HEADER.writeTo(out);
        assertThat(SegmentHeader.read(out.flip(), Path.of("x.tmk"))).isEqualTo(HEADER);
    }

    @Test
    void rejectsEncryptionAndFlagsItDoesNotKnow() {
        for (int offset : new int[] {SegmentHeader.ENCRYPTION_OFFSET, SegmentHeader.FLAGS_OFFSET + 1}) {
            ByteBuffer out = ByteBuffer.allocate(HEADER.encodedSize());
            HEADER.writeTo(out);
            out.put(offset, (byte) 1);
            out.putInt(67, SegmentHeader.crc(out, 0, 67));
            assertThatThrownBy(() -> SegmentHeader.read(out.flip(), Path.of("x.tmk")))
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("unsupported segment flags or encryption")
                    .hasMessageContaining("file=x.tmk");
        }
    }

    @Test
    void rejectsInvalidFields() {
        assertThatThrownBy(() -> new SegmentHeader("cpu", 1, 256, 0, 1, 0)).hasMessageContaining("level=256");
        assertThatThrownBy(() -> new SegmentHeader("cpu", 1, 0, 5, 5, 0)).hasMessageContaining("cannot use partition");
        assertThatThrownBy(() -> new SegmentHeader("a/b", 1, 0, 0, 1, 0)).hasMessageContaining("tableId=a/b");
    }
}
