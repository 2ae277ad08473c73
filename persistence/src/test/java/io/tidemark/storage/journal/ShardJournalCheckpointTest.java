package io.tidemark.storage.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.serialization.KryoPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a memory-store checkpoint needs of the journal: the tail after a sequence, a fresh journal continuing it. */
class ShardJournalCheckpointTest {

    private static final KryoPool KRYO = TestBatches.kryo();

    @TempDir
    Path dir;

    private final SetTimeProvider clock = new SetTimeProvider("2026-11-25T10:00:00");

    private ShardJournal open(String name) {
        return ShardJournal.open(dir.resolve(name), JournalOptions.defaults().withRollCycle(RollCycles.FAST_HOURLY)
                .withClock(clock), KRYO);
    }

    /** Replays the entries after {@code sequence}, as "b<sequence>", "f<id>", "c<id>". */
    private static List<String> tail(ShardJournal journal, long sequence) {
        List<String> out = new ArrayList<>();
        journal.replayEntriesAfterSequence(sequence, new ShardJournal.EntryVisitor() {
            @Override
            public void batch(long index, WriteBatch batch) {
                out.add("b" + journal.sequenceAt(index));
            }

            @Override
            public void migrationFrozen(long index, long migrationId, long cutoffNanos) {
                out.add("f" + migrationId);
            }

            @Override
            public void migrationCommitted(long index, long migrationId) {
                out.add("c" + migrationId);
            }
        });
        return out;
    }

    @Test
    void replaysOnlyTheEntriesAfterASequenceNumber() {
        try (ShardJournal journal = open("j")) {
            journal.append(TestBatches.batch(0));
            journal.append(TestBatches.batch(1));
            journal.appendMigrationFrozen(9, 1_000);
            journal.append(TestBatches.batch(2));
            journal.appendMigrationCommitted(9);

            assertThat(tail(journal, 0)).containsExactly("b1", "b2", "f9", "b4", "c9");
            assertThat(tail(journal, 2)).containsExactly("f9", "b4", "c9");
            assertThat(tail(journal, 5)).isEmpty();
            assertThat(journal.appendedBytes()).isPositive();
        }
    }

    @Test
    void anEmptyJournalContinuesTheNumberingAndRefusesToBeRenumberedOnceWritten() {
        try (ShardJournal journal = open("j")) {
            journal.continueAfterSequence(41);
            assertThat(journal.lastSequence()).isEqualTo(41);
            assertThat(journal.firstSequence()).isEqualTo(42);
            journal.append(TestBatches.batch(0));
            assertThat(journal.lastSequence()).isEqualTo(42);
            assertThat(tail(journal, 41)).containsExactly("b42");
            assertThatThrownBy(() -> journal.continueAfterSequence(50)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("it holds entries");
        }
        try (ShardJournal journal = open("j")) {
            assertThat(journal.firstSequence()).isEqualTo(42);
            assertThat(journal.lastSequence()).isEqualTo(42);
        }
    }

    @Test
    void aTailThatDoesNotContinueTheCheckpointIsCorruption() {
        try (ShardJournal journal = open("j")) {
            journal.continueAfterSequence(10);
            journal.append(TestBatches.batch(0));

            assertThat(tail(journal, 10)).containsExactly("b11");
            assertThatThrownBy(() -> tail(journal, 7)).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("entries after sequence 7 are missing");
        }
    }
}
