package io.tidemark.engine.shard;

import static io.tidemark.engine.shard.TestRows.points;
import static io.tidemark.engine.shard.TestRows.series;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.shard.replica.ReplicaMessages;
import io.tidemark.engine.testing.LoopbackCluster;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.storage.journal.WriteBatch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicated shard journals across real nodes (LoopbackCluster: remoting and Kryo on loopback).
 * The shard entity is spawned directly on the node a test picks, and asked from that node, so only
 * the replication protocol crosses nodes.
 */
class ShardReplicationClusterTest {


    @TempDir
    Path root;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final ShardNodes nodes = new ShardNodes(clock);

    @Test
    void writesReachTwoCopiesAndTheShardCatchesUpWhereverItRestarts() {
        try (LoopbackCluster cluster = LoopbackCluster.start(3, root, """
                tidemark.cluster.replication-factor = 2
                pekko.cluster.split-brain-resolver.stable-after = 2s
                """)) {
            nodes.startKeepers(cluster);
            int primary = 0;
            int replica = ShardNodes.nextInRing(cluster, primary);
            int other = 3 - primary - replica;
            ActorRef<SeriesShard.Command> shard = nodes.spawnShard(cluster, primary);
            for (int second = 0; second < 10; second++) {
                write(cluster, primary, shard, second);
            }
            assertThat(nodes.copy(cluster, replica).lastSequence()).as("the replica's copy holds every batch").isEqualTo(10);
            assertThat(nodes.copy(cluster, other).lastSequence()).as("a third node holds no copy at R=2")
                    .isEqualTo(ShardJournal.NO_SEQUENCE);

            cluster.crash(primary);
            cluster.awaitMembers(2);
            ActorRef<SeriesShard.Command> moved = nodes.spawnShard(cluster, other);
            assertThat(seconds(scan(cluster, other, moved))).as("caught up from the replica before serving")
                    .containsExactlyElementsOf(range(10));
            for (int second = 10; second < 15; second++) {
                write(cluster, other, moved, second);
            }
            assertThat(nodes.copy(cluster, replica).lastSequence()).isEqualTo(15);

            cluster.restart(primary);
            cluster.awaitMembers(3);
            nodes.startKeepers(cluster);
            moved.tell(SeriesShard.Passivate.INSTANCE);
            ActorRef<SeriesShard.Command> back = nodes.spawnShard(cluster, primary);
            assertThat(seconds(scan(cluster, primary, back)))
                    .as("the rejoined node's stale copy caught up when the shard started there again")
                    .containsExactlyElementsOf(range(15));
            write(cluster, primary, back, 15);
            assertThat(seconds(scan(cluster, primary, back))).containsExactlyElementsOf(range(16));
        }
    }

    @Test
    void withTheOnlyReplicaDownAWriteFailsWithTheQuorumErrorAndNothingAcknowledgedIsLost() {
        try (LoopbackCluster cluster = LoopbackCluster.start(2, root, """
                tidemark.cluster.replication-factor = 2
                tidemark.engine.shard.replication.timeout = 2s
                pekko.cluster.split-brain-resolver.stable-after = 120s
                """)) {
            nodes.startKeepers(cluster);
            ActorRef<SeriesShard.Command> shard = nodes.spawnShard(cluster, 0);
            write(cluster, 0, shard, 0);
            assertThat(nodes.copy(cluster, 1).lastSequence()).isEqualTo(1);

            cluster.crash(1);
            StatusReply<ShardWriteResult> refused = ask(cluster.node(0), shard,
                    r -> new SeriesShard.Write(batch(1), r));
            assertThat(refused.isError()).isTrue();
            assertThat(refused.getError()).isInstanceOf(EngineException.class);
            assertThat(((EngineException) refused.getError()).kind()).isEqualTo(ErrorKind.THROTTLING);
            assertThat(refused.getError().getMessage())
                    .contains("cannot write: replication quorum not reached, copies=1 of 2, needed=2")
                    .contains("table=" + TestRows.TABLE).contains("shard=0");
            assertThat(seconds(scan(cluster, 0, shard))).as("the acknowledged row is there").contains(0L);
        }
    }

    @Test
    void aReplicaThatMissedARunIsBackfilledFromThePrimaryAndCountsAgain() {
        try (LoopbackCluster cluster = LoopbackCluster.start(2, root, """
                tidemark.cluster.replication-factor = 2
                tidemark.engine.shard.replication.timeout = 2s
                """)) {
            nodes.startKeepers(cluster);
            ActorRef<SeriesShard.Command> shard = nodes.spawnShard(cluster, 0);
            write(cluster, 0, shard, 0);

            ActorRef<ReplicaMessages.KeeperCommand> replicaKeeper = nodes.env(cluster.node(1), cluster.dataDir(1))
                    .replication().peers().local();
            ShardNodes.get(AskPattern.<ReplicaMessages.KeeperCommand, Done>ask(replicaKeeper,
                    r -> new ReplicaMessages.HandOver(TestRows.TABLE, 0, r), ShardNodes.ASK, cluster.node(1).scheduler()));
            StatusReply<ShardWriteResult> refused = ask(cluster.node(0), shard, r -> new SeriesShard.Write(batch(1), r));
            assertThat(refused.isError()).as("the replica cannot take the run").isTrue();
            assertThat(refused.getError().getMessage()).contains("replication quorum not reached, copies=1 of 2");

            replicaKeeper.tell(new ReplicaMessages.TakeBack(TestRows.TABLE, 0));
            write(cluster, 0, shard, 2);
            ReplicaMessages.CopyStatus copy = nodes.copy(cluster, 1);
            assertThat(copy.lastSequence()).as("backfilled with the run it missed, then the new one").isEqualTo(3);
            assertThat(copy.firstSequence()).isEqualTo(1);
            assertThat(seconds(scan(cluster, 0, shard))).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void droppingTheShardDeletesTheReplicaCopyAndTheTableDirectoryOnTheOtherNodes() {
        try (LoopbackCluster cluster = LoopbackCluster.start(3, root, """
                tidemark.cluster.replication-factor = 2
                """)) {
            nodes.startKeepers(cluster);
            int primary = 0;
            int replica = ShardNodes.nextInRing(cluster, primary);
            ActorRef<SeriesShard.Command> shard = nodes.spawnShard(cluster, primary);
            for (int second = 0; second < 3; second++) {
                write(cluster, primary, shard, second);
            }
            Path replicaCopy = ShardJournal.directory(cluster.dataDir(replica), TestRows.TABLE, 0);
            assertThat(replicaCopy).as("the replica holds a copy before the drop").isDirectory();

            StatusReply<Done> dropped = ask(cluster.node(primary), shard, SeriesShard.Drop::new);
            assertThat(dropped.isSuccess()).as("drop: %s", dropped).isTrue();
            assertThat(ShardJournal.directory(cluster.dataDir(primary), TestRows.TABLE, 0).getParent())
                    .as("the primary's own files").doesNotExist();
            for (int node = 0; node < 3; node++) {
                if (node != primary) {
                    assertThat(ShardJournal.tableDirectory(cluster.dataDir(node), TestRows.TABLE))
                            .as("node %d keeps nothing of the dropped table", node).doesNotExist();
                }
            }
            assertThat(nodes.copy(cluster, replica).lastSequence()).as("the keeper holds no copy any more")
                    .isEqualTo(ShardJournal.NO_SEQUENCE);
        }
    }

    /**
     * Journal entries larger than Artery's ordinary frame, runs of them larger than its large frame,
     * and a catch-up larger than both: each would be dropped by the transport (the write timing
     * out without a quorum, the catch-up without a page) unless replica messages take the large
     * stream and runs and pages are cut below its frame.
     */
    @Test
    void entriesRunsAndCatchUpPagesLargerThanAFrameReachTheOtherNodes() {
        try (LoopbackCluster cluster = LoopbackCluster.start(3, root, """
                tidemark.cluster.replication-factor = 2
                pekko.remote.artery.advanced.maximum-frame-size = 32KiB
                pekko.remote.artery.advanced.maximum-large-frame-size = 256KiB
                # the shards of this test run at /system/shard-<n>, not under the sharding region
                pekko.remote.artery.large-message-destinations = ["/system/replica-keeper", "/system/*/catch-up/*"]
                """)) {
            nodes.startKeepers(cluster);
            int primary = 0;
            int replica = ShardNodes.nextInRing(cluster, primary);
            int other = 3 - primary - replica;
            ActorRef<SeriesShard.Command> shard = nodes.spawnShard(cluster, primary);
            int writes = 12;
            int rows = 4_000;
            List<CompletionStage<StatusReply<ShardWriteResult>>> replies = new ArrayList<>();
            Random random = new Random(42);
            for (int w = 0; w < writes; w++) {
                TestRows.Doubles batch = new TestRows.Doubles();
                for (int r = 0; r < rows; r++) {
                    batch.add("h", (long) w * rows + r, 1, random.nextDouble());
                }
                WriteBatch built = batch.build();
                replies.add(AskPattern.ask(shard, reply -> new SeriesShard.Write(built, reply), ShardNodes.ASK,
                        cluster.node(primary).scheduler()));
            }
            for (CompletionStage<StatusReply<ShardWriteResult>> reply : replies) {
                StatusReply<ShardWriteResult> answer = ShardNodes.get(reply);
                assertThat(answer.isSuccess()).as("a large write reaches its replica: %s", answer).isTrue();
            }
            assertThat(nodes.copy(cluster, replica).lastSequence()).isEqualTo(writes);

            ActorRef<SeriesShard.Command> elsewhere = nodes.spawnShard(cluster, other);
            assertThat(seconds(scan(cluster, other, elsewhere))).as("caught up from the replica in pages")
                    .hasSize(writes * rows);
        }
    }

    private static WriteBatch batch(int second) {
        return new TestRows.Doubles().add("h", second, 1, second).build();
    }

    private void write(LoopbackCluster cluster, int node, ActorRef<SeriesShard.Command> shard, int second) {
        StatusReply<ShardWriteResult> reply = ask(cluster.node(node), shard, r -> new SeriesShard.Write(batch(second), r));
        assertThat(reply.isSuccess()).as("write of second %d: %s", second, reply).isTrue();
    }

    private List<SeriesChunks> scan(LoopbackCluster cluster, int node, ActorRef<SeriesShard.Command> shard) {
        StatusReply<ScannedChunks> reply = ask(cluster.node(node), shard,
                r -> new SeriesShard.Scan(Long.MIN_VALUE, Long.MAX_VALUE, r));
        assertThat(reply.isSuccess()).as("scan: %s", reply).isTrue();
        return reply.getValue().series();
    }

    private static List<Long> seconds(List<SeriesChunks> scanned) {
        return new ArrayList<>(points(scanned, series("h")).keySet());
    }

    private static List<Long> range(int count) {
        return IntStream.range(0, count).mapToObj(i -> (long) i).collect(Collectors.toList());
    }

    private static <T> StatusReply<T> ask(ActorSystem<Void> system, ActorRef<SeriesShard.Command> shard,
                                          Function<ActorRef<StatusReply<T>>, SeriesShard.Command> message) {
        return ShardNodes.get(AskPattern.ask(shard, message::apply, ShardNodes.ASK, system.scheduler()));
    }

}
