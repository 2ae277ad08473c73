package io.tidemark.engine.shard;

import static io.tidemark.engine.shard.TestRows.points;
import static io.tidemark.engine.shard.TestRows.series;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.ManualClock;
import io.tidemark.engine.shard.replica.ReplicaMessages;
import io.tidemark.engine.testing.LoopbackCluster;
import io.tidemark.storage.checkpoint.CheckpointLayout;
import io.tidemark.storage.checkpoint.CheckpointManifest;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.storage.journal.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints of a replicated shard (R = 2) across real nodes (LoopbackCluster: remoting and Kryo
 * on loopback): the checkpoint goes to the root every node reaches, the primary's journal and the
 * replica's copy then release what it covers, and a shard restarted on a node that holds no copy
 * after its primary's node stopped loads the checkpoint, catches up the entries after it from the
 * replica and answers exactly as before.
 */
class ReplicatedCheckpointClusterTest {

    /** Rows of the write that passes the checkpoint threshold (random values: they do not compress away). */
    private static final int BIG_ROWS = 8_000;

    @TempDir
    Path root;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final ShardNodes nodes = new ShardNodes(clock);

    @Test
    void theCheckpointShrinksEveryCopyAndAShardRestartedElsewhereLoadsItPlusTheTail() {
        try (LoopbackCluster cluster = LoopbackCluster.start(3, root, """
                tidemark.cluster.replication-factor = 2
                tidemark.engine.shard.roll-cycle = hourly
                tidemark.engine.shard.checkpoint.journal-bytes = 32KiB
                pekko.cluster.split-brain-resolver.stable-after = 2s
                """)) {
            nodes.startKeepers(cluster);
            int primary = 0;
            int replica = ShardNodes.nextInRing(cluster, primary);
            int other = 3 - primary - replica;
            ActorRef<SeriesShard.Command> shard = nodes.spawnShard(cluster, primary);
            for (int second = 0; second < 3; second++) {
                write(cluster, primary, shard, small(second));
            }
            clock.advance(Duration.ofHours(1));
            write(cluster, primary, shard, big());
            for (int second = 3; second < 6; second++) {
                write(cluster, primary, shard, small(second));
            }

            Path checkpoints = cluster.sharedDir().resolve("checkpoints").resolve(TestRows.TABLE).resolve("0");
            assertThat(CheckpointLayout.manifestFile(checkpoints, 2))
                    .as("the checkpoint after the big write, on the shared root (1 is the one taken on start)")
                    .exists();
            assertThat(cycleFiles(ShardJournal.directory(cluster.dataDir(primary), TestRows.TABLE, 0)))
                    .as("the primary released the first hour's cycle the checkpoint covers").isEqualTo(1);
            LoopbackCluster.awaitUntil(ShardNodes.ASK, "the replica's copy released what the checkpoint covers", () -> {
                ReplicaMessages.CopyStatus copy = nodes.copy(cluster, replica);
                return copy.firstSequence() == 4 && copy.lastSequence() == 7;
            });
            TreeMap<Long, String> before = points(scan(cluster, primary, shard), series("h"));
            assertThat(before).hasSize(6 + BIG_ROWS);

            cluster.crash(primary);
            cluster.awaitMembers(2);
            ActorRef<SeriesShard.Command> moved = nodes.spawnShard(cluster, other);
            assertThat(points(scan(cluster, other, moved), series("h")))
                    .as("the checkpoint (entries 1 to 4) and the tail caught up from the replica (5 to 7)")
                    .isEqualTo(before);
            write(cluster, other, moved, small(6));
            assertThat(points(scan(cluster, other, moved), series("h"))).hasSize(7 + BIG_ROWS).containsKey(6L);
            assertThat(nodes.copy(cluster, replica).lastSequence()).as("the new primary replicates to the same copy")
                    .isEqualTo(8);
        }
    }

    /**
     * The primary checkpoints (its interval timer) an entry its replica never got (a run that missed
     * its quorum), then its node stops: the new owner serves that checkpoint although every copy
     * ends before it, and its first write replaces the replica's copy from scratch and counts.
     */
    @Test
    void aNewOwnerFindingACheckpointNewerThanEveryCopysTailServesItAndRestartsTheCopies() {
        try (LoopbackCluster cluster = LoopbackCluster.start(3, root, """
                tidemark.cluster.replication-factor = 2
                tidemark.engine.shard.replication.timeout = 2s
                tidemark.engine.shard.checkpoint.max-interval = 1s
                pekko.cluster.split-brain-resolver.stable-after = 2s
                """)) {
            nodes.startKeepers(cluster);
            int primary = 0;
            int replica = ShardNodes.nextInRing(cluster, primary);
            int other = 3 - primary - replica;
            ActorRef<SeriesShard.Command> shard = nodes.spawnShard(cluster, primary);
            write(cluster, primary, shard, small(0));
            write(cluster, primary, shard, small(1));

            ActorRef<ReplicaMessages.KeeperCommand> replicaKeeper = nodes.env(cluster.node(replica), cluster.dataDir(replica))
                    .replication().peers().local();
            ShardNodes.get(AskPattern.<ReplicaMessages.KeeperCommand, Done>ask(replicaKeeper,
                    r -> new ReplicaMessages.HandOver(TestRows.TABLE, 0, r), ShardNodes.ASK, cluster.node(replica).scheduler()));
            StatusReply<ShardWriteResult> refused = ask(cluster.node(primary), shard,
                    r -> new SeriesShard.Write(small(2), r));
            assertThat(refused.isError()).as("the replica cannot take the run").isTrue();
            Path checkpoints = cluster.sharedDir().resolve("checkpoints").resolve(TestRows.TABLE).resolve("0");
            LoopbackCluster.awaitUntil(ShardNodes.ASK, "a checkpoint covering the unacknowledged entry 3",
                    () -> newestCoveredSequence(checkpoints) == 3);
            replicaKeeper.tell(new ReplicaMessages.TakeBack(TestRows.TABLE, 0));
            assertThat(nodes.copy(cluster, replica).lastSequence()).as("the copy's tail").isEqualTo(2);

            cluster.crash(primary);
            cluster.awaitMembers(2);
            ActorRef<SeriesShard.Command> moved = nodes.spawnShard(cluster, other);
            assertThat(points(scan(cluster, other, moved), series("h")).keySet())
                    .as("the checkpoint, with the row no replica acknowledged").containsExactly(0L, 1L, 2L);
            write(cluster, other, moved, small(3));
            assertThat(points(scan(cluster, other, moved), series("h")).keySet()).containsExactly(0L, 1L, 2L, 3L);
            ReplicaMessages.CopyStatus copy = nodes.copy(cluster, replica);
            assertThat(copy.firstSequence()).as("the copy restarted after the checkpoint").isEqualTo(4);
            assertThat(copy.lastSequence()).isEqualTo(4);

            StatusReply<Done> dropped = ask(cluster.node(other), moved, SeriesShard.Drop::new);
            assertThat(dropped.isSuccess()).as("drop: %s", dropped).isTrue();
            assertThat(checkpoints.getParent()).as("the table's checkpoints on the shared root").doesNotExist();
        }
    }

    /** The sequence the newest manifest in {@code dir} covers; -1 when there is none. */
    private static long newestCoveredSequence(Path dir) {
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        try (Stream<Path> files = Files.list(dir)) {
            Path newest = files.filter(f -> CheckpointLayout.number(f, CheckpointLayout.MANIFEST_PREFIX,
                    CheckpointLayout.MANIFEST_SUFFIX) >= 0).max(Comparator.naturalOrder()).orElse(null);
            return newest == null ? -1 : CheckpointManifest.read(FileIo.DEFAULT, newest).coveredSequence();
        } catch (IOException e) {
            return -1; // a manifest deleted between listing and reading: look again
        }
    }

    private static WriteBatch small(int second) {
        return new TestRows.Doubles().add("h", second, 1, second).build();
    }

    private static WriteBatch big() {
        Random random = new Random(7);
        TestRows.Doubles batch = new TestRows.Doubles();
        for (int r = 0; r < BIG_ROWS; r++) {
            batch.add("h", 1_000 + r, 1, random.nextDouble());
        }
        return batch.build();
    }

    private static long cycleFiles(Path journalDir) {
        try (Stream<Path> files = Files.list(journalDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(LoopbackCluster cluster, int node, ActorRef<SeriesShard.Command> shard, WriteBatch batch) {
        StatusReply<ShardWriteResult> reply = ask(cluster.node(node), shard, r -> new SeriesShard.Write(batch, r));
        assertThat(reply.isSuccess()).as("write: %s", reply).isTrue();
    }

    private List<SeriesChunks> scan(LoopbackCluster cluster, int node, ActorRef<SeriesShard.Command> shard) {
        StatusReply<ScannedChunks> reply = ask(cluster.node(node), shard,
                r -> new SeriesShard.Scan(Long.MIN_VALUE, Long.MAX_VALUE, r));
        assertThat(reply.isSuccess()).as("scan: %s", reply).isTrue();
        return reply.getValue().series();
    }

    private static <T> StatusReply<T> ask(ActorSystem<Void> system, ActorRef<SeriesShard.Command> shard,
                                          Function<ActorRef<StatusReply<T>>, SeriesShard.Command> message) {
        return ShardNodes.get(AskPattern.ask(shard, message::apply, ShardNodes.ASK, system.scheduler()));
    }

}
