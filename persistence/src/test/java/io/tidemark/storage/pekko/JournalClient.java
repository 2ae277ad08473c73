package io.tidemark.storage.pekko;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.DeleteMessagesFailure;
import org.apache.pekko.persistence.DeleteMessagesSuccess;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.PersistentEnvelope;
import org.apache.pekko.persistence.PersistentRepr;
import scala.jdk.javaapi.CollectionConverters;

/** Speaks Pekko's journal protocol to the journal plugin, as a persistent actor would. */
final class JournalClient {

    static final String WRITER = "writer-1";

    private final TestProbe<Object> probe;
    private final ActorRef self;
    private final ActorRef journal;

    JournalClient(ActorTestKit testKit) {
        this.probe = testKit.createTestProbe();
        this.self = Adapter.toClassic(probe.ref());
        this.journal = Persistence.get(Adapter.toClassic(testKit.system()))
                .journalFor(PluginTestSupport.JOURNAL, ConfigFactory.empty());
    }

    /** One AtomicWrite of {@code payloads} with sequence numbers from {@code firstSequenceNr}. */
    static AtomicWrite atomicWrite(String persistenceId, long firstSequenceNr, Object... payloads) {
        List<PersistentRepr> reprs = new ArrayList<>();
        for (int i = 0; i < payloads.length; i++) {
            reprs.add(PersistentRepr.apply(payloads[i], firstSequenceNr + i, persistenceId, "", false, ActorRef.noSender(),
                    WRITER));
        }
        return new AtomicWrite(CollectionConverters.asScala(reprs).toList());
    }

    /** Sends the writes as one WriteMessages and returns the per-event replies in order. */
    List<Object> write(AtomicWrite... writes) {
        List<PersistentEnvelope> envelopes = List.of(writes);
        int events = 0;
        for (AtomicWrite w : writes) {
            events += w.size();
        }
        journal.tell(new JournalProtocol.WriteMessages(CollectionConverters.asScala(envelopes).toList(), self, 1), self);
        probe.expectMessage(JournalProtocol.WriteMessagesSuccessful$.MODULE$);
        List<Object> replies = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            replies.add(probe.receiveMessage());
        }
        return replies;
    }

    /**
     * Sends the writes as one WriteMessages expecting the whole call to fail (then one failure per
     * event); returns its cause.
     */
    Throwable writeFailure(AtomicWrite... writes) {
        List<PersistentEnvelope> envelopes = List.of(writes);
        journal.tell(new JournalProtocol.WriteMessages(CollectionConverters.asScala(envelopes).toList(), self, 1), self);
        Throwable cause = probe.expectMessageClass(JournalProtocol.WriteMessagesFailed.class).cause();
        for (AtomicWrite w : writes) {
            for (int i = 0; i < w.size(); i++) {
                probe.expectMessageClass(JournalProtocol.WriteMessageFailure.class);
            }
        }
        return cause;
    }

    /** The result of a replay: the replayed events and the highest sequence number reported. */
    record Replay(List<PersistentRepr> events, long highestSequenceNr) {
        List<Long> sequenceNrs() {
            return events.stream().map(PersistentRepr::sequenceNr).toList();
        }

        List<Object> payloads() {
            return events.stream().map(PersistentRepr::payload).toList();
        }
    }

    Replay replay(String persistenceId, long from, long to, long max) {
        journal.tell(new JournalProtocol.ReplayMessages(from, to, max, persistenceId, self), self);
        List<PersistentRepr> events = new ArrayList<>();
        while (true) {
            Object reply = probe.receiveMessage();
            if (reply instanceof JournalProtocol.ReplayedMessage replayed) {
                events.add(replayed.persistent());
            } else if (reply instanceof JournalProtocol.RecoverySuccess success) {
                return new Replay(events, success.highestSequenceNr());
            } else {
                throw new AssertionError("unexpected replay reply: " + reply);
            }
        }
    }

    /** Replays everything expecting failure; returns its cause. */
    Throwable replayFailure(String persistenceId) {
        journal.tell(new JournalProtocol.ReplayMessages(1, Long.MAX_VALUE, Long.MAX_VALUE, persistenceId, self), self);
        while (true) {
            Object reply = probe.receiveMessage();
            if (reply instanceof JournalProtocol.ReplayMessagesFailure failure) {
                return failure.cause();
            } else if (!(reply instanceof JournalProtocol.ReplayedMessage)) {
                throw new AssertionError("unexpected replay reply: " + reply);
            }
        }
    }

    Replay replayAll(String persistenceId) {
        return replay(persistenceId, 1, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    void deleteTo(String persistenceId, long toSequenceNr) {
        journal.tell(new JournalProtocol.DeleteMessagesTo(persistenceId, toSequenceNr, self), self);
        probe.expectMessage(new DeleteMessagesSuccess(toSequenceNr));
    }

    /** Asks for a deletion expecting it refused; returns the cause. */
    Throwable deleteFailure(String persistenceId, long toSequenceNr) {
        journal.tell(new JournalProtocol.DeleteMessagesTo(persistenceId, toSequenceNr, self), self);
        return probe.expectMessageClass(DeleteMessagesFailure.class).cause();
    }
}
