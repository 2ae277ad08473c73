package io.tidemark.engine.shard;

import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.shard.replica.ReplicaMessages;
import io.tidemark.engine.testing.LoopbackCluster;
import io.tidemark.engine.tier.MagneticReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The shard side of the nodes of a {@link LoopbackCluster}, for tests that spawn shard 0 of
 * {@link TestRows#TABLE} on the node they choose and ask it there: each node's shard environment
 * (with its replica keeper, made once per node) and the shard's copies.
 */
final class ShardNodes {

    static final Duration ASK = Duration.ofSeconds(30);
    static final String ENTITY = SeriesShard.entityId(TestRows.TABLE, 0);
    private static final MagneticReader NO_MAGNETIC = (table, key, from, to) -> List.of();

    private final Clock clock;
    /** By identity: every node's actor system has the same name. */
    private final Map<ActorSystem<Void>, ShardEnvironment> environments = new IdentityHashMap<>();
    private int spawned;

    ShardNodes(Clock clock) {
        this.clock = clock;
    }

    /** What every running node does at start: its shard environment, with its replica keeper. */
    void startKeepers(LoopbackCluster cluster) {
        for (int i = 0; i < cluster.nodes().size(); i++) {
            if (!cluster.node(i).whenTerminated().isCompleted()) {
                env(cluster.node(i), cluster.dataDir(i));
            }
        }
    }

    ShardEnvironment env(ActorSystem<Void> node, Path dataDir) {
        return environments.computeIfAbsent(node, n -> SeriesShardService.environment(n, dataDir, clock, NO_MAGNETIC,
                new EngineMeters()));
    }

    /** A new incarnation of the shard entity on {@code node}. */
    ActorRef<SeriesShard.Command> spawnShard(LoopbackCluster cluster, int node) {
        ActorSystem<Void> system = cluster.node(node);
        return system.systemActorOf(SeriesShard.create(ENTITY, null, env(system, cluster.dataDir(node))),
                "shard-" + spawned++, Props.empty());
    }

    /** The state of {@code node}'s copy of the shard's journal. */
    ReplicaMessages.CopyStatus copy(LoopbackCluster cluster, int node) {
        ActorSystem<Void> system = cluster.node(node);
        ActorRef<ReplicaMessages.KeeperCommand> keeper = env(system, cluster.dataDir(node)).replication().peers().local();
        return get(AskPattern.ask(keeper, r -> new ReplicaMessages.GetCopy(TestRows.TABLE, 0, r), ASK,
                system.scheduler()));
    }

    /** The member after {@code node} in the ring of members sorted by address: its shards' replica at R=2. */
    static int nextInRing(LoopbackCluster cluster, int node) {
        List<Integer> ring = IntStream.range(0, cluster.nodes().size()).boxed()
                .sorted(Comparator.comparing(i -> cluster.node(i).address().toString())).collect(Collectors.toList());
        return ring.get((ring.indexOf(node) + 1) % ring.size());
    }

    static <T> T get(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(ASK.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer", e);
        }
    }
}
