package io.tidemark.storage.pekko;

import static io.tidemark.storage.pekko.JournalClient.atomicWrite;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.queue.EntryFrame;
import java.nio.file.Path;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.PersistentRepr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal plugin contract, spoken through Pekko's journal protocol. One actor system for the
 * class; each test uses its own persistence id.
 */
class ChronicleJournalTest {

    @TempDir
    static Path dir;

    private static ActorTestKit testKit;
    private static JournalClient journal;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("ChronicleJournalTest", PluginTestSupport.config(dir));
        journal = new JournalClient(testKit);
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    /** Writes events "e1".."e5" for {@code pid} as three AtomicWrites of 2, 1 and 2 events. */
    private static void writeFive(String pid) {
        List<Object> replies = journal.write(
                atomicWrite(pid, 1, "e1", "e2"), atomicWrite(pid, 3, "e3"), atomicWrite(pid, 4, "e4", "e5"));
        assertThat(replies).allMatch(r -> r instanceof JournalProtocol.WriteMessageSuccess);
    }

    @Test
    void replaysWrittenEventsInOrderWithTheirEnvelope() {
        writeFive("order");

        JournalClient.Replay replay = journal.replayAll("order");

        assertThat(replay.payloads()).containsExactly("e1", "e2", "e3", "e4", "e5");
        assertThat(replay.sequenceNrs()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(replay.highestSequenceNr()).isEqualTo(5);
        PersistentRepr first = replay.events().get(0);
        assertThat(first.persistenceId()).isEqualTo("order");
        assertThat(first.writerUuid()).isEqualTo(JournalClient.WRITER);
        assertThat(first.manifest()).isEmpty();
        assertThat(first.timestamp()).isPositive();
        assertThat(first.deleted()).isFalse();
    }

    @Test
    void replaysOnlyTheRequestedRangeAndAtMostMax() {
        writeFive("ranges");

        assertThat(journal.replay("ranges", 2, 4, Long.MAX_VALUE).sequenceNrs()).containsExactly(2L, 3L, 4L);
        assertThat(journal.replay("ranges", 1, Long.MAX_VALUE, 2).sequenceNrs()).containsExactly(1L, 2L);
        assertThat(journal.replay("ranges", 3, 3, Long.MAX_VALUE).sequenceNrs()).containsExactly(3L);
        assertThat(journal.replay("ranges", 2, 5, 0).sequenceNrs()).isEmpty();
        assertThat(journal.replay("ranges", 6, Long.MAX_VALUE, Long.MAX_VALUE).sequenceNrs()).isEmpty();
        assertThat(journal.replay("ranges", 4, 2, Long.MAX_VALUE).sequenceNrs()).isEmpty();
        // A range starting inside a multi-event batch.
        assertThat(journal.replay("ranges", 5, Long.MAX_VALUE, Long.MAX_VALUE).payloads()).containsExactly("e5");
    }

    @Test
    void highestSequenceNrIsZeroForAnUnknownId() {
        assertThat(journal.replayAll("never-written").highestSequenceNr()).isZero();
    }

    @Test
    void deletesUpToTheGivenSequenceNr() {
        writeFive("partial-delete");

        journal.deleteTo("partial-delete", 3);

        JournalClient.Replay replay = journal.replayAll("partial-delete");
        assertThat(replay.sequenceNrs()).containsExactly(4L, 5L);
        assertThat(replay.highestSequenceNr()).isEqualTo(5);
    }

    @Test
    void highestSequenceNrSurvivesDeletionOfEveryEvent() {
        writeFive("delete-all");

        journal.deleteTo("delete-all", 5);

        JournalClient.Replay replay = journal.replayAll("delete-all");
        assertThat(replay.events()).isEmpty();
        assertThat(replay.highestSequenceNr()).isEqualTo(5);
    }

    @Test
    void deletingBeyondTheHighestDoesNotHideLaterEvents() {
        writeFive("beyond");

        journal.deleteTo("beyond", Long.MAX_VALUE);
        assertThat(journal.write(atomicWrite("beyond", 6, "e6"))).allMatch(r -> r instanceof JournalProtocol.WriteMessageSuccess);

        JournalClient.Replay replay = journal.replayAll("beyond");
        assertThat(replay.payloads()).containsExactly("e6");
        assertThat(replay.highestSequenceNr()).isEqualTo(6);
    }

    @Test
    void rejectsAWholeAtomicWriteWithAnUnserializablePayloadAndKeepsTheOthers() {
        List<Object> replies = journal.write(
                atomicWrite("atomic", 1, "a1"),
                atomicWrite("atomic", 2, "a2", new Unbound("no serializer"), "a4"),
                atomicWrite("other-atomic", 1, "b1"));

        assertThat(replies).hasSize(5);
        assertThat(replies.get(0)).isInstanceOf(JournalProtocol.WriteMessageSuccess.class);
        for (Object rejected : replies.subList(1, 4)) {
            assertThat(rejected).isInstanceOf(JournalProtocol.WriteMessageRejected.class);
            assertThat(((JournalProtocol.WriteMessageRejected) rejected).cause())
                    .hasMessageContaining("cannot serialize event")
                    .hasMessageContaining("persistenceId=atomic")
                    .hasMessageContaining("sequenceNr=3");
        }
        assertThat(replies.get(4)).isInstanceOf(JournalProtocol.WriteMessageSuccess.class);
        assertThat(journal.replayAll("atomic").payloads()).containsExactly("a1");
        assertThat(journal.replayAll("atomic").highestSequenceNr()).isEqualTo(1);
        assertThat(journal.replayAll("other-atomic").payloads()).containsExactly("b1");
    }

    @Test
    void rejectsAWriteThatDoesNotContinueTheSequence() {
        writeFive("second-writer");

        List<Object> replies = journal.write(atomicWrite("second-writer", 3, "stale"));

        assertThat(replies).singleElement().isInstanceOf(JournalProtocol.WriteMessageRejected.class);
        assertThat(((JournalProtocol.WriteMessageRejected) replies.get(0)).cause())
                .hasMessageContaining("cannot write events: persistenceId=second-writer, firstSequenceNr=3, highestStoredSequenceNr=5");
        assertThat(journal.replayAll("second-writer").payloads()).containsExactly("e1", "e2", "e3", "e4", "e5");
    }

    @Test
    void rejectsAnAtomicWriteAboveTheEntrySizeLimit() {
        String tooLarge = "x".repeat(EntryFrame.MAX_BODY_BYTES);

        List<Object> replies = journal.write(atomicWrite("large", 1, tooLarge), atomicWrite("large", 2, "small"));

        assertThat(replies.get(0)).isInstanceOf(JournalProtocol.WriteMessageRejected.class);
        assertThat(((JournalProtocol.WriteMessageRejected) replies.get(0)).cause())
                .hasMessageContaining("cannot append entry").hasMessageContaining("maxBodyBytes=" + EntryFrame.MAX_BODY_BYTES);
        assertThat(replies.get(1)).isInstanceOf(JournalProtocol.WriteMessageSuccess.class);
        assertThat(journal.replayAll("large").sequenceNrs()).containsExactly(2L);
    }

    /** No serializer is bound for this class, and Java serialization is off. */
    record Unbound(String text) {}
}
