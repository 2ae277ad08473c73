package io.tidemark.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.ManualClock;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.shard.replica.CatchUp;
import io.tidemark.engine.shard.replica.ReplicaMessages;
import io.tidemark.engine.testing.LoopbackCluster;
import io.tidemark.engine.tier.MagneticReader;
import io.tidemark.storage.journal.JournalEntry;
import io.tidemark.storage.journal.JournalOptions;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.storage.journal.WriteBatchSerializer;
import io.tidemark.storage.serialization.KryoPool;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catching up a journal that continues after a checkpoint (it holds no entry, so it cannot anchor
 * on its last one) from the replica keeper of another real node (LoopbackCluster, R = 2): the
 * other node's copy holds entries 3 to 6. The entries after the checkpoint come from it when it
 * holds the next one; a checkpoint newer than its tail needs nothing from it; a copy whose entries
 * start after the checkpoint's next entry (a gap) is never read and the catch-up fails.
 */
class CatchUpAfterCheckpointClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final MagneticReader NO_MAGNETIC = (table, key, from, to) -> List.of();

    @TempDir
    static Path root;

    private static LoopbackCluster cluster;
    private static ShardEnvironment local;
    private static List<JournalEntry> entries;
    private static int spawned;

    @BeforeAll
    static void startCluster() {
        cluster = LoopbackCluster.start(2, root.resolve("cluster"), "tidemark.cluster.replication-factor = 2");
        ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
        local = SeriesShardService.environment(cluster.node(0), cluster.dataDir(0), clock, NO_MAGNETIC,
                new EngineMeters());
        ShardEnvironment other = SeriesShardService.environment(cluster.node(1), cluster.dataDir(1), clock,
                NO_MAGNETIC, new EngineMeters());
        try (ShardJournal primary = journal(root.resolve("primary"))) {
            primary.keepAppended();
            for (int second = 0; second < 6; second++) {
                primary.append(new TestRows.Doubles().add("h", second, 1, second).build());
            }
            entries = primary.takeAppended();
        }
        TestProbe<ReplicaMessages.Appended> appended = TestProbe.create(cluster.node(1));
        other.replication().peers().local().tell(new ReplicaMessages.Append(TestRows.TABLE, 0, true, 0, 0,
                entries.subList(2, 6), 0, appended.getRef()));
        assertThat(appended.receiveMessage(WAIT).lastSequence()).as("the other node's copy: 3 to 6").isEqualTo(6);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static ShardJournal journal(Path dir) {
        return ShardJournal.open(dir, JournalOptions.defaults(), WriteBatchSerializer.register(KryoPool.builder())
                .build());
    }

    /** Runs a catch-up of a journal started afresh after a checkpoint covering up to {@code covered}. */
    private static CatchUp.Result catchUp(ShardJournal afterCheckpoint) {
        ActorSystem<Void> node = cluster.node(0);
        TestProbe<CatchUp.Result> result = TestProbe.create(node);
        @SuppressWarnings("unchecked")
        Behavior<Object> behavior = (Behavior<Object>) CatchUp.create(TestRows.TABLE, 0, afterCheckpoint,
                local.replication().peers(), local.replication().settings(), result.getRef());
        ActorRef<Object> ignored = node.systemActorOf(behavior, "catch-up-test-" + spawned++, Props.empty());
        return result.receiveMessage(WAIT);
    }

    @Test
    void readsTheEntriesAfterTheCheckpointFromACopyHoldingTheNextOne() {
        try (ShardJournal journal = journal(root.resolve("after-2"))) {
            journal.continueAfterSequence(2);
            CatchUp.Result result = catchUp(journal);
            assertThat(result).isInstanceOf(CatchUp.CaughtUp.class);
            assertThat(((CatchUp.CaughtUp) result).appended()).isEqualTo(4);
            assertThat(journal.firstSequence()).isEqualTo(3);
            assertThat(journal.lastSequence()).isEqualTo(6);
            assertThat(journal.lastChecksum()).as("the same entries").isEqualTo(entries.get(5).checksum());
        }
        try (ShardJournal journal = journal(root.resolve("after-4"))) {
            journal.continueAfterSequence(4);
            assertThat(((CatchUp.CaughtUp) catchUp(journal)).appended()).as("from inside the copy").isEqualTo(2);
            assertThat(journal.firstSequence()).isEqualTo(5);
            assertThat(journal.lastSequence()).isEqualTo(6);
        }
    }

    @Test
    void aCheckpointNewerThanEveryCopysTailNeedsNothingFromThem() {
        try (ShardJournal journal = journal(root.resolve("after-8"))) {
            journal.continueAfterSequence(8);
            CatchUp.Result result = catchUp(journal);
            assertThat(result).isEqualTo(new CatchUp.CaughtUp(0, null));
            assertThat(journal.lastSequence()).isEqualTo(8);
            assertThat(journal.firstSequence()).as("still no entry").isEqualTo(9);
        }
    }

    @Test
    void theMostAdvancedCopyStartingAfterTheCheckpointsNextEntryIsAGapAndFailsTheCatchUp() {
        try (ShardJournal journal = journal(root.resolve("after-1"))) {
            journal.continueAfterSequence(1);
            CatchUp.Result result = catchUp(journal);
            assertThat(result).isInstanceOf(CatchUp.Failed.class);
            assertThat(((CatchUp.Failed) result).why())
                    .contains("the most advanced copy lacks the entries after the checkpoint at sequence 1")
                    .contains("holds 3 to 6");
            assertThat(journal.lastSequence()).as("nothing appended").isEqualTo(1);
            assertThat(journal.firstSequence()).isEqualTo(2);
        }
    }
}
