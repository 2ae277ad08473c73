package io.tidemark.storage.pekko;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.fileio.FileIo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot store's storage with chosen timestamps, and what survives reopening it. */
class SnapshotLogTest {

    private static final long MAX = Long.MAX_VALUE;

    @TempDir
    Path dir;

    private static StoredSnapshot snapshot(String pid, long seq, long timestamp, String state) {
        return new StoredSnapshot(pid, seq, timestamp, new SerializedPayload(20, "", state.getBytes(StandardCharsets.UTF_8)));
    }

    /** Snapshots at sequence numbers 10..40 taken at timestamps 1000..4000. */
    private static void saveFour(SnapshotLog log) {
        for (int i = 1; i <= 4; i++) {
            log.save(snapshot("p", 10L * i, 1000L * i, "state-" + 10 * i));
        }
    }

    private static List<Long> selected(SnapshotLog log, long maxSeq, long maxTs, long minSeq, long minTs) {
        return log.newestFirst("p", new SnapshotRange(minSeq, maxSeq, minTs, maxTs)).stream()
                .map(SnapshotLog.Location::sequenceNr).toList();
    }

    @Test
    void selectsByEveryBoundNewestFirst() {
        try (SnapshotLog log = new SnapshotLog(dir, false, FileIo.DEFAULT)) {
            saveFour(log);

            assertThat(selected(log, MAX, MAX, 0, 0)).containsExactly(40L, 30L, 20L, 10L);
            assertThat(selected(log, MAX, 2500, 0, 0)).containsExactly(20L, 10L);
            assertThat(selected(log, MAX, MAX, 0, 3500)).containsExactly(40L);
            assertThat(selected(log, 30, 3000, 20, 2000)).containsExactly(30L, 20L);
            assertThat(selected(log, 15, MAX, 0, 1500)).isEmpty();
            assertThat(selected(log, MAX, 999, 0, 0)).isEmpty();
        }
    }

    @Test
    void reopensWithSavesReplacementsAndDeletionsApplied() {
        try (SnapshotLog log = new SnapshotLog(dir, false, FileIo.DEFAULT)) {
            saveFour(log);
            log.save(snapshot("p", 20, 2000, "state-20-again"));
            log.delete("p", new SnapshotRange(30, 30, 0, MAX));
            log.delete("p", new SnapshotRange(0, MAX, 3500, MAX));
        }

        try (SnapshotLog log = new SnapshotLog(dir, false, FileIo.DEFAULT)) {
            assertThat(selected(log, MAX, MAX, 0, 0)).containsExactly(20L, 10L);
            SnapshotLog.Location newest = log.newestFirst("p", new SnapshotRange(0, MAX, 0, MAX)).get(0);
            assertThat(new String(log.read(newest).payload().bytes(), StandardCharsets.UTF_8)).isEqualTo("state-20-again");
        }
    }

    @Test
    void aSnapshotAtTheSameSequenceNrButAnotherTimestampIsKeptBeside() {
        try (SnapshotLog log = new SnapshotLog(dir, false, FileIo.DEFAULT)) {
            log.save(snapshot("p", 10, 1000, "a"));
            log.save(snapshot("p", 10, 1001, "b"));

            List<SnapshotLog.Location> found = log.newestFirst("p", new SnapshotRange(0, MAX, 0, MAX));

            assertThat(found).extracting(SnapshotLog.Location::timestamp).containsExactly(1001L, 1000L);
        }
    }
}
