package io.tidemark.storage.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.serialization.KryoPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sequence numbers, copies of a journal on other nodes, and releases by sequence number. */
class ShardJournalSequenceTest {

    private static final KryoPool KRYO = TestBatches.kryo();
    private static final int PAGE_BYTES = 1 << 20;

    @TempDir
    Path dir;

    private final SetTimeProvider clock = new SetTimeProvider("2026-11-25T10:00:00");

    private ShardJournal open(String name) {
        return ShardJournal.open(dir.resolve(name), JournalOptions.defaults().withRollCycle(RollCycles.FAST_HOURLY)
                .withClock(clock), KRYO);
    }

    @Test
    void batchesAndMigrationMarksGetDenseSequenceNumbersThatSurviveReopening() {
        int checksum;
        try (ShardJournal journal = open("primary")) {
            assertThat(journal.lastSequence()).isEqualTo(ShardJournal.NO_SEQUENCE);
            assertThat(journal.firstSequence()).isEqualTo(1);
            long first = journal.append(TestBatches.batch(0));
            journal.appendMigrationFrozen(7, 1_000);
            journal.appendMigrationCommitted(7);
            journal.append(TestBatches.batch(1));
            assertThat(journal.lastSequence()).isEqualTo(4);
            assertThat(journal.sequenceAt(first)).isEqualTo(1);
            checksum = journal.lastChecksum();
        }
        try (ShardJournal journal = open("primary")) {
            assertThat(journal.firstSequence()).isEqualTo(1);
            assertThat(journal.lastSequence()).isEqualTo(4);
            assertThat(journal.lastChecksum()).isEqualTo(checksum);
            assertThat(journal.append(TestBatches.batch(2))).isNotNegative();
            assertThat(journal.lastSequence()).isEqualTo(5);
        }
    }

    @Test
    void aCopyBuiltFromPagesHoldsByteIdenticalEntriesAndReplaysTheSameBatches() {
        try (ShardJournal primary = open("primary"); ShardJournal copy = open("copy")) {
            primary.keepAppended();
            for (int i = 0; i < 5; i++) {
                primary.appendDeferringSync(TestBatches.batch(i));
            }
            primary.appendMigrationFrozen(3, 2_000);
            List<JournalEntry> shipped = primary.takeAppended();
            assertThat(shipped).extracting(JournalEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(primary.takeAppended()).isEmpty();

            ShardJournal.EntryPage page = primary.readAfter(ShardJournal.NO_SEQUENCE, 0, 4, PAGE_BYTES);
            assertThat(page.anchored()).isTrue();
            assertThat(page.entries()).extracting(JournalEntry::sequence).containsExactly(1L, 2L, 3L, 4L);
            page.entries().forEach(copy::appendReplicated);
            ShardJournal.EntryPage rest = primary.readAfter(copy.lastSequence(), copy.lastChecksum(), 4, PAGE_BYTES);
            assertThat(rest.anchored()).isTrue();
            rest.entries().forEach(copy::appendReplicated);

            assertThat(copy.lastSequence()).isEqualTo(6);
            assertThat(copy.lastChecksum()).isEqualTo(primary.lastChecksum());
            for (int i = 0; i < shipped.size(); i++) {
                JournalEntry expected = shipped.get(i);
                JournalEntry actual = i < 4 ? page.entries().get(i) : rest.entries().get(i - 4);
                assertThat(actual.frame()).isEqualTo(expected.frame());
            }
            assertThat(ShardJournalTest.replay(copy, ShardJournal.NO_INDEX).values())
                    .containsExactlyElementsOf(ShardJournalTest.replay(primary, ShardJournal.NO_INDEX).values());
            assertThat(copy.readAfter(6, primary.lastChecksum(), 10, PAGE_BYTES).anchored()).isTrue();
        }
    }

    @Test
    void aCopyThatDisagreesOrHasAGapIsNotAnchoredAndStartsOverFromTheFirstPage() {
        try (ShardJournal primary = open("primary"); ShardJournal diverged = open("diverged")) {
            for (int i = 0; i < 3; i++) {
                primary.append(TestBatches.batch(i));
            }
            diverged.append(TestBatches.batch(0));
            diverged.append(TestBatches.batch(99));
            assertThat(primary.readAfter(2, diverged.lastChecksum(), 10, PAGE_BYTES).anchored())
                    .as("same sequence number, another entry").isFalse();
            assertThat(primary.readAfter(2, primary.checksumAt(2), 10, PAGE_BYTES).entries())
                    .extracting(JournalEntry::sequence).containsExactly(3L);
            assertThat(primary.readAfter(7, 0, 10, PAGE_BYTES).anchored()).as("ahead of this copy").isFalse();
            assertThat(primary.readFirst(10, PAGE_BYTES).entries()).extracting(JournalEntry::sequence)
                    .containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void onlyTheNextEntryOrAnyFirstEntryOfAnEmptyCopyIsAppended() {
        try (ShardJournal primary = open("primary"); ShardJournal copy = open("copy")) {
            primary.keepAppended();
            for (int i = 0; i < 4; i++) {
                primary.append(TestBatches.batch(i));
            }
            List<JournalEntry> entries = primary.takeAppended();
            copy.appendReplicated(entries.get(2));
            assertThat(copy.firstSequence()).as("an empty copy may start late").isEqualTo(3);
            assertThatThrownBy(() -> copy.appendReplicated(entries.get(2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not the next sequence number").hasMessageContaining("lastSequence=3");
            byte[] damaged = entries.get(3).frame().clone();
            damaged[damaged.length - 1] ^= 1;
            assertThatThrownBy(() -> copy.appendReplicated(new JournalEntry(4, damaged)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a shard journal entry").hasMessageContaining("checksum mismatch");
            assertThatThrownBy(() -> copy.appendReplicated(new JournalEntry(5, entries.get(3).frame())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the next sequence number");
            copy.appendReplicated(entries.get(3));
            assertThat(copy.lastSequence()).isEqualTo(4);
        }
        try (ShardJournal copy = open("copy")) {
            assertThat(copy.firstSequence()).isEqualTo(3);
            assertThat(copy.lastSequence()).isEqualTo(4);
            assertThat(copy.readAfter(ShardJournal.NO_SEQUENCE, 0, 10, PAGE_BYTES).anchored())
                    .as("entries 1 and 2 are not here").isFalse();
        }
    }

    @Test
    void aCopyReleasesWhatThePrimaryReleasedBySequenceNumber() {
        List<Long> hourStarts = new ArrayList<>();
        try (ShardJournal primary = open("primary"); ShardJournal copy = open("copy")) {
            primary.keepAppended();
            for (int hour = 0; hour < 3; hour++) {
                hourStarts.add(primary.lastSequence() + 1);
                for (int i = 0; i < 2; i++) {
                    primary.append(TestBatches.batch(hour * 10 + i));
                }
                primary.takeAppended().forEach(copy::appendReplicated);
                clock.advanceMillis(3_600_000);
            }
            long releaseIndex = ShardJournalTest.replay(primary, ShardJournal.NO_INDEX).keySet().stream()
                    .skip(4).findFirst().orElseThrow();
            assertThat(primary.releaseBefore(releaseIndex)).isEqualTo(2);
            long releaseSequence = primary.sequenceAt(releaseIndex);
            assertThat(releaseSequence).isEqualTo(hourStarts.get(2));
            assertThat(primary.firstSequence()).isEqualTo(releaseSequence);

            assertThat(copy.releaseBeforeSequence(releaseSequence)).isEqualTo(2);
            assertThat(copy.firstSequence()).isEqualTo(releaseSequence);
            assertThat(copy.releaseBeforeSequence(releaseSequence)).as("released already").isZero();
            assertThat(Arrays.asList(ShardJournalTest.replay(copy, ShardJournal.NO_INDEX).values().toArray()))
                    .containsExactly(TestBatches.batch(20), TestBatches.batch(21));
            assertThat(copy.readAfter(ShardJournal.NO_SEQUENCE, 0, 10, PAGE_BYTES).anchored())
                    .as("released entries cannot be compared").isFalse();
        }
    }
}
