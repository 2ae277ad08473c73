package io.tidemark.engine.shard;

import static io.tidemark.engine.shard.TestRows.TABLE;
import static io.tidemark.engine.shard.TestRows.series;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.PartitionKey;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableStatus;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.scan.ScannedSeries;
import io.tidemark.engine.scan.TableScanner;
import io.tidemark.engine.shard.TestRows.Doubles;
import io.tidemark.engine.testing.LoopbackCluster;
import io.tidemark.engine.tier.MagneticReader;
import io.tidemark.engine.tier.MagneticTier;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.magnetic.CompactionPolicy;
import io.tidemark.storage.model.SeriesKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node holding shards crashes: asks to its shards fail INTERNAL after the ask timeout, naming the
 * shard, and a table scan in flight still answers, because it retries the failed shard scans until
 * Cluster Sharding has started those entities on a surviving node. (Without replication the
 * restarted shards start empty; keeping their rows is the replicated journal's part.)
 */
class ShardWireFailoverTest {

    private static final MagneticReader NO_MAGNETIC = (table, key, from, to) -> List.of();
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
    private static final int SHARDS = 9;

    @TempDir
    Path root;

    @Test
    void aScanDuringANodesLossFailsClearlyThenTheRetriedScanAnswers() throws Exception {
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(TestRows.T0 / 1_000_000L + 60_000));
        ExecutorService blocking = Executors.newFixedThreadPool(2);
        // terminate without leaving the cluster, as a crash looks; the survivors down it after 2 s
        try (LoopbackCluster cluster = LoopbackCluster.start(3, root, "tidemark.engine.ask-timeout = 5s\n"
                + "pekko.cluster.sharding.rebalance-interval = 1h\n"
                + "pekko.coordinated-shutdown.run-by-actor-system-terminate = off\n"
                + "pekko.cluster.split-brain-resolver.stable-after = 2s")) {
            List<SeriesShardService> services = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                services.add(SeriesShardService.init(cluster.node(i), cluster.dataDir(i), clock, NO_MAGNETIC,
                        new EngineMeters()));
            }
            int[] host = new int[SHARDS];
            int victim = -1;
            for (int s = 0; s < SHARDS; s++) {
                await(services.get(0).write(new Doubles(s).add("h" + s, 1, 1, s).build()));
                host[s] = hostOf(cluster, SeriesShard.entityId(TABLE, s));
                if (host[s] != 0) {
                    victim = host[s];
                }
            }
            assertThat(victim).as("a shard runs on a node other than node 0, hosts=%s", java.util.Arrays.toString(host))
                    .isPositive();
            int lost = firstOn(host, victim);

            cluster.crash(victim);

            Throwable failed = failure(services.get(0).stats(TABLE, lost));
            assertThat(failed).isInstanceOf(EngineException.class)
                    .hasMessage("cannot read shard stats: shard did not answer (busy, or its node is down or"
                            + " unreachable), table=" + TABLE + ", shard=" + lost + ", askTimeout=" + ASK_TIMEOUT);
            assertThat(((EngineException) failed).kind()).isEqualTo(ErrorKind.INTERNAL);

            TableScanner scanner = new TableScanner(services.get(0), new MagneticTier(FileIo.DEFAULT,
                    cluster.dataDir(0), clock, new EngineMeters(), CompactionPolicy.DEFAULT), clock, blocking,
                    FirstReadTimeout.fromConfig(cluster.node(0).settings().config()));
            TableDescription table = new TableDescription("db", "cpu", TABLE, "arn", TableStatus.ACTIVE,
                    RetentionProperties.DEFAULT, MagneticStoreWriteProperties.DISABLED, List.of(PartitionKey.DEFAULT),
                    SHARDS, 0, clock.instant(), clock.instant());
            List<ScannedSeries> scanned = await(scanner.scan(table, Long.MIN_VALUE, Long.MAX_VALUE));

            List<SeriesKey> expected = new ArrayList<>();
            for (int s = 0; s < SHARDS; s++) {
                if (host[s] != victim) {
                    expected.add(series("h" + s));
                }
            }
            assertThat(scanned).extracting(ScannedSeries::series).containsAll(expected);
            int moved = hostOf(cluster, SeriesShard.entityId(TABLE, lost));
            assertThat(moved).isNotEqualTo(victim);
        } finally {
            blocking.shutdownNow();
        }
    }

    private static int firstOn(int[] host, int node) {
        for (int s = 0; s < host.length; s++) {
            if (host[s] == node) {
                return s;
            }
        }
        throw new AssertionError("no shard on node " + node);
    }

    /** The running node whose shard region hosts {@code entityId}. */
    private static int hostOf(LoopbackCluster cluster, String entityId) {
        for (int node = 0; node < 3; node++) {
            ActorSystem<Void> system = cluster.node(node);
            if (system.whenTerminated().isCompleted()) {
                continue;
            }
            ShardRegion.CurrentShardRegionState state = await(AskPattern.ask(ClusterSharding.get(system).shardState(),
                    (ActorRef<ShardRegion.CurrentShardRegionState> replyTo) -> new GetShardRegionState(
                            SeriesShard.TYPE_KEY, replyTo), Duration.ofSeconds(30), system.scheduler()));
            if (state.getShards().stream().anyMatch(shard -> shard.getEntityIds().contains(entityId))) {
                return node;
            }
        }
        throw new AssertionError("no running node hosts " + entityId);
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer: " + e, e);
        }
    }

    private static Throwable failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("no answer: " + e, e);
        }
        throw new AssertionError("expected a failure, got an answer");
    }
}
