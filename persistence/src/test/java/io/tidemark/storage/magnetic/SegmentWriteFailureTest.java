package io.tidemark.storage.magnetic;

import static io.tidemark.storage.magnetic.SegmentTestData.DAY;
import static io.tidemark.storage.magnetic.SegmentTestData.DAY_START;
import static io.tidemark.storage.magnetic.SegmentTestData.SECOND;
import static io.tidemark.storage.magnetic.SegmentTestData.chunk;
import static io.tidemark.storage.magnetic.SegmentTestData.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Makes each file operation of a segment write fail in turn and checks that the write reports the
 * failure, leaves no segment and no temporary file, and that the store keeps serving what it had.
 */
class SegmentWriteFailureTest {

    @TempDir
    Path data;

    enum FailingStep { CREATE, WRITE, FSYNC, RENAME, FSYNC_DIRECTORY }

    /** The real file system, except that one step fails for files and directories of the partition. */
    private static FileIo failing(FailingStep step) {
        return new FileIo() {
            @Override
            public FileChannel create(Path file) throws IOException {
                fail(step == FailingStep.CREATE, file);
                return FileIo.super.create(file);
            }

            @Override
            public void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
                // Fail after a partial write, as a full disk does.
                if (step == FailingStep.WRITE && channel.position() > 0) {
                    throw new IOException("injected: no space left on device");
                }
                FileIo.super.writeFully(channel, buffer);
            }

            @Override
            public void fsync(FileChannel channel) throws IOException {
                fail(step == FailingStep.FSYNC, null);
                FileIo.super.fsync(channel);
            }

            @Override
            public void moveAtomically(Path from, Path to) throws IOException {
                fail(step == FailingStep.RENAME, to);
                FileIo.super.moveAtomically(from, to);
            }

            @Override
            public void fsyncDirectory(Path dir) throws IOException {
                fail(step == FailingStep.FSYNC_DIRECTORY, dir);
                FileIo.super.fsyncDirectory(dir);
            }

            private void fail(boolean now, Path path) throws IOException {
                if (now) {
                    throw new IOException("injected failure: step=" + step + ", path=" + path);
                }
            }
        };
    }

    @ParameterizedTest
    @EnumSource(FailingStep.class)
    void failedWriteLeavesNoSegmentAndNoTemporaryFile(FailingStep step) throws IOException {
        MagneticLayout layout = new MagneticLayout(data, "t1");
        try (MagneticStore healthy = MagneticStore.open(FileIo.DEFAULT, layout, Clock.systemUTC())) {
            healthy.write(writer("before"));
        }
        try (MagneticStore store = MagneticStore.open(failing(step), layout, Clock.systemUTC())) {
            List<SegmentReader> before = store.segments();
            assertThatThrownBy(() -> store.write(writer("lost")))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("injected");
            assertThat(store.segments()).isEqualTo(before);
        }
        assertThat(names(layout.partitionDir(DAY))).containsExactly("0000000000000000.tmk");
        try (MagneticStore reopened = MagneticStore.open(FileIo.DEFAULT, layout, Clock.systemUTC())) {
            assertThat(reopened.segments()).singleElement()
                    .satisfies(r -> assertThat(r.seriesKeys()).containsExactly(key("host_0", "before")));
            // Nothing of the failed write remains, so its id is free again.
            assertThat(reopened.write(writer("after")).segmentId()).isEqualTo(1);
        }
    }

    @Test
    void leftoverTemporaryFilesAreRemovedAtOpenAndNeverServed() throws IOException {
        MagneticLayout layout = new MagneticLayout(data, "t1");
        Path complete;
        try (MagneticStore store = MagneticStore.open(FileIo.DEFAULT, layout, Clock.systemUTC())) {
            complete = store.write(writer("kept")).file();
        }
        // A crash mid-write leaves a temporary file holding a prefix of a segment.
        byte[] bytes = Files.readAllBytes(complete);
        Path torn = layout.tempFile(DAY, 5);
        Files.write(torn, Arrays.copyOf(bytes, bytes.length / 2));
        Path finishedButNotRenamed = layout.tempFile(DAY, 6);
        Files.write(finishedButNotRenamed, bytes);
        try (MagneticStore store = MagneticStore.open(FileIo.DEFAULT, layout, Clock.systemUTC())) {
            assertThat(store.segments()).extracting(SegmentReader::file).containsExactly(complete);
        }
        assertThat(torn).doesNotExist();
        assertThat(finishedButNotRenamed).doesNotExist();
        assertThat(layout.quarantineDir()).doesNotExist();
    }

    private static SegmentWriter writer(String measure) {
        SegmentWriter writer = new SegmentWriter(DAY);
        writer.add(key("host_0", measure), chunk(DAY_START, SECOND, 100, 0, 1));
        return writer;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
