package io.tidemark.storage.magnetic;

import static io.tidemark.storage.magnetic.SegmentTestData.DAY;
import static io.tidemark.storage.magnetic.SegmentTestData.DAY_START;
import static io.tidemark.storage.magnetic.SegmentTestData.SECOND;
import static io.tidemark.storage.magnetic.SegmentTestData.chunk;
import static io.tidemark.storage.magnetic.SegmentTestData.key;
import static io.tidemark.storage.magnetic.SegmentTestData.points;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One directory, two stores: a writer and a reader that shares the directory (another node). The
 * reader sees what the writer does once it reloads, never changes anything on disk, and can take
 * over as the writer.
 */
class MagneticStoreSharedTest {

    private static final SeriesKey HOST = key("host_1", "cpu");

    @TempDir
    Path root;

    private final Clock clock = Clock.systemUTC();

    private MagneticLayout layout() {
        return new MagneticLayout(root, "shared");
    }

    private static SegmentWriter segment(long start, double seed) {
        SegmentWriter writer = new SegmentWriter(DAY);
        writer.add(HOST, chunk(start, SECOND, 10, seed, 1));
        return writer;
    }

    @Test
    void readerOfMissingDirectoryIsEmptyAndCreatesNothing() throws IOException {
        try (MagneticStore reader = MagneticStore.openShared(FileIo.DEFAULT, layout(), clock)) {
            assertThat(reader.segments()).isEmpty();
            reader.reload();
            assertThat(reader.segments()).isEmpty();
        }
        assertThat(Files.exists(layout().tableDir())).isFalse();
    }

    @Test
    void reloadShowsSegmentsTheWriterAddedAndKeepsServedReaders() throws IOException {
        try (MagneticStore writer = MagneticStore.open(FileIo.DEFAULT, layout(), clock);
                MagneticStore reader = MagneticStore.openShared(FileIo.DEFAULT, layout(), clock)) {
            writer.write(segment(DAY_START, 0));
            assertThat(reader.segments()).as("not before a reload").isEmpty();

            reader.reload();
            assertThat(reader.segments()).hasSize(1);
            SegmentReader first = reader.segments().get(0);
            writer.write(segment(DAY_START + 100 * SECOND, 50));
            reader.reload();

            assertThat(reader.segments()).hasSize(2);
            assertThat(reader.segments().get(0)).as("a served segment keeps its reader").isSameAs(first);
            assertThat(points(reader.read(HOST, DAY_START, DAY_START + 200 * SECOND)))
                    .isEqualTo(points(writer.read(HOST, DAY_START, DAY_START + 200 * SECOND)));
        }
    }

    @Test
    void compactionOnTheWriterReplacesTheReadersSegmentsWhileOldSnapshotsStayReadable() throws IOException {
        try (MagneticStore writer = MagneticStore.open(FileIo.DEFAULT, layout(), clock);
                MagneticStore reader = MagneticStore.openShared(FileIo.DEFAULT, layout(), clock)) {
            for (int i = 0; i < 3; i++) {
                writer.write(segment(DAY_START + i * 10 * SECOND, i * 10));
            }
            reader.reload();
            List<SegmentReader> before = reader.segments();
            new SegmentCompactor(writer, new CompactionPolicy(2, Long.MAX_VALUE, 8_640)).compactAll();

            reader.reload();

            assertThat(reader.segments()).hasSize(1);
            assertThat(reader.segments().get(0).replaces()).hasSize(3);
            assertThat(points(reader.read(HOST, DAY_START, DAY_START + 30 * SECOND))).hasSize(30);
            assertThat(before.get(0).read(0, DAY_START, DAY_START + 30 * SECOND))
                    .as("a snapshot taken before the reload still reads its deleted file").isNotEmpty();
        }
    }

    @Test
    void readerLeavesWhatOnlyTheWriterMayRemoveAndSkipsIt() throws IOException {
        Path temp;
        Path input;
        try (MagneticStore writer = MagneticStore.open(FileIo.DEFAULT, layout(), clock)) {
            input = writer.write(segment(DAY_START, 0)).file();
            writer.write(segment(DAY_START + 10 * SECOND, 10));
        }
        // an interrupted compaction: the output names the input, which is still on disk
        Path output = segment(DAY_START, 0).write(FileIo.DEFAULT, layout(), 5, 1, new long[] {0}, clock.millis());
        temp = layout().tempFile(DAY, 9);
        Files.write(temp, new byte[] {1, 2, 3});
        Path damaged = layout().segmentFile(DAY, 7);
        Files.write(damaged, new byte[64]);

        try (MagneticStore reader = MagneticStore.openShared(FileIo.DEFAULT, layout(), clock)) {
            assertThat(reader.segments()).extracting(SegmentReader::file)
                    .as("the replaced input and the damaged file are not served")
                    .doesNotContain(input, damaged).contains(output);
        }
        assertThat(temp).exists();
        assertThat(input).exists();
        assertThat(damaged).exists();
    }

    @Test
    void recoverTakesOverAsWriterPastEveryIdOnDisk() throws IOException {
        try (MagneticStore reader = MagneticStore.openShared(FileIo.DEFAULT, layout(), clock)) {
            try (MagneticStore writer = MagneticStore.open(FileIo.DEFAULT, layout(), clock)) {
                writer.write(segment(DAY_START, 0));
                writer.write(segment(DAY_START + 10 * SECOND, 10));
            }
            Path temp = layout().tempFile(DAY, 4);
            Files.write(temp, new byte[] {1});
            Path damaged = layout().segmentFile(DAY, 3);
            Files.write(damaged, new byte[64]);
            reader.reload();

            reader.recover();

            assertThat(temp).doesNotExist();
            assertThat(damaged).doesNotExist();
            assertThat(layout().quarantineFile(DAY, damaged)).exists();
            SegmentReader written = reader.write(segment(DAY_START + 20 * SECOND, 20));
            assertThat(written.segmentId()).as("above the temporary file's id too").isEqualTo(5);
            assertThat(points(reader.read(HOST, DAY_START, DAY_START + 30 * SECOND))).hasSize(30);
        }
    }
}
