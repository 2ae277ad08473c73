package io.tidemark.engine.tier;

import static io.tidemark.engine.tier.TierTestData.chunk;
import static io.tidemark.engine.tier.TierTestData.expected;
import static io.tidemark.engine.tier.TierTestData.points;
import static io.tidemark.engine.tier.TierTestData.series;
import static io.tidemark.engine.tier.TierTestData.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.engine.testing.LoopbackCluster;
import io.tidemark.engine.tier.RetentionJanitor.RetentionSummary;
import io.tidemark.engine.tier.TierMigrator.MigrationSummary;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.magnetic.CompactionPolicy;
import io.tidemark.storage.model.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes of a real loopback cluster sharing one magnetic root: the magnetic writer singleton runs
 * on one of them, and every node's tier sees what it writes, expires and deletes. The shards are
 * in-JVM lists every node reaches (the remote shard protocol is tested with the shards).
 */
class MagneticClusterTest {

    /** Deadline for an answer or a notice on a loaded machine; not a speed assertion. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final SeriesKey A = series("a");
    private static final TableDescription TABLE = table("t1", 2, 30, 1);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final ListShardGateway gateway = new ListShardGateway(Collections.synchronizedList(new ArrayList<>()));
    private final List<Node> nodes = new ArrayList<>();
    private LoopbackCluster cluster;

    /** One node's tier, its end of the notices and its proxy to the singleton. */
    private record Node(ActorSystem<Void> system, MagneticNotices notices, MagneticTier tier,
            MigrationProgress progress, ActorRef<TierSingleton.Command> writer) {
    }

    /** Starts the nodes; notices are the only way changes travel unless {@code refreshInterval} is short. */
    private void start(int size, String refreshInterval) {
        cluster = LoopbackCluster.start(size, dir.resolve("nodes"), """
                tidemark.magnetic.root-dir = "%s"
                tidemark.engine.tier.magnetic-refresh-interval = %s
                pekko.cluster.split-brain-resolver.stable-after = 2s
                """.formatted(shared().toString().replace("\\", "/"), refreshInterval));
        for (int i = 0; i < size; i++) {
            nodes.add(node(cluster.node(i)));
        }
        for (Node node : nodes) {
            LoopbackCluster.awaitUntil(WAIT, "every node's notice topic knows every node's watcher",
                    () -> topicInstances(node) == size);
            LoopbackCluster.awaitUntil(WAIT, "every node's receptionist lists every node's watcher", () -> watchers(node) == size);
        }
    }

    private static int watchers(Node node) {
        ServiceKey<MagneticNotices.Reload> key = ServiceKey.create(MagneticNotices.Reload.class,
                MagneticNotices.WATCHERS_KEY);
        CompletionStage<Receptionist.Listing> listing = AskPattern.ask(node.system().receptionist(),
                replyTo -> Receptionist.find(key, replyTo), WAIT, node.system().scheduler());
        return listing.toCompletableFuture().join().getServiceInstances(key).size();
    }

    private static int topicInstances(Node node) {
        CompletionStage<Topic.TopicStats> stats = AskPattern.ask(node.notices().topic(), Topic::getTopicStats, WAIT,
                node.system().scheduler());
        return stats.toCompletableFuture().join().topicInstanceCount();
    }

    private Path shared() {
        return dir.resolve("shared");
    }

    private Node node(ActorSystem<Void> system) {
        MagneticNotices notices = MagneticNotices.start(system);
        MagneticTier tier = new MagneticTier(FileIo.DEFAULT, MagneticTier.rootDir(system.settings().config()), clock,
                new EngineMeters(), CompactionPolicy.DEFAULT, notices::publish);
        MigrationProgress progress = new MigrationProgress(clock.millis());
        notices.watch(tier, progress);
        TierSettings settings = new TierSettings(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1),
                CompactionPolicy.DEFAULT);
        return new Node(system, notices, tier, progress,
                TierSingleton.init(system, gateway, tier, () -> List.of(TABLE), clock, settings, progress, notices));
    }

    @AfterEach
    void stop() {
        for (Node node : nodes) {
            node.tier().close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void segmentsMigratedOnTheSingletonsNodeAreReadFromTheOtherNode() throws Exception {
        start(2, "1h");
        SealedChunk first = chunk("2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z", MINUTE);
        SealedChunk second = chunk("2026-11-25T09:00:00Z", "2026-11-25T10:00:00Z", MINUTE);
        gateway.add("t1", 0, A, first);

        MigrationSummary summary = ask(nodes.get(1), TierSingleton.MigrateNow::new);

        assertThat(summary).isEqualTo(new MigrationSummary(1, 0, 1, 60, 1));
        assertThat(nodes.get(0).progress().migratedPoints()).as("the oldest node runs the singleton").isEqualTo(60);
        assertThat(nodes.get(1).progress().migratedPoints()).isZero();
        assertThat(magneticPoints(nodes.get(1))).as("a store opened after the write reads it from disk")
                .isEqualTo(expected(List.of(first), Long.MIN_VALUE, Long.MAX_VALUE));

        gateway.add("t1", 0, A, second);
        ask(nodes.get(1), TierSingleton.MigrateNow::new);

        assertThat(magneticPoints(nodes.get(1))).as("node 1 reloaded before the shard dropped the points")
                .isEqualTo(expected(List.of(first, second), Long.MIN_VALUE, Long.MAX_VALUE));
        assertThat(nodes.get(1).tier().usage("t1").points()).as("the other node's meter follows").isEqualTo(120);
    }

    @Test
    void retentionAndTableDeletionOnTheSingletonRemoveSegmentsForEveryNode() throws Exception {
        start(2, "1h");
        gateway.add("t1", 0, A, chunk("2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z", MINUTE));
        ask(nodes.get(1), TierSingleton.MigrateNow::new);
        assertThat(magneticPoints(nodes.get(1))).hasSize(60);

        clock.advance(Duration.ofDays(31));
        RetentionSummary expired = ask(nodes.get(1), TierSingleton.ExpireNow::new);

        assertThat(expired.segmentsDeleted()).isEqualTo(1);
        LoopbackCluster.awaitUntil(WAIT, "node 1 no longer reads the expired segment",
                () -> magneticPoints(nodes.get(1)).isEmpty());
        assertThat(nodes.get(1).tier().usage("t1").points()).isZero();

        TierSingleton.TableDeleted deleted = ask(nodes.get(1), replyTo -> new TierSingleton.DeleteTable("t1", replyTo));

        assertThat(deleted.succeeded()).isTrue();
        assertThat(Files.exists(shared().resolve("magnetic").resolve("t1"))).isFalse();
        assertThat(magneticPoints(nodes.get(1))).isEmpty();
    }

    @Test
    void theSingletonMovesWhenItsNodeCrashesAndTheNextPassRunsOnTheNewNode() {
        start(3, "1h");
        gateway.add("t1", 0, A, chunk("2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z", MINUTE));
        ask(nodes.get(2), TierSingleton.MigrateNow::new);
        assertThat(nodes.get(0).progress().migratedPoints()).isEqualTo(60);

        cluster.crash(0);
        cluster.awaitEveryNode("node 0 downed and removed", state -> countMembers(state) == 2);
        gateway.add("t1", 0, A, chunk("2026-11-25T09:00:00Z", "2026-11-25T10:00:00Z", MINUTE));
        MigrationSummary summary = ask(nodes.get(2), TierSingleton.MigrateNow::new);

        assertThat(summary.points()).isEqualTo(60);
        Node writer = nodes.get(1).progress().migratedPoints() > 0 ? nodes.get(1) : nodes.get(2);
        Node reader = writer == nodes.get(1) ? nodes.get(2) : nodes.get(1);
        assertThat(writer.progress().migratedPoints()).as("one surviving node took over").isEqualTo(60);
        assertThat(reader.progress().migratedPoints()).isZero();
        assertThat(writer.tier().writing()).isTrue();
        assertThat(reader.tier().writing()).isFalse();
        assertThat(magneticPoints(reader)).as("reloaded before the shard dropped the points").hasSize(120);
        assertThat(magneticPoints(writer)).hasSize(120);
    }

    @Test
    void everyNodeReportsTheMigrationProgressOfTheSingleton() {
        start(2, "1s");
        clock.advance(Duration.ofHours(1));
        assertThat(nodes.get(1).progress().lagMillis("t1", 1, clock.millis())).isEqualTo(Duration.ofHours(1).toMillis());
        gateway.add("t1", 0, A, chunk("2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z", MINUTE));

        ask(nodes.get(1), TierSingleton.MigrateNow::new);

        LoopbackCluster.awaitUntil(WAIT, "node 1 absorbs the writer's figures",
                () -> nodes.get(1).progress().migratedPoints() == 60);
        assertThat(nodes.get(1).progress().lagMillis("t1", 1, clock.millis())).isZero();
        assertThat(nodes.get(0).progress().migratedPoints()).as("the writer counts once").isEqualTo(60);
    }

    private static int countMembers(org.apache.pekko.cluster.ClusterEvent.CurrentClusterState state) {
        int count = 0;
        for (org.apache.pekko.cluster.Member ignored : state.getMembers()) {
            count++;
        }
        return count;
    }

    private <T> T ask(Node node, org.apache.pekko.japi.function.Function<ActorRef<T>, TierSingleton.Command> message) {
        CompletionStage<T> answer = AskPattern.ask(node.writer(), message, WAIT, node.system().scheduler());
        return answer.toCompletableFuture().join();
    }

    private static java.util.TreeMap<Long, Double> magneticPoints(Node node) {
        List<SealedChunk> chunks = new ArrayList<>();
        for (SeriesChunks series : node.tier().scan("t1", Long.MIN_VALUE, Long.MAX_VALUE)) {
            chunks.addAll(series.chunks());
        }
        return points(chunks);
    }

}
