package io.tidemark.storage.magnetic;

import static io.tidemark.storage.magnetic.SegmentTestData.DAY;
import static io.tidemark.storage.magnetic.SegmentTestData.DAY_START;
import static io.tidemark.storage.magnetic.SegmentTestData.SECOND;
import static io.tidemark.storage.magnetic.SegmentTestData.chunk;
import static io.tidemark.storage.magnetic.SegmentTestData.key;
import static io.tidemark.storage.magnetic.SegmentTestData.points;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Damages the middle of three segments in every way a disk or a crash can, and checks that the
 * store quarantines exactly that segment, says why, and keeps serving the other two in full.
 */
class SegmentCorruptionTest {

    @TempDir
    Path data;

    /** Where a file's sections are, read from a healthy copy. */
    record Sections(int headerSize, int blocksStart, int footerOffset, int trailerOffset, int size) {
    }

    static Stream<Arguments> damages() {
        return Stream.of(
                damage("bad magic", "bad segment magic", (b, s) -> set(b, 0, (byte) 'X')),
                damage("unknown version", "unsupported segment format version", (b, s) -> set(b, 5, (byte) 9)),
                damage("flipped header byte", "header CRC mismatch", (b, s) -> flip(b, 40)),
                damage("flipped dictionary byte", "file CRC mismatch", (b, s) -> flip(b, s.headerSize() + 10)),
                damage("flipped block byte", "file CRC mismatch", (b, s) -> flip(b, (s.blocksStart() + s.footerOffset()) / 2)),
                damage("flipped footer byte", "file CRC mismatch", (b, s) -> flip(b, s.footerOffset() + 6)),
                damage("flipped footer byte with resealed file CRC", "footer CRC mismatch",
                        (b, s) -> resealFileCrc(flip(b, s.footerOffset() + 6))),
                damage("unknown dictionary encoding, file CRC resealed", "unknown dictionary encoding",
                        (b, s) -> resealFileCrc(set(b, s.headerSize(), (byte) 7))),
                damage("unknown footer encoding, all CRCs resealed", "unknown footer encoding",
                        (b, s) -> resealFooterAndFile(set(b, s.footerOffset(), (byte) 7), s)),
                damage("footer missing its last byte, all CRCs resealed", "footer length out of range",
                        SegmentCorruptionTest::dropLastFooterByte),
                damage("torn tail", "bad segment end magic", (b, s) -> Arrays.copyOf(b, b.length - 10)),
                damage("truncated to half", "bad segment end magic", (b, s) -> Arrays.copyOf(b, b.length / 2)),
                damage("truncated inside the header", "shorter than a segment header", (b, s) -> Arrays.copyOf(b, 20)),
                damage("empty file", "shorter than a segment header", (b, s) -> new byte[0]),
                damage("bad end magic", "bad segment end magic", (b, s) -> flip(b, b.length - 1)));
    }

    private interface Damage {
        byte[] apply(byte[] healthy, Sections sections);
    }

    private static Arguments damage(String name, String reason, Damage damage) {
        return Arguments.of(name, reason, damage);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void damagedSegmentIsQuarantinedAndTheOthersServed(String name, String reason, Damage damage) throws IOException {
        MagneticLayout layout = new MagneticLayout(data, "t1");
        List<Path> files;
        try (MagneticStore store = MagneticStore.open(FileIo.DEFAULT, layout, Clock.systemUTC())) {
            for (int i = 0; i < 3; i++) {
                SegmentWriter writer = new SegmentWriter(DAY);
                for (int h = 0; h < 5; h++) {
                    writer.add(key("host_" + h, "m" + i), chunk(DAY_START, 10 * SECOND, 300, h, 1));
                }
                store.write(writer);
            }
            files = store.segments().stream().map(SegmentReader::file).toList();
        }
        Path victim = files.get(1);
        byte[] healthy = Files.readAllBytes(victim);
        Files.write(victim, damage.apply(healthy.clone(), sections(victim, healthy)));

        ListAppender<ILoggingEvent> log = captureStoreLog();
        try (MagneticStore store = MagneticStore.open(FileIo.DEFAULT, layout, Clock.systemUTC())) {
            assertThat(store.segments()).extracting(SegmentReader::file).containsExactly(files.get(0), files.get(2));
            for (int h = 0; h < 5; h++) {
                assertThat(points(store.read(key("host_" + h, "m2"), Long.MIN_VALUE, Long.MAX_VALUE)))
                        .isEqualTo(points(List.of(chunk(DAY_START, 10 * SECOND, 300, h, 1))));
                assertThat(store.read(key("host_" + h, "m1"), Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
            }
        } finally {
            ((Logger) LoggerFactory.getLogger(MagneticStore.class)).detachAppender(log);
        }
        assertThat(victim).doesNotExist();
        assertThat(layout.quarantineFile(DAY, victim)).exists().hasFileName("20261124-" + victim.getFileName());
        assertThat(log.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).contains("file=" + victim).contains(reason);
        });
        assertThatThrownBy(() -> SegmentReader.open(FileIo.DEFAULT, layout.quarantineFile(DAY, victim)))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(reason);
        try (MagneticStore store = MagneticStore.open(FileIo.DEFAULT, layout, Clock.systemUTC())) {
            SegmentWriter writer = new SegmentWriter(DAY);
            writer.add(key("host_0", "m3"), chunk(DAY_START, SECOND, 10, 0, 1));
            assertThat(store.write(writer).segmentId()).as("ids stay above the quarantined one").isEqualTo(3);
        }
    }

    private static ListAppender<ILoggingEvent> captureStoreLog() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger logger = (Logger) LoggerFactory.getLogger(MagneticStore.class);
        logger.addAppender(appender);
        return appender;
    }

    private static Sections sections(Path file, byte[] bytes) throws IOException {
        try (SegmentReader reader = SegmentReader.open(FileIo.DEFAULT, file)) {
            int trailer = bytes.length - SegmentTrailer.SIZE;
            int footer = (int) ByteBuffer.wrap(bytes).getLong(trailer);
            return new Sections(reader.header().encodedSize(), (int) reader.blocks(0).get(0).offset(), footer, trailer,
                    bytes.length);
        }
    }

    private static byte[] set(byte[] b, int at, byte value) {
        b[at] = value;
        return b;
    }

    private static byte[] flip(byte[] b, int at) {
        b[at] ^= 0x5A;
        return b;
    }

    /** Removes the footer's last byte and moves the trailer up, so only the footer framing is wrong. */
    private static byte[] dropLastFooterByte(byte[] b, Sections s) {
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, s.trailerOffset() - 1);
        System.arraycopy(b, s.trailerOffset(), out, s.trailerOffset() - 1, SegmentTrailer.SIZE);
        int footerLength = s.trailerOffset() - 1 - s.footerOffset();
        ByteBuffer.wrap(out).putInt(s.trailerOffset() - 1 + SegmentTrailer.FOOTER_LENGTH_OFFSET, footerLength);
        return resealFooterAndFile(out, new Sections(s.headerSize(), s.blocksStart(), s.footerOffset(),
                s.trailerOffset() - 1, out.length));
    }

    /** Recomputes the footer CRC and the file CRC, so only the structural checks can notice a change. */
    private static byte[] resealFooterAndFile(byte[] b, Sections s) {
        CRC32C crc = new CRC32C();
        crc.update(b, s.footerOffset(), s.trailerOffset() - s.footerOffset());
        ByteBuffer.wrap(b).putInt(s.trailerOffset() + SegmentTrailer.FOOTER_CRC_OFFSET, (int) crc.getValue());
        return resealFileCrc(b);
    }

    private static byte[] resealFileCrc(byte[] b) {
        int at = b.length - SegmentTrailer.SIZE + SegmentTrailer.FILE_CRC_OFFSET;
        CRC32C crc = new CRC32C();
        crc.update(b, 0, at);
        ByteBuffer.wrap(b).putInt(at, (int) crc.getValue());
        return b;
    }
}
