package io.tidemark.storage.pekko;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tidemark.storage.queue.FramedQueue;
import io.tidemark.storage.testing.QueueFiles;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Recovery across actor systems: what an entity persisted with one system, a new system started
 * on the same directory gives back, from snapshot plus later events; and a damaged last entry is
 * dropped with a warning instead of being replayed.
 */
class PersistentRecoveryTest {

    @TempDir
    Path dir;

    /** Appends texts to a "|"-joined string; snapshots every two events. */
    static final class Recorder extends EventSourcedBehavior<Recorder.Command, String, String> {
        interface Command {}

        record Append(String text, ActorRef<String> replyTo) implements Command {}

        record Get(ActorRef<String> replyTo) implements Command {}

        private final AtomicInteger eventsApplied;

        Recorder(String id, AtomicInteger eventsApplied) {
            super(PersistenceId.ofUniqueId(id));
            this.eventsApplied = eventsApplied;
        }

        @Override
        public String emptyState() {
            return "";
        }

        @Override
        public CommandHandler<Command, String, String> commandHandler() {
            return newCommandHandlerBuilder().forAnyState()
                    .onCommand(Append.class, (state, cmd) -> Effect().persist(cmd.text()).thenReply(cmd.replyTo(), s -> s))
                    .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
                    .build();
        }

        @Override
        public EventHandler<String, String> eventHandler() {
            return newEventHandlerBuilder().forAnyState()
                    .onEvent(String.class, (state, event) -> {
                        eventsApplied.incrementAndGet();
                        return state.isEmpty() ? event : state + "|" + event;
                    })
                    .build();
        }

        @Override
        public RetentionCriteria retentionCriteria() {
            return RetentionCriteria.snapshotEvery(2, 2);
        }
    }

    /** Starts a system on {@link #dir}, sends the texts to entity {@code id}, returns its final state. */
    private String run(String id, AtomicInteger eventsApplied, String... texts) {
        ActorTestKit testKit = ActorTestKit.create("PersistentRecoveryTest", PluginTestSupport.config(dir));
        try {
            ActorRef<Recorder.Command> entity = testKit.spawn(new Recorder(id, eventsApplied));
            TestProbe<String> probe = testKit.createTestProbe();
            for (String text : texts) {
                entity.tell(new Recorder.Append(text, probe.ref()));
                probe.receiveMessage();
            }
            entity.tell(new Recorder.Get(probe.ref()));
            return probe.receiveMessage();
        } finally {
            testKit.shutdownTestKit();
        }
    }

    @Test
    void aNewSystemOnTheSameDirectoryRecoversTheSameStateFromSnapshotAndEvents() {
        String written = run("recorder", new AtomicInteger(), "a", "b", "c", "d", "e");
        assertThat(written).isEqualTo("a|b|c|d|e");

        AtomicInteger replayed = new AtomicInteger();
        String recovered = run("recorder", replayed);

        assertThat(recovered).isEqualTo(written);
        // The snapshot at sequence number 4 holds a..d; only "e" is replayed as an event.
        assertThat(replayed).hasValue(1);
        assertThat(run("recorder", new AtomicInteger(), "f")).isEqualTo("a|b|c|d|e|f");
    }

    @Test
    void aDamagedLastEntryIsDroppedWithAWarningAndLaterWritesSurviveRestarts() throws Exception {
        // Events 1 and 2 end up in the snapshot at sequence number 2; event 3 is only in the journal.
        run("victim", new AtomicInteger(), "first", "second", "DAMAGED-TAIL-EVENT");
        QueueFiles.flipByteOf(dir.resolve("journal"), "DAMAGED-TAIL-EVENT");

        Logger logger = (Logger) LoggerFactory.getLogger(FramedQueue.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        logger.addAppender(warnings);
        String recovered;
        try {
            recovered = run("victim", new AtomicInteger(), "third");
        } finally {
            logger.detachAppender(warnings);
        }

        assertThat(recovered).isEqualTo("first|second|third");
        assertThat(warnings.list).hasSize(2).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN));
        assertThat(warnings.list.get(0).getFormattedMessage()).startsWith("cutting damaged queue tail entry: ")
                .contains("file=" + dir.resolve("journal"));
        assertThat(warnings.list.get(1).getFormattedMessage()).startsWith("cut damaged queue tail: dir=" + dir.resolve("journal"));
        // The damaged entry is now followed by good ones; its cut marker keeps reopening clean.
        assertThat(run("victim", new AtomicInteger())).isEqualTo("first|second|third");
    }
}
