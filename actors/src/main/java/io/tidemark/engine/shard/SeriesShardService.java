package io.tidemark.engine.shard;

import com.typesafe.config.Config;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.shard.fragment.FragmentAnswer;
import io.tidemark.engine.shard.fragment.FragmentHost;
import io.tidemark.engine.shard.fragment.HeldAnswerCommand;
import io.tidemark.engine.shard.fragment.ShardFragment;
import io.tidemark.engine.shard.replica.ReplicaKeeper;
import io.tidemark.engine.shard.replica.ReplicaMessages;
import io.tidemark.engine.shard.replica.ReplicaPeers;
import io.tidemark.engine.shard.replica.ReplicationSettings;
import io.tidemark.engine.shard.replica.ShardReplication;
import io.tidemark.engine.tier.MagneticReader;
import io.tidemark.engine.tier.MagneticTier;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.model.SeriesKey;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * The {@link ShardGateway} of a node: starts the "series-shard" Cluster Sharding region and asks
 * its {@link SeriesShard} entities, which run on the dispatcher at {@value #DISPATCHER}, on this
 * node or another (the messages cross nodes by Kryo, {@link io.tidemark.engine.shard.wire}). A
 * shard that does not answer within the ask timeout (busy, or on a node that died or is
 * unreachable) fails the call: THROTTLING ("shard busy") for writes, which the client may retry,
 * INTERNAL otherwise. Failures the shard reports ({@link EngineException}) pass through unchanged,
 * with their kind, from whichever node the shard runs on.
 */
public final class SeriesShardService implements ShardGateway {

    /** Config path of the dispatcher the shard entities run on, so their fsyncs never block the default one. */
    static final String DISPATCHER = "tidemark.engine.shard.dispatcher";

    private final ClusterSharding sharding;
    private final ShardEnvironment env;
    private final ShardSettings settings;
    private final Scheduler scheduler;

    private SeriesShardService(ClusterSharding sharding, ShardEnvironment env, Scheduler scheduler) {
        this.sharding = sharding;
        this.env = env;
        this.settings = env.settings();
        this.scheduler = scheduler;
    }

    /** Lets this node's shards run the query fragments sent to them with {@code host}. */
    public void hostFragments(FragmentHost host) {
        env.fragments().set(host);
    }

    /**
     * Starts the shard region with settings from {@code tidemark.engine.*} of the system's config;
     * with a replication factor above 1 ({@code tidemark.cluster.replication-factor}) also the
     * node's {@link ReplicaKeeper}.
     */
    public static SeriesShardService init(ActorSystem<?> system, Path dataDir, Clock clock, MagneticReader magnetic,
                                          EngineMeters meters) {
        return init(system, environment(system, dataDir, clock, magnetic, meters));
    }

    /** The node's shard environment from its config; starts the node's replica keeper when shards are replicated. */
    static ShardEnvironment environment(ActorSystem<?> system, Path dataDir, Clock clock, MagneticReader magnetic,
                                        EngineMeters meters) {
        ShardSettings settings = ShardSettings.fromConfig(system.settings().config());
        ReplicationSettings replication = ReplicationSettings.fromConfig(system.settings().config());
        ShardEnvironment env = new ShardEnvironment(dataDir, clock, magnetic, meters, settings, FileIo.DEFAULT);
        if (!replication.replicated()) {
            return env;
        }
        Path checkpointRoot = replicatedCheckpointRoot(system.settings().config(), dataDir, settings);
        ActorRef<ReplicaMessages.KeeperCommand> keeper = system.systemActorOf(ReplicaKeeper.create(dataDir,
                env.journalOptions(), replication), ReplicaPeers.KEEPER_NAME, DispatcherSelector.fromConfig(DISPATCHER));
        return new ShardEnvironment(dataDir, clock, magnetic, meters, settings, FileIo.DEFAULT,
                new ShardReplication(replication, new ReplicaPeers(system, keeper), checkpointRoot));
    }

    /**
     * Where replicated shards checkpoint: {@code tidemark.magnetic.root-dir}, which must be storage
     * every node reaches (a shard restarted on another node loads its checkpoint from there); null
     * when they do not checkpoint.
     *
     * @throws IllegalArgumentException when they checkpoint and the root is this node's data dir
     *     (the default, so evidently not shared)
     */
    static Path replicatedCheckpointRoot(Config config, Path dataDir, ShardSettings settings) {
        if (!settings.checkpoint().replicatedShardsCheckpoint()) {
            return null;
        }
        Path root = MagneticTier.rootDir(config).normalize();
        if (root.equals(dataDir.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("cannot start replicated shards: they checkpoint to"
                    + " tidemark.magnetic.root-dir, which must be a directory every node reaches, but it is this node's"
                    + " data dir, root-dir=" + root + " (set tidemark.magnetic.root-dir to the"
                    + " shared directory, or tidemark.engine.shard.checkpoint.replicated = off)");
        }
        return root;
    }

    static SeriesShardService init(ActorSystem<?> system, ShardEnvironment env) {
        ClusterSharding sharding = ClusterSharding.get(system);
        sharding.init(Entity.of(SeriesShard.TYPE_KEY, ctx -> SeriesShard.create(ctx.getEntityId(), ctx.getShard(), env))
                .withStopMessage(SeriesShard.Passivate.INSTANCE)
                .withEntityProps(DispatcherSelector.fromConfig(DISPATCHER)));
        return new SeriesShardService(sharding, env, system.scheduler());
    }

    @Override
    public CompletionStage<ShardWriteResult> write(WriteBatch batch) {
        return ask(batch.tableId(), batch.shard(), "write",
                replyTo -> new SeriesShard.Write(batch, replyTo), true);
    }

    @Override
    public CompletionStage<List<SeriesChunks>> scan(String tableId, int shard, long fromNanos, long toNanos) {
        return this.<ScannedChunks>ask(tableId, shard, "scan", replyTo -> new SeriesShard.Scan(fromNanos, toNanos, replyTo),
                false).thenCompose(first -> first.more() == null ? CompletableFuture.completedFuture(first.series())
                        : remainingParts(first.more(), new ArrayList<>(first.series()), tableId, shard));
    }

    @Override
    public CompletionStage<FragmentAnswer> runFragment(String tableId, int shard, ShardFragment fragment, long fromNanos,
                                                       long toNanos) {
        EntityRef<SeriesShard.Command> entity = sharding.entityRefFor(SeriesShard.TYPE_KEY,
                SeriesShard.entityId(tableId, shard));
        // the host's failures pass through as they are: on this node whatever the fragment threw (the
        // query tells the user's errors from the others), from another node an EngineException
        return entity.<FragmentAnswer>askWithStatus(replyTo -> new SeriesShard.RunFragment(fragment, fromNanos, toNanos,
                replyTo), settings.askTimeout()).handleAsync((answer, failure) -> {
                    if (failure == null) {
                        return answer;
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    throw cause instanceof RuntimeException e && !(cause instanceof StatusReply.ErrorMessage) ? e
                            : translate(cause, tableId, shard, "run query fragment", false);
                }, Runnable::run);
    }

    /** Answered from the series the shards running on this node have published ({@link LocalShardSeries}). */
    @Override
    public boolean mayHold(String tableId, int shard, Map<String, Set<String>> values) {
        return env.localSeries().mayHold(tableId, shard, values);
    }

    @Override
    public CompletionStage<FragmentAnswer> nextAnswerPart(String tableId, int shard,
                                                          ActorRef<HeldAnswerCommand> holder, long answerId,
                                                          int index) {
        return AskPattern.<HeldAnswerCommand, FragmentAnswer>askWithStatus(holder,
                replyTo -> new HeldAnswerCommand.NextPart(answerId, index, replyTo), settings.askTimeout(), scheduler)
                .handleAsync((part, failure) -> {
                    if (failure != null) {
                        throw translate(failure, tableId, shard, "fetch the next part of a fragment's answer", false);
                    }
                    return part;
                }, Runnable::run);
    }

    /** Asks the part server of a scan or freeze on another node for its parts, in order, until the last. */
    private CompletionStage<List<SeriesChunks>> remainingParts(ActorRef<ScanParts.NextPart> more,
                                                               List<SeriesChunks> received, String tableId, int shard) {
        return AskPattern.<ScanParts.NextPart, ScannedChunks>askWithStatus(more, ScanParts.NextPart::new,
                settings.askTimeout(), scheduler).handleAsync((next, failure) -> {
                    if (failure != null) {
                        throw translate(failure, tableId, shard, "fetch the next part of an answer", false);
                    }
                    return next;
                }, Runnable::run)
                .thenCompose(next -> {
                    received.addAll(next.series());
                    return next.more() == null ? CompletableFuture.completedFuture(bySeries(received))
                            : remainingParts(next.more(), received, tableId, shard);
                });
    }

    /** One entry per series: a series cut across parts arrives in several. */
    private static List<SeriesChunks> bySeries(List<SeriesChunks> parts) {
        Map<SeriesKey, List<SealedChunk>> chunks = new LinkedHashMap<>();
        for (SeriesChunks part : parts) {
            chunks.computeIfAbsent(part.series(), key -> new ArrayList<>()).addAll(part.chunks());
        }
        List<SeriesChunks> out = new ArrayList<>(chunks.size());
        chunks.forEach((key, list) -> out.add(new SeriesChunks(key, list)));
        return out;
    }

    @Override
    public CompletionStage<FrozenChunks> freezeForMigration(String tableId, int shard, long cutoffNanos) {
        return this.<FrozenChunks>ask(tableId, shard, "freeze for migration",
                replyTo -> new SeriesShard.Freeze(cutoffNanos, replyTo), false).thenCompose(first -> first.more() == null
                        ? CompletableFuture.completedFuture(first)
                        : remainingParts(first.more(), new ArrayList<>(first.series()), tableId, shard)
                                .thenApply(all -> new FrozenChunks(first.migrationId(), first.cutoffNanos(), all)));
    }

    @Override
    public CompletionStage<Void> commitMigration(String tableId, int shard, long migrationId) {
        return this.<Done>ask(tableId, shard, "commit migration",
                replyTo -> new SeriesShard.Commit(migrationId, replyTo), false).thenApply(done -> null);
    }

    @Override
    public CompletionStage<ShardStats> stats(String tableId, int shard) {
        return ask(tableId, shard, "read shard stats", SeriesShard.GetStats::new, false);
    }

    @Override
    public CompletionStage<Void> drop(String tableId, int shard) {
        return this.<Done>ask(tableId, shard, "drop shard", SeriesShard.Drop::new, false).thenApply(done -> null);
    }

    private <T> CompletionStage<T> ask(String tableId, int shard, String what,
                                       Function<ActorRef<StatusReply<T>>, SeriesShard.Command> message,
                                       boolean busyOnTimeout) {
        EntityRef<SeriesShard.Command> entity = sharding.entityRefFor(SeriesShard.TYPE_KEY,
                SeriesShard.entityId(tableId, shard));
        // handleAsync on the completing thread: the ask's stage runs a plain handle() on the JDK's async
        // pool, which on a 2-core machine starts a new thread for every call
        return entity.<T>askWithStatus(message::apply, settings.askTimeout()).handleAsync((result, failure) -> {
            if (failure == null) {
                return result;
            }
            throw translate(failure, tableId, shard, what, busyOnTimeout);
        }, Runnable::run);
    }

    private RuntimeException translate(Throwable failure, String tableId, int shard, String what,
                                       boolean busyOnTimeout) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof EngineException) {
            return (EngineException) cause;
        }
        boolean timedOut = cause instanceof TimeoutException;
        String message = "cannot " + what + ": shard " + (!timedOut ? "failed" : busyOnTimeout ? "busy"
                : "did not answer (busy, or its node is down or unreachable)") + ", table=" + tableId + ", shard="
                + shard + ", askTimeout=" + settings.askTimeout();
        if (timedOut && busyOnTimeout) {
            return EngineException.throttling(message);
        }
        return EngineException.internal(message, cause);
    }
}
