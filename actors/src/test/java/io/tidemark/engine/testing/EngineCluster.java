package io.tidemark.engine.testing;

import io.tidemark.engine.Engine;
import io.tidemark.engine.shard.SeriesShard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Whole engines joined into one cluster in this JVM, for tests of what crosses nodes: engine
 * {@code i} keeps its data in {@code <root>/node-<i>}, all share {@code <root>/shared} as the
 * magnetic root, listen on a free loopback port and join engine 0; shards are not rebalanced.
 */
public final class EngineCluster {

    /** How long the shard coordinator may take to gather every region's statistics in one ask. */
    private static final Duration STATS_TIMEOUT = Duration.ofSeconds(5);

    private EngineCluster() {
    }

    /**
     * Starts {@code size} engines, each with {@code settings} over the cluster's own, and returns
     * them once every engine sees every member Up (a write at R = 2 needs a replica Up) and the
     * shard coordinator knows every engine's shard region: it allocates a shard to the region
     * holding the fewest among those registered when the shard is first asked for, and never
     * moves it (no rebalance), so shards first written before the other regions registered would
     * all stay on engine 0.
     */
    public static List<Engine> start(int size, Path root, Map<String, Object> settings, Clock clock) {
        int[] ports = new int[size];
        for (int i = 0; i < size; i++) {
            ports[i] = freePort();
        }
        List<Engine> engines = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Map<String, Object> node = new HashMap<>(settings);
            node.put("tidemark.cluster.self-join", false);
            node.put("tidemark.magnetic.root-dir", root.resolve("shared").toString());
            node.put("pekko.remote.artery.canonical.port", ports[i]);
            node.put("pekko.cluster.seed-nodes", List.of("pekko://tidemark@127.0.0.1:" + ports[0]));
            node.put("pekko.cluster.sharding.rebalance-interval", "1h");
            engines.add(Engine.start(Engine.singleNodeConfig(root.resolve("node-" + i), node), clock));
        }
        LoopbackCluster.awaitUntil(LoopbackCluster.MEMBERSHIP_DEADLINE, "every node to see " + size + " members Up",
                () -> engines.stream().allMatch(engine -> StreamSupport.stream(Cluster.get(engine.system()).state()
                        .getMembers().spliterator(), false).filter(m -> m.status() == MemberStatus.up()).count() == size));
        LoopbackCluster.awaitUntil(LoopbackCluster.MEMBERSHIP_DEADLINE, "the shard coordinator to know the shard regions"
                + " of all " + size + " engines", () -> registeredRegions(engines.get(0)) == size);
        return engines;
    }

    /**
     * The shard regions the coordinator knows, as {@code engine} learns them from it: none while
     * its region has not found the coordinator, or when a region did not answer in time.
     */
    private static int registeredRegions(Engine engine) {
        ActorSystem<Void> system = engine.system();
        try {
            return AskPattern.ask(ClusterSharding.get(system).shardState(),
                    (ActorRef<ShardRegion.ClusterShardingStats> replyTo) -> new GetClusterShardingStats(
                            SeriesShard.TYPE_KEY, STATS_TIMEOUT, replyTo), STATS_TIMEOUT.multipliedBy(2),
                    system.scheduler()).toCompletableFuture().join().getRegions().size();
        } catch (CompletionException e) {
            return 0;
        }
    }

    /**
     * Settings for tests that run whatever tier work they need themselves: {@code shards} shards per
     * table, and no migration or retention pass starts during a test.
     */
    public static Map<String, Object> quietTiers(int shards) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("tidemark.engine.catalog.shards-per-table", shards);
        settings.put("tidemark.engine.tier.migration-interval", "1h");
        settings.put("tidemark.engine.tier.retention-interval", "1h");
        settings.put("tidemark.engine.tier.retention-first-delay", "1h");
        return settings;
    }

    /**
     * {@code settings} for a cluster whose test crashes a node: every shard has a replica; a crash
     * (terminating a system) does not leave the cluster, and the survivors down the lost node after
     * 2 s. The first attempt of a fragment on the lost node's shard is never answered: it fails when
     * the node becomes unreachable (~4-5 s), and its retry waits until the survivors removed the node;
     * a first-read timeout longer than all that shows the attempt did not wait for it.
     */
    public static Map<String, Object> withCrashes(Map<String, Object> settings) {
        Map<String, Object> crashing = new HashMap<>(settings);
        crashing.put("tidemark.cluster.replication-factor", 2);
        crashing.put("pekko.coordinated-shutdown.run-by-actor-system-terminate", "off");
        crashing.put("pekko.cluster.split-brain-resolver.stable-after", "2s");
        crashing.put("tidemark.engine.ask-timeout", "20s");
        crashing.put("tidemark.engine.shard.first-read-timeout", "12s");
        return crashing;
    }

    /**
     * Which engine (by index) runs each started shard entity of table {@code tableId}, asked of
     * every engine whose system still runs.
     */
    public static Map<String, Integer> entityHosts(List<Engine> engines, String tableId) {
        Map<String, Integer> hosts = new HashMap<>();
        for (int node = 0; node < engines.size(); node++) {
            ActorSystem<Void> system = engines.get(node).system();
            if (system.whenTerminated().isCompleted()) {
                continue;
            }
            ShardRegion.CurrentShardRegionState state = AskPattern.ask(ClusterSharding.get(system).shardState(),
                    (ActorRef<ShardRegion.CurrentShardRegionState> replyTo) -> new GetShardRegionState(
                            SeriesShard.TYPE_KEY, replyTo), Duration.ofSeconds(30), system.scheduler())
                    .toCompletableFuture().join();
            for (ShardRegion.ShardState shard : state.getShards()) {
                for (String entity : shard.getEntityIds()) {
                    if (entity.startsWith(tableId + "/")) {
                        hosts.put(entity, node);
                    }
                }
            }
        }
        return hosts;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
