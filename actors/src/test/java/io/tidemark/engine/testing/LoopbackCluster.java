package io.tidemark.engine.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * Several cluster nodes in one JVM for tests: each an actor system with its own data directory
 * ({@code <root>/node-<i>}), a directory they share ({@link #sharedDir}), and Pekko remoting on a
 * free loopback port, so every message between them is really serialized and sent over TCP. Node
 * 0 joins itself, the others join node 0, and {@link #start} returns once every node sees every
 * member Up.
 *
 * <p>Each node's config is {@code overrides} over {@code tidemark/single-node.conf} with self-join
 * off. Waits are deadlines for a busy shared machine, not speed assertions.
 */
public final class LoopbackCluster implements AutoCloseable {

    /** How long membership changes may take on a loaded 2-core machine. */
    public static final Duration MEMBERSHIP_DEADLINE = Duration.ofSeconds(60);

    private final Path root;
    private final IntFunction<String> overrides;
    private final List<ActorSystem<Void>> nodes = new ArrayList<>();

    private LoopbackCluster(Path root, IntFunction<String> overrides) {
        this.root = root;
        this.overrides = overrides;
    }

    /** Starts {@code size} joined nodes under {@code root}; {@code overrides} is HOCON for all of them. */
    public static LoopbackCluster start(int size, Path root, String overrides) {
        return start(size, root, i -> overrides);
    }

    /** Starts {@code size} joined nodes under {@code root}; node {@code i} runs with the HOCON {@code overrides.apply(i)}. */
    public static LoopbackCluster start(int size, Path root, IntFunction<String> overrides) {
        LoopbackCluster cluster = new LoopbackCluster(root, overrides);
        try {
            for (int i = 0; i < size; i++) {
                cluster.nodes.add(cluster.newNode(i));
            }
            cluster.awaitMembers(size);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The config node {@code i} runs with. */
    public Config config(int i) {
        return ConfigFactory.load(ConfigFactory.parseString(overrides.apply(i))
                .withFallback(ConfigFactory.parseString("tidemark.data-dir = \""
                        + dataDir(i).toString().replace("\\", "/") + "\"\ntidemark.cluster.self-join = off"))
                .withFallback(ConfigFactory.parseString("tidemark.magnetic.root-dir = \""
                        + sharedDir().toString().replace("\\", "/") + "\""))
                .withFallback(ConfigFactory.parseResources("tidemark/single-node.conf")));
    }

    private ActorSystem<Void> newNode(int i) {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tidemark", config(i));
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(nodes.isEmpty() ? cluster.selfMember().address()
                : Cluster.get(nodes.get(0)).selfMember().address()));
        return system;
    }

    public ActorSystem<Void> node(int i) {
        return nodes.get(i);
    }

    public List<ActorSystem<Void>> nodes() {
        return List.copyOf(nodes);
    }

    public Path dataDir(int i) {
        return root.resolve("node-" + i);
    }

    /**
     * The directory every node reaches, their {@code tidemark.magnetic.root-dir} unless the
     * overrides set another (the magnetic store and replicated shards' checkpoints live there).
     */
    public Path sharedDir() {
        return root.resolve("shared");
    }

    /** Waits until every running node sees exactly {@code size} members, all Up. */
    public void awaitMembers(int size) {
        awaitEveryNode("every node sees " + size + " members Up", state -> {
            int up = 0;
            int all = 0;
            for (org.apache.pekko.cluster.Member m : state.getMembers()) {
                all++;
                if (m.status() == MemberStatus.up()) {
                    up++;
                }
            }
            return all == size && up == size && state.getUnreachable().isEmpty();
        });
    }

    /** Polls each running node's membership until {@code condition} holds on all of them. */
    public void awaitEveryNode(String what, Predicate<ClusterEvent.CurrentClusterState> condition) {
        awaitUntil(MEMBERSHIP_DEADLINE, what, () -> nodes.stream().allMatch(node ->
                node.whenTerminated().isCompleted() || condition.test(Cluster.get(node).state())));
    }

    /**
     * Polls {@code condition} until it holds, for what reaches the nodes asynchronously (membership,
     * publications, notices); fails the test after {@code within}.
     */
    public static void awaitUntil(Duration within, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + within + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }

    /**
     * Stops node {@code i} without leaving the cluster, as a crash looks to the others; they see it
     * unreachable until the split-brain resolver downs it.
     */
    public void crash(int i) {
        terminate(nodes.get(i));
    }

    /** Starts node {@code i} again on its data directory (after {@link #crash}) and joins it to a running node. */
    public ActorSystem<Void> restart(int i) {
        ActorSystem<Void> running = nodes.stream().filter(n -> !n.whenTerminated().isCompleted()).findFirst()
                .orElseThrow(() -> new IllegalStateException("cannot restart node " + i + ": no node is running"));
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tidemark", config(i));
        Cluster.get(system).manager().tell(Join.create(Cluster.get(running).selfMember().address()));
        nodes.set(i, system);
        return system;
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            terminate(nodes.get(i));
        }
    }

    private static void terminate(ActorSystem<Void> system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(MEMBERSHIP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("node did not stop: " + system.address(), e);
        }
    }
}
