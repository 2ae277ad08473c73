package io.tidemark.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.Engine;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.testing.LoopbackCluster;
import io.tidemark.engine.write.IngestBatch;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three engines of one cluster at replication factor 2: a node that leaves hands its series shards
 * to the others; when it comes back, rebalancing moves shards back to it (a round at a time), each
 * catching up from the other copies before it serves, and every node still reads every row.
 */
class ShardRebalanceClusterTest {

    /** Deadlines for a busy shared machine, not speed assertions. */
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String DB = "metrics";
    private static final int SHARDS = 8;
    private static final int HOSTS = 64;

    @TempDir
    Path root;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T00:00:00Z"));
    private final Engine[] engines = new Engine[3];
    private int[] ports;

    @AfterEach
    void stop() {
        for (int i = engines.length - 1; i >= 0; i--) {
            if (engines[i] != null) {
                engines[i].close();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Engine start(int i) {
        return Engine.start(Engine.singleNodeConfig(root.resolve("node-" + i), Map.of(
                "tidemark.cluster.self-join", false,
                "tidemark.cluster.replication-factor", 2,
                "tidemark.engine.catalog.shards-per-table", SHARDS,
                "tidemark.magnetic.root-dir", root.resolve("shared").toString(),
                "pekko.remote.artery.canonical.port", ports[i],
                "pekko.cluster.seed-nodes", List.of("pekko://tidemark@127.0.0.1:" + ports[0]),
                "pekko.cluster.sharding.rebalance-interval", "1s",
                "pekko.cluster.split-brain-resolver.stable-after", "2s")), clock);
    }

    @Test
    void aNodeThatComesBackGetsShardsBackAndEveryNodeReadsEveryRow() throws Exception {
        ports = new int[] {freePort(), freePort(), freePort()};
        for (int i = 0; i < 3; i++) {
            engines[i] = start(i);
        }
        await(engines[0].catalog().createDatabase(DB, null, List.of()));
        await(engines[0].catalog().createTable(DB, "cpu", null, null, null, null));
        write(engines[0], 0);
        LoopbackCluster.awaitUntil(DEADLINE, "node 2 to host series shards at first",
                () -> hostedShards(engines[2].system()) > 0);

        engines[2].close();
        engines[2] = null;
        LoopbackCluster.awaitUntil(DEADLINE, "the two others to see node 2 gone",
                () -> Cluster.get(engines[0].system()).state().members().size() == 2);
        write(engines[1], 1);

        engines[2] = start(2);
        assertThat(hostedShards(engines[2].system())).as("a rejoined node starts with no shard").isZero();
        LoopbackCluster.awaitUntil(DEADLINE, "rebalancing to move shards back to node 2",
                () -> hostedShards(engines[2].system()) > 0);
        for (Engine engine : engines) {
            assertThat(count(engine)).as("rows read through every node").isEqualTo(2L * HOSTS);
        }
    }

    /**
     * One row per host at second {@code round}; the hosts spread over every shard. Retried on
     * THROTTLING as Timestream's clients do: while membership settles after a node leaves, a run of
     * writes may find no replica and fail without a quorum (an identical retry is idempotent).
     */
    private void write(Engine engine, int round) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            try {
                assertThat(await(engine.write(batch(engine, round))).ingested().total()).isEqualTo(HOSTS);
                return;
            } catch (ExecutionException e) {
                boolean throttled = e.getCause() instanceof EngineException cause
                        && cause.kind() == ErrorKind.THROTTLING;
                if (!throttled || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private IngestBatch batch(Engine engine, int round) {
        IngestBatch batch = engine.newBatch(DB, "cpu");
        int value = batch.column(MeasureType.DOUBLE.valueColumnName(), MeasureType.DOUBLE);
        for (int h = 0; h < HOSTS; h++) {
            int series = batch.series(SeriesKey.of(List.of(new Dimension("host", "h" + h)), "usage"),
                    MeasureType.DOUBLE);
            batch.addRow(series, (clock.millis() - 60_000 + round * 1_000L) * 1_000_000L, 1, h);
            batch.setDouble(value, h + round);
        }
        return batch;
    }

    private static long count(Engine engine) throws Exception {
        return await(engine.query("SELECT count(*) FROM " + DB + ".cpu")).rows().column(0).getLong(0);
    }

    /** The series-shard entities running on {@code system}'s node. */
    private static int hostedShards(ActorSystem<Void> system) {
        TestProbe<ShardRegion.CurrentShardRegionState> probe = TestProbe.create(system);
        ClusterSharding.get(system).shardState().tell(new GetShardRegionState(SeriesShard.TYPE_KEY, probe.getRef()));
        ShardRegion.CurrentShardRegionState state = probe.receiveMessage(Duration.ofSeconds(30));
        int entities = 0;
        for (ShardRegion.ShardState shard : state.getShards()) {
            entities += shard.getEntityIds().size();
        }
        return entities;
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }
}
