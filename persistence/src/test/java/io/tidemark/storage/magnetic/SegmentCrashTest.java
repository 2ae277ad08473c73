package io.tidemark.storage.magnetic;

import static io.tidemark.storage.magnetic.SegmentTestData.DAY;
import static io.tidemark.storage.magnetic.SegmentTestData.DAY_START;
import static io.tidemark.storage.magnetic.SegmentTestData.SECOND;
import static io.tidemark.storage.magnetic.SegmentTestData.chunk;
import static io.tidemark.storage.magnetic.SegmentTestData.key;
import static io.tidemark.storage.magnetic.SegmentTestData.points;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real writer process (SIGKILL) while it writes and compacts segments, then checks that
 * the store opens cleanly: nothing quarantined, no temporary file left, and every segment the
 * process reported as written readable in full, directly or through the compaction that replaced it.
 */
class SegmentCrashTest {

    private static final int SERIES = 50;
    private static final int POINTS = 720;

    @TempDir
    Path data;

    /** The writer process: writes segment after segment, compacting every few, reporting each. */
    public static final class WriterProcess {
        public static void main(String[] args) throws IOException {
            MagneticLayout layout = new MagneticLayout(Path.of(args[0]), "crash");
            try (MagneticStore store = MagneticStore.open(FileIo.DEFAULT, layout, Clock.systemUTC())) {
                SegmentCompactor compactor = new SegmentCompactor(store, new CompactionPolicy(3, 0, 8_640));
                for (int i = 0; ; i++) {
                    store.write(segment(i));
                    System.out.println("written " + i);
                    System.out.flush();
                    compactor.compactAll();
                }
            }
        }
    }

    static SegmentWriter segment(int i) {
        SegmentWriter writer = new SegmentWriter(DAY);
        for (int h = 0; h < SERIES; h++) {
            writer.add(key("host_" + h, "m" + i), chunk(DAY_START, 10 * SECOND, POINTS, h, 1));
        }
        return writer;
    }

    @Test
    void killedWriterLeavesOnlyCompleteSegments() throws Exception {
        Process process = new ProcessBuilder(ChildJvm.command(WriterProcess.class, data.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int acknowledged = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged < 7 && (line = out.readLine()) != null) {
                if (line.startsWith("written ")) {
                    acknowledged = Integer.parseInt(line.substring(8));
                }
            }
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).as("writer process reported its segments").isEqualTo(7);

        MagneticLayout layout = new MagneticLayout(data, "crash");
        try (MagneticStore store = MagneticStore.open(FileIo.DEFAULT, layout, Clock.systemUTC())) {
            assertThat(layout.quarantineDir()).doesNotExist();
            assertThat(names(layout.partitionDir(DAY))).allMatch(name -> name.endsWith(MagneticLayout.SEGMENT_SUFFIX));
            for (int i = 0; i <= acknowledged; i++) {
                for (int h = 0; h < SERIES; h += 7) {
                    assertThat(points(store.read(key("host_" + h, "m" + i), Long.MIN_VALUE, Long.MAX_VALUE)))
                            .as("segment %d, host %d", i, h)
                            .isEqualTo(points(List.of(chunk(DAY_START, 10 * SECOND, POINTS, h, 1))));
                }
            }
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
