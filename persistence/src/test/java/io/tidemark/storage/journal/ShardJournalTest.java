package io.tidemark.storage.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import io.tidemark.storage.serialization.KryoPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShardJournalTest {

    private static final KryoPool KRYO = TestBatches.kryo();

    @TempDir
    Path dir;

    private final SetTimeProvider clock = new SetTimeProvider("2026-11-25T10:00:00");

    private JournalOptions options() {
        return JournalOptions.defaults().withRollCycle(TestRollCycles.TEST_SECONDLY).withClock(clock);
    }

    private ShardJournal open() {
        return ShardJournal.open(dir, options(), KRYO);
    }

    /** Replays from {@code from} and returns the batches by index, in order. */
    static Map<Long, WriteBatch> replay(ShardJournal journal, long from) {
        Map<Long, WriteBatch> out = new LinkedHashMap<>();
        long delivered = journal.replay(from, (index, batch) -> {
            assertThat(out).doesNotContainKey(index);
            out.put(index, batch);
        });
        assertThat(delivered).isEqualTo(out.size());
        return out;
    }

    @Test
    void replaysEveryBatchInOrderWithTheIndexAppendReturned() {
        List<Long> indexes = new ArrayList<>();
        try (ShardJournal journal = open()) {
            assertThat(journal.lastIndex()).isEqualTo(ShardJournal.NO_INDEX);
            assertThat(replay(journal, ShardJournal.NO_INDEX)).isEmpty();
            for (int seq = 0; seq < 300; seq++) {
                indexes.add(journal.append(TestBatches.batch(seq)));
            }
            assertThat(indexes).isSorted().doesNotHaveDuplicates();
            assertThat(journal.lastIndex()).isEqualTo(indexes.get(299));
            Map<Long, WriteBatch> replayed = replay(journal, ShardJournal.NO_INDEX);
            assertThat(replayed.keySet()).containsExactlyElementsOf(indexes);
            for (int seq = 0; seq < 300; seq++) {
                assertThat(replayed.get(indexes.get(seq))).isEqualTo(TestBatches.batch(seq));
            }
        }
    }

    @Test
    void journalsAppendingInTurnOnOneThreadEachKeepTheirOwnBatches() {
        // the frame buffer is the thread's: a large frame then a small one must not leak bytes across journals
        try (ShardJournal first = ShardJournal.open(dir.resolve("first"), options(), KRYO);
             ShardJournal second = ShardJournal.open(dir.resolve("second"), options(), KRYO)) {
            List<WriteBatch> firstBatches = new ArrayList<>();
            List<WriteBatch> secondBatches = new ArrayList<>();
            for (int seq = 0; seq < 10; seq++) {
                WriteBatch big = TestBatches.batch(seq, 500 + seq);
                WriteBatch small = TestBatches.batch(100 + seq, 1 + seq);
                first.append(seq % 2 == 0 ? big : small);
                second.append(seq % 2 == 0 ? small : big);
                firstBatches.add(seq % 2 == 0 ? big : small);
                secondBatches.add(seq % 2 == 0 ? small : big);
            }
            assertThat(replay(first, ShardJournal.NO_INDEX).values()).containsExactlyElementsOf(firstBatches);
            assertThat(replay(second, ShardJournal.NO_INDEX).values()).containsExactlyElementsOf(secondBatches);
        }
    }

    @Test
    void replaysFromAPositionExclusive() {
        List<Long> indexes = new ArrayList<>();
        try (ShardJournal journal = open()) {
            for (int seq = 0; seq < 20; seq++) {
                indexes.add(journal.append(TestBatches.batch(seq)));
            }
            assertThat(replay(journal, indexes.get(14)).keySet()).containsExactlyElementsOf(indexes.subList(15, 20));
            assertThat(replay(journal, indexes.get(19))).isEmpty();
            assertThat(replay(journal, indexes.get(19) + 1000)).isEmpty();
        }
    }

    @Test
    void replayEntriesDeliversBatchesAndMigrationMarksInJournalOrderAcrossRestart() {
        long first;
        long frozen;
        long second;
        long committed;
        try (ShardJournal journal = open()) {
            first = journal.append(TestBatches.batch(0));
            frozen = journal.appendMigrationFrozen(42L, 1_000L);
            second = journal.append(TestBatches.batch(1));
            committed = journal.appendMigrationCommitted(42L);
        }
        try (ShardJournal journal = open()) {
            List<String> seen = new ArrayList<>();
            long delivered = journal.replayEntries(ShardJournal.NO_INDEX, new ShardJournal.EntryVisitor() {
                @Override
                public void batch(long index, WriteBatch batch) {
                    seen.add(index + ":batch:" + batch.equals(TestBatches.batch(index == first ? 0 : 1)));
                }

                @Override
                public void migrationFrozen(long index, long migrationId, long cutoffNanos) {
                    seen.add(index + ":frozen:" + migrationId + "@" + cutoffNanos);
                }

                @Override
                public void migrationCommitted(long index, long migrationId) {
                    seen.add(index + ":committed:" + migrationId);
                }
            });
            assertThat(delivered).isEqualTo(4);
            assertThat(seen).containsExactly(first + ":batch:true", frozen + ":frozen:42@1000",
                    second + ":batch:true", committed + ":committed:42");
            // the batch-only replay skips the marks
            assertThat(replay(journal, ShardJournal.NO_INDEX).keySet()).containsExactly(first, second);
            assertThat(journal.lastIndex()).isEqualTo(committed);
        }
    }

    @Test
    void restartKeepsEverythingAndAppendsContinue() {
        List<Long> indexes = new ArrayList<>();
        try (ShardJournal journal = open()) {
            for (int seq = 0; seq < 10; seq++) {
                indexes.add(journal.append(TestBatches.batch(seq)));
            }
        }
        try (ShardJournal journal = open()) {
            assertThat(journal.lastIndex()).isEqualTo(indexes.get(9));
            for (int seq = 10; seq < 15; seq++) {
                indexes.add(journal.append(TestBatches.batch(seq)));
            }
        }
        try (ShardJournal journal = open()) {
            Map<Long, WriteBatch> replayed = replay(journal, ShardJournal.NO_INDEX);
            assertThat(replayed.keySet()).containsExactlyElementsOf(indexes);
            assertThat(replayed.values()).containsExactlyElementsOf(
                    Stream.iterate(0, i -> i + 1).limit(15).map(TestBatches::batch).toList());
        }
    }

    @Test
    void releaseBeforeDeletesWholeRolledCyclesAndKeepsTheRestAcrossRestart() throws IOException {
        List<Long> indexes = new ArrayList<>();
        try (ShardJournal journal = open()) {
            for (int cycle = 0; cycle < 4; cycle++) {
                for (int i = 0; i < 3; i++) {
                    indexes.add(journal.append(TestBatches.batch(cycle * 3 + i)));
                }
                clock.advanceMillis(1000);
            }
            assertThat(cycleFiles()).hasSize(4);

            // Index 7 lies in the third cycle: the first two cycles lie wholly before it.
            assertThat(journal.releaseBefore(indexes.get(7))).isEqualTo(2);
            assertThat(cycleFiles()).hasSize(2);
            assertThat(replay(journal, ShardJournal.NO_INDEX).keySet()).containsExactlyElementsOf(indexes.subList(6, 12));
            assertThat(replay(journal, indexes.get(2)).keySet()).containsExactlyElementsOf(indexes.subList(6, 12));
        }
        try (ShardJournal journal = open()) {
            assertThat(replay(journal, ShardJournal.NO_INDEX).keySet()).containsExactlyElementsOf(indexes.subList(6, 12));
            indexes.add(journal.append(TestBatches.batch(12)));
            assertThat(replay(journal, indexes.get(11)).keySet()).containsExactly(indexes.get(12));
        }
    }

    @Test
    void releaseBeforeWorksRightAfterReopeningBeforeAnyAppend() throws IOException {
        long last;
        try (ShardJournal journal = open()) {
            journal.append(TestBatches.batch(0));
            clock.advanceMillis(1000);
            journal.append(TestBatches.batch(1));
            clock.advanceMillis(1000);
            last = journal.append(TestBatches.batch(2));
        }
        clock.advanceMillis(5000);
        try (ShardJournal journal = open()) {
            assertThat(journal.releaseBefore(last)).isEqualTo(2);
            assertThat(replay(journal, ShardJournal.NO_INDEX).keySet()).containsExactly(last);
        }
    }

    @Test
    void releaseBeforeNeverDeletesTheCycleBeingWritten() throws IOException {
        try (ShardJournal journal = open()) {
            long first = journal.append(TestBatches.batch(0));
            clock.advanceMillis(1000);
            long last = journal.append(TestBatches.batch(1));
            assertThat(journal.releaseBefore(last + 1_000_000L)).isEqualTo(1);
            assertThat(cycleFiles()).hasSize(1);
            assertThat(journal.releaseBefore(Long.MAX_VALUE)).isZero();
            assertThat(replay(journal, ShardJournal.NO_INDEX).keySet()).containsExactly(last).doesNotContain(first);
        }
    }

    @Test
    void releaseBeforeDeletesThroughTheFileFacade() {
        List<Path> deleted = new ArrayList<>();
        FileIo recording = new FileIo() {
            @Override
            public void delete(Path file) throws IOException {
                deleted.add(file);
                FileIo.super.delete(file);
            }
        };
        try (ShardJournal journal = ShardJournal.open(dir, options().withFileIo(recording), KRYO)) {
            journal.append(TestBatches.batch(0));
            clock.advanceMillis(1000);
            long last = journal.append(TestBatches.batch(1));
            journal.releaseBefore(last);
        }
        assertThat(deleted).hasSize(1).allSatisfy(p -> assertThat(p.getFileName().toString()).endsWith(".cq4"));
    }

    static Stream<FsyncPolicy> policies() {
        return Stream.of(FsyncPolicy.perBatch(), FsyncPolicy.interval(Duration.ofMillis(1)), FsyncPolicy.os());
    }

    @ParameterizedTest
    @MethodSource("policies")
    void everyFsyncPolicyKeepsAcknowledgedBatches(FsyncPolicy policy) {
        List<Long> indexes = new ArrayList<>();
        try (ShardJournal journal = ShardJournal.open(dir, options().withFsync(policy), KRYO)) {
            for (int seq = 0; seq < 5; seq++) {
                indexes.add(journal.append(TestBatches.batch(seq)));
            }
            journal.sync();
        }
        try (ShardJournal journal = open()) {
            assertThat(replay(journal, ShardJournal.NO_INDEX).keySet()).containsExactlyElementsOf(indexes);
        }
    }

    @Test
    void perBatchPolicySyncsBeforeAppendReturnsAndOsPolicyNever() {
        try (ShardJournal journal = ShardJournal.open(dir, options().withFsync(FsyncPolicy.os()), KRYO)) {
            journal.append(TestBatches.batch(0));
            journal.sync();
            assertThat(journal.syncedIndex()).isEqualTo(ShardJournal.NO_INDEX);
        }
        try (ShardJournal journal = ShardJournal.open(dir, options().withFsync(FsyncPolicy.perBatch()), KRYO)) {
            long first = journal.append(TestBatches.batch(1));
            assertThat(journal.syncedIndex()).isEqualTo(first);
            long second = journal.append(TestBatches.batch(2));
            assertThat(journal.syncedIndex()).isEqualTo(second);
        }
    }

    @Test
    void groupCommitSyncsARunOfAppendsOnceUnderPerBatch() {
        try (ShardJournal journal = ShardJournal.open(dir, options().withFsync(FsyncPolicy.perBatch()), KRYO)) {
            long first = journal.append(TestBatches.batch(0));
            long second = journal.appendDeferringSync(TestBatches.batch(1));
            long third = journal.appendDeferringSync(TestBatches.batch(2));
            assertThat(journal.syncedIndex()).isEqualTo(first).isLessThan(second);
            journal.applyFsyncPolicy();
            assertThat(journal.syncedIndex()).isEqualTo(third);
            assertThat(replay(journal, ShardJournal.NO_INDEX).keySet()).containsExactly(first, second, third);
        }
    }

    @Test
    void intervalPolicySyncsOnRequestAndOnClose() {
        long last;
        try (ShardJournal journal = ShardJournal.open(dir, options().withFsync(FsyncPolicy.interval(Duration.ofDays(1))), KRYO)) {
            long first = journal.append(TestBatches.batch(0));
            assertThat(journal.syncedIndex()).as("an interval not yet elapsed").isLessThan(first);
            journal.sync();
            assertThat(journal.syncedIndex()).isEqualTo(first);
            last = journal.append(TestBatches.batch(1));
        }
        try (ShardJournal journal = open()) {
            assertThat(journal.syncedIndex()).as("close syncs").isEqualTo(last);
        }
    }

    @Test
    void fsyncPolicyRefusesAnIntervalThatDoesNotFitItsMode() {
        assertThatThrownBy(() -> FsyncPolicy.interval(Duration.ZERO)).hasMessageContaining("interval must be positive");
        assertThatThrownBy(() -> new FsyncPolicy(FsyncPolicy.Mode.OS, Duration.ofSeconds(1)))
                .hasMessageContaining("zero otherwise");
    }

    @Test
    void refusesAnOversizedBatchAndWritesNothing() {
        try (ShardJournal journal = open()) {
            long before = journal.append(TestBatches.batch(0));
            WriteBatchBuilder b = WriteBatch.builder(TestBatches.TABLE, TestBatches.SHARD);
            int label = b.column("label", MeasureType.VARCHAR);
            b.addRow(b.series(SeriesKey.of(List.of(), "m")), 1L, 1L);
            b.setString(label, "x".repeat(9 << 20));
            WriteBatch huge = b.build();
            assertThatThrownBy(() -> journal.append(huge)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exceeds limit").hasMessageContaining("rows=1");
            assertThat(journal.lastIndex()).isEqualTo(before);
            long after = journal.append(TestBatches.batch(2));
            assertThat(replay(journal, ShardJournal.NO_INDEX).keySet()).containsExactly(before, after);
        }
    }

    @Test
    void journalDirectoryFollowsTheDataLayoutAndStaysInsideIt() {
        assertThat(ShardJournal.directory(Path.of("/data"), "t9", 4)).isEqualTo(Path.of("/data/shards/t9/4/journal"));
        for (String bad : List.of("", ".", "..", "a/b", "..\\x")) {
            assertThatThrownBy(() -> ShardJournal.directory(Path.of("/data"), bad, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain file name");
        }
        assertThatThrownBy(() -> ShardJournal.directory(Path.of("/data"), "t9", -1)).hasMessageContaining("shard=-1");
    }

    @Test
    void releaseBeforeRefusesANegativeIndex() {
        try (ShardJournal journal = open()) {
            journal.append(TestBatches.batch(0));
            assertThatThrownBy(() -> journal.releaseBefore(-5)).hasMessageContaining("not a queue index, index=-5");
            assertThat(journal.releaseBefore(ShardJournal.NO_INDEX)).isZero();
        }
    }

    private List<Path> cycleFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).toList();
        }
    }
}
