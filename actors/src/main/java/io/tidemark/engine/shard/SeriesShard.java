package io.tidemark.engine.shard;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.shard.fragment.FragmentAnswer;
import io.tidemark.engine.shard.fragment.FragmentDeclined;
import io.tidemark.engine.shard.fragment.FragmentHost;
import io.tidemark.engine.shard.fragment.ShardFragment;
import io.tidemark.engine.shard.replica.CatchUp;
import io.tidemark.engine.shard.replica.ReplicaMessages;
import io.tidemark.engine.shard.replica.ReplicaPeers;
import io.tidemark.engine.shard.replica.ReplicationLink;
import io.tidemark.storage.journal.FsyncPolicy;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.journal.WriteBatchSerializer;
import io.tidemark.storage.queue.RejectedEntryException;
import io.tidemark.storage.serialization.KryoPool;
import io.tidemark.storage.serialization.KryoSerializable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;

/**
 * The Cluster Sharding entity owning one shard of a table: its journal and its {@link MemoryStore}.
 * Entity id {@code <tableId>/<shardNo>}. On start it opens the journal under
 * {@link ShardJournal#directory} and replays it (batches and migration marks, in order), so every
 * acknowledged row is back before it serves anything.
 *
 * <p>A write is checked for duplicates, the accepted rows are journaled, applied, and only then
 * acknowledged. Writes queue in the actor and are handled in runs (group commit: one sync per
 * run); beyond {@link ShardSettings#maxPendingWrites()} queued writes it answers THROTTLING. A
 * journal failure answers INTERNAL to the failed write and to every write not yet acknowledged,
 * and restarts the shard (with backoff), which re-opens and replays the journal: the failed write
 * is not applied, and memory again holds exactly what the journal holds. A query either reads a
 * snapshot of the memory store's chunks in a range ({@link Scan}) or has the shard's node run its
 * fragment over that snapshot ({@link RunFragment}, handed to the node's
 * {@link io.tidemark.engine.shard.fragment.FragmentHost} off the actor thread). Journal and Chronicle
 * Queue Javadoc: <a href="../../../../../../../../docs/formats/journal-entry.md">journal-entry.md</a>.
 *
 * <p>With a replication factor R above 1 ({@link io.tidemark.engine.shard.replica}): before it opens
 * the journal the entity takes it over from the node's replica keeper, and after its replay it
 * catches up from the other copies ({@link CatchUp}) before it serves anything (commands wait in a
 * stash). Each run of writes is shipped to R−1 replicas while the local journal syncs
 * ({@link ReplicationLink}); the run is acknowledged once a majority of the R copies holds it, and
 * fails with THROTTLING ("replication quorum not reached", so clients retry) when that does not happen within the
 * replication timeout. The rows of a failed run stay journaled and applied here (they may
 * surface in reads; a retried identical write is idempotent). A replicated shard checkpoints to
 * the root every node reaches ({@link io.tidemark.engine.shard.replica.ShardReplication#checkpointDirectory}),
 * once more right after catching up (before it serves), and ships the release point of each
 * checkpoint only once it is durable (see {@link ShardStorage}).
 */
public final class SeriesShard extends AbstractBehavior<SeriesShard.Command> {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "series-shard");

    public sealed interface Command extends KryoSerializable permits Write, Scan, RunFragment, Freeze, Commit, GetStats,
            Drop, Passivate, DrainWrites, SyncJournal, CheckpointTick, HandedOver, CaughtUp, ReplicaAnswered,
            RoundTimedOut, CopyDropAnswered,
            CopyDropsTimedOut {
    }

    /** Journal, apply, then answer which rows were refused. */
    public record Write(WriteBatch batch, ActorRef<StatusReply<ShardWriteResult>> replyTo) implements Command {
    }

    public record Scan(long fromNanos, long toNanos, ActorRef<StatusReply<ScannedChunks>> replyTo)
            implements Command {
    }

    /**
     * Runs a query fragment where the shard is: the memory-store chunks of {@code [fromNanos, toNanos]},
     * snapshotted as {@link Scan} does, go to the node's {@link FragmentHost}, which answers with the
     * fragment's output (or declines); the chunks never leave the node.
     */
    public record RunFragment(ShardFragment fragment, long fromNanos, long toNanos,
                              ActorRef<StatusReply<FragmentAnswer>> replyTo) implements Command {
    }

    public record Freeze(long cutoffNanos, ActorRef<StatusReply<FrozenChunks>> replyTo) implements Command {
    }

    public record Commit(long migrationId, ActorRef<StatusReply<Done>> replyTo) implements Command {
    }

    public record GetStats(ActorRef<StatusReply<ShardStats>> replyTo) implements Command {
    }

    /**
     * Close the journal, delete the shard's files (and, when replicated, the other nodes' copies)
     * and stop: the table is being deleted.
     */
    public record Drop(ActorRef<StatusReply<Done>> replyTo) implements Command {
    }

    /** Cluster Sharding's stop message on passivation and rebalance. */
    public enum Passivate implements Command {
        INSTANCE
    }

    /** Sent to itself: process the writes queued since the last drain. */
    private enum DrainWrites implements Command {
        INSTANCE
    }

    /** Timer under the INTERVAL fsync policy, so an idle journal is synced too. */
    private enum SyncJournal implements Command {
        INSTANCE
    }

    /** Timer: checkpoint the memory store if the journal holds anything since the last checkpoint. */
    private enum CheckpointTick implements Command {
        INSTANCE
    }

    /** Sent to itself: the node's replica keeper has closed its copy of this shard's journal. */
    private enum HandedOver implements Command {
        INSTANCE
    }

    /** Sent to itself: catching up from the other copies ended. */
    private record CaughtUp(CatchUp.Result result) implements Command {
    }

    /** A replica's answer to what this shard shipped. */
    private record ReplicaAnswered(ReplicaMessages.Appended reply) implements Command {
    }

    /** Sent to itself: the replicas did not confirm run {@code round} in time. */
    private record RoundTimedOut(long round) implements Command {
    }

    /** A keeper's answer to this dropped shard's request to delete its copy. */
    private record CopyDropAnswered(ReplicaMessages.CopyDropped reply) implements Command {
    }

    /** Sent to itself: some keepers did not answer the request to delete their copies in time. */
    private enum CopyDropsTimedOut implements Command {
        INSTANCE
    }

    private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final String tableId;
    private final int shard;
    private final ShardEnvironment env;
    /**
     * The Cluster Sharding shard (a group of entities, not a table shard) running this entity; asked
     * to passivate it after a drop. Null when spawned directly.
     */
    private final ActorRef<ClusterSharding.ShardCommand> clusterShard;
    private final ShardStorage storage;
    /** The storage's journal: another instance after each checkpoint. */
    private ShardJournal journal;
    private final MemoryStore store;
    private final DuplicateChecker checker;
    private final ArrayDeque<Write> pending = new ArrayDeque<>();
    private boolean drainScheduled;
    private final TimerScheduler<Command> timers;
    /** Null unless the shard is replicated and has caught up. */
    private ReplicationLink replication;
    /** The run of writes waiting for the replicas, with their results; empty when none is. */
    /** What queries on this node check before asking this shard ({@link LocalShardSeries}); published once serving. */
    private final ShardSeriesValues seriesValues = new ShardSeriesValues();
    private final List<Write> roundWrites = new ArrayList<>();
    private final List<ShardWriteResult> roundResults = new ArrayList<>();
    private long round;

    /** The entity behaviour, restarted with backoff on failure (re-opening and replaying the journal). */
    public static Behavior<Command> create(String entityId, ActorRef<ClusterSharding.ShardCommand> clusterShard,
                                           ShardEnvironment env) {
        return Behaviors.supervise(Behaviors.<Command>setup(ctx -> Behaviors.withTimers(timers -> {
            if (env.settings().fsync().mode() == FsyncPolicy.Mode.INTERVAL) {
                timers.startTimerWithFixedDelay(SyncJournal.INSTANCE, env.settings().fsync().interval());
            }
            if (!env.replication().replicated()) {
                return new SeriesShard(ctx, entityId, clusterShard, env, timers);
            }
            return Behaviors.withStash(env.settings().maxPendingWrites() + STASH_ROOM, stash ->
                    handOver(ctx, entityId, clusterShard, env, timers, stash));
        }))).onFailure(SupervisorStrategy.restartWithBackoff(MIN_BACKOFF, MAX_BACKOFF, 0.2));
    }

    /** Room in the start-up stash for the commands other than writes (scans, stats, migration). */
    private static final int STASH_ROOM = 1024;

    /** Takes the journal over from the node's replica keeper, then opens it, replays and catches up. */
    private static Behavior<Command> handOver(ActorContext<Command> ctx, String entityId,
                                              ActorRef<ClusterSharding.ShardCommand> clusterShard, ShardEnvironment env,
                                              TimerScheduler<Command> timers, StashBuffer<Command> stash) {
        int slash = entityId.lastIndexOf('/');
        ctx.ask(Done.class, env.replication().peers().local(), env.replication().settings().timeout(),
                replyTo -> new ReplicaMessages.HandOver(entityId.substring(0, Math.max(slash, 0)),
                        Integer.parseInt(entityId.substring(slash + 1)), replyTo),
                (done, failure) -> {
                    if (failure != null) {
                        throw new IllegalStateException("cannot start series shard: replica keeper did not hand over"
                                + " its copy, id=" + entityId, failure);
                    }
                    return HandedOver.INSTANCE;
                });
        return Behaviors.receive(Command.class)
                .onMessageEquals(HandedOver.INSTANCE, () ->
                        new SeriesShard(ctx, entityId, clusterShard, env, timers).catchUp(stash))
                .onMessage(Command.class, command -> stashUnlessFull(stash, command))
                .build();
    }

    private static Behavior<Command> stashUnlessFull(StashBuffer<Command> stash, Command command) {
        if (stash.isFull()) {
            throw new IllegalStateException("cannot start series shard: too many commands while catching up, stashed="
                    + stash.size());
        }
        stash.stash(command);
        return Behaviors.same();
    }

    /** Runs {@link CatchUp} on the replayed journal; serves the stashed commands once it has caught up. */
    private Behavior<Command> catchUp(StashBuffer<Command> stash) {
        long replayedTo = journal.lastIndex();
        getContext().spawn(CatchUp.create(tableId, shard, journal, env.replication().peers(),
                env.replication().settings(), getContext().messageAdapter(CatchUp.Result.class, CaughtUp::new)),
                "catch-up");
        return Behaviors.receive(Command.class)
                .onMessage(CaughtUp.class, caught -> caughtUp(caught.result(), replayedTo, stash))
                .onMessage(Command.class, command -> stashUnlessFull(stash, command))
                .onSignal(PostStop.class, signal -> close())
                .onSignal(PreRestart.class, signal -> close())
                .build();
    }

    private Behavior<Command> caughtUp(CatchUp.Result result, long replayedTo, StashBuffer<Command> stash) {
        if (result instanceof CatchUp.StartOver startOver) {
            journal.close();
            ShardFiles.deleteTree(env.fileIo(), journal.directory());
            throw new IllegalStateException("series shard starts over from another copy: table=" + tableId + ", shard="
                    + shard + ", " + startOver.why());
        }
        if (result instanceof CatchUp.Failed failed) {
            throw new IllegalStateException("cannot catch up series shard: table=" + tableId + ", shard=" + shard + ", "
                    + failed.why());
        }
        CatchUp.CaughtUp caught = (CatchUp.CaughtUp) result;
        if (caught.appended() > 0) {
            journal.replayEntries(replayedTo, store.journalReplay());
            getContext().getLog().info("series shard caught up: table={}, shard={}, entries={}, from={}, {}", tableId,
                    shard, caught.appended(), caught.source(), store.stats(0));
        }
        long claimed = storage.checkpointing() ? claimCheckpoints() : ShardJournal.NO_SEQUENCE;
        replication = new ReplicationLink(tableId, shard, env.replication().settings(), env.replication().peers(),
                journal, getContext().messageAdapter(ReplicaMessages.Appended.class, ReplicaAnswered::new));
        env.localSeries().publish(tableId, shard, seriesValues);
        replication.released(claimed + 1);
        return stash.unstashAll(this);
    }

    /**
     * Checkpoints what the shard caught up to before it serves, so an earlier owner still running
     * elsewhere stops writing to the shared checkpoints (and a later owner replays less). The
     * replicas release what it covers with the first {@code Append}.
     */
    private long claimCheckpoints() {
        try {
            long covered = storage.claim(store);
            journal = storage.journal();
            getContext().getLog().info("series shard checkpointed on taking over: table={}, shard={}, sequence={},"
                    + " dir={}", tableId, shard, covered, storage.checkpointDirectory());
            return covered;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start series shard: cannot write its checkpoint, table=" + tableId
                    + ", shard=" + shard + ", dir=" + storage.checkpointDirectory(), e);
        }
    }

    public static String entityId(String tableId, int shard) {
        return tableId + "/" + shard;
    }

    private SeriesShard(ActorContext<Command> ctx, String entityId, ActorRef<ClusterSharding.ShardCommand> clusterShard,
                        ShardEnvironment env, TimerScheduler<Command> timers) {
        super(ctx);
        this.clusterShard = clusterShard;
        this.timers = timers;
        int slash = entityId.lastIndexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("cannot start series shard: entity id must be <tableId>/<shard>, id="
                    + entityId);
        }
        this.tableId = entityId.substring(0, slash);
        this.shard = Integer.parseInt(entityId.substring(slash + 1));
        this.env = env;
        ShardSettings settings = env.settings();
        this.store = new MemoryStore(tableId, settings.sealPoints(), settings.sealSpan().toNanos(),
                env.meters().table(tableId));
        this.checker = new DuplicateChecker(store, env.magnetic());
        boolean checkpointing = env.replication().replicated() ? env.replication().checkpointing()
                : settings.checkpoint().enabled();
        try {
            Path journalDir = ShardJournal.directory(env.dataDir(), tableId, shard);
            KryoPool kryo = WriteBatchSerializer.register(KryoPool.builder()).build();
            ShardStorage.Recovered recovered = checkpointing && env.replication().replicated()
                    ? ShardStorage.openReplicated(journalDir, env.replication().checkpointDirectory(tableId, shard),
                            env.journalOptions(), kryo, true, settings.checkpoint(), store)
                    : ShardStorage.open(journalDir, env.journalOptions(), kryo, checkpointing, settings.checkpoint(),
                            store);
            this.storage = recovered.storage();
            this.journal = storage.journal();
            ctx.getLog().info("series shard recovered: table={}, shard={}, checkpointSequence={}, entries={}, {}",
                    tableId, shard, recovered.coveredSequence(), recovered.replayedEntries(), store.stats(0));
        } catch (RuntimeException e) {
            store.release();
            throw e;
        }
        if (checkpointing) {
            timers.startTimerWithFixedDelay(CheckpointTick.INSTANCE, settings.checkpoint().maxInterval());
        }
        store.watchSeries(seriesValues::add);
        if (!env.replication().replicated()) {
            env.localSeries().publish(tableId, shard, seriesValues);
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Write.class, this::onWrite)
                .onMessageEquals(DrainWrites.INSTANCE, this::onDrainWrites)
                .onMessage(Scan.class, this::onScan)
                .onMessage(RunFragment.class, this::onRunFragment)
                .onMessage(Freeze.class, this::onFreeze)
                .onMessage(Commit.class, this::onCommit)
                .onMessage(GetStats.class, this::onGetStats)
                .onMessage(Drop.class, this::onDrop)
                .onMessageEquals(SyncJournal.INSTANCE, this::onSyncJournal)
                .onMessageEquals(CheckpointTick.INSTANCE, this::onCheckpointTick)
                .onMessage(ReplicaAnswered.class, this::onReplicaAnswered)
                .onMessage(RoundTimedOut.class, this::onRoundTimedOut)
                .onMessageEquals(Passivate.INSTANCE, Behaviors::stopped)
                .onSignal(PostStop.class, signal -> checkpointAndClose())
                .onSignal(PreRestart.class, signal -> close())
                .build();
    }

    private Behavior<Command> onWrite(Write write) {
        if (pending.size() >= env.settings().maxPendingWrites()) {
            write.replyTo().tell(StatusReply.error(EngineException.throttling("cannot accept write: shard busy, table="
                    + tableId + ", shard=" + shard + ", pendingWrites=" + pending.size())));
            return this;
        }
        pending.add(write);
        if (!drainScheduled) {
            drainScheduled = true;
            getContext().getSelf().tell(DrainWrites.INSTANCE);
        }
        return this;
    }

    /**
     * Group commit: checks, journals and applies every queued write in order (each check sees the
     * rows applied before it), then applies the fsync policy once and acknowledges them all.
     */
    private Behavior<Command> onDrainWrites() {
        drainScheduled = false;
        if (!roundWrites.isEmpty()) {
            return this; // drained when the replicas have answered for the run in flight
        }
        long lastSequence = journal.lastSequence();
        List<Write> done = new ArrayList<>(pending.size());
        List<ShardWriteResult> results = new ArrayList<>(pending.size());
        while (!pending.isEmpty()) {
            Write write = pending.poll();
            ShardWriteResult result = journalAndApply(write, done);
            if (result != null) {
                done.add(write);
                results.add(result);
            }
        }
        boolean replicate = replication != null && journal.lastSequence() > lastSequence;
        if (replicate) {
            replication.startRound(); // the replicas write while the local journal syncs
        }
        try {
            journal.applyFsyncPolicy();
        } catch (Exception e) {
            throw failAll(done, "cannot sync journal", e);
        }
        if (replicate && !replication.quorumReached()) {
            roundWrites.addAll(done);
            roundResults.addAll(results);
            timers.startSingleTimer(RoundTimedOut.class, new RoundTimedOut(++round),
                    env.replication().settings().timeout());
            return this;
        }
        for (int i = 0; i < done.size(); i++) {
            done.get(i).replyTo().tell(StatusReply.success(results.get(i)));
        }
        if (storage.checkpointDue()) {
            checkpoint();
        }
        return this;
    }

    private Behavior<Command> onReplicaAnswered(ReplicaAnswered answered) {
        if (replication.onAppended(answered.reply()) == ReplicationLink.Outcome.REPLICA_AHEAD) {
            throw failAll(List.of(), "cannot write: a replica holds entries this copy lacks, catching up",
                    new IllegalStateException("replica " + answered.reply().keeper() + " ends at sequence "
                            + answered.reply().lastSequence() + ", this copy at " + journal.lastSequence()));
        }
        if (!roundWrites.isEmpty() && replication.quorumReached()) {
            timers.cancel(RoundTimedOut.class);
            for (int i = 0; i < roundWrites.size(); i++) {
                roundWrites.get(i).replyTo().tell(StatusReply.success(roundResults.get(i)));
            }
            endRound();
            if (storage.checkpointDue()) {
                checkpoint();
            }
        }
        return this;
    }

    private Behavior<Command> onRoundTimedOut(RoundTimedOut timedOut) {
        if (timedOut.round() != round || roundWrites.isEmpty()) {
            return this;
        }
        EngineException failure = EngineException.throttling("cannot write: replication quorum not reached, copies="
                + replication.copies() + " of " + env.replication().settings().factor() + ", needed="
                + env.replication().settings().quorum() + ", table=" + tableId + ", shard=" + shard + ", replicas="
                + replication.describeRound() + ", timeout=" + env.replication().settings().timeout()
                + " (the rows are in this node's journal and may appear in reads; an identical retry is idempotent)");
        for (Write write : roundWrites) {
            write.replyTo().tell(StatusReply.error(failure));
        }
        endRound();
        return this;
    }

    /** Clears the run in flight and handles the writes that queued meanwhile. */
    private void endRound() {
        roundWrites.clear();
        roundResults.clear();
        if (!pending.isEmpty() && !drainScheduled) {
            drainScheduled = true;
            getContext().getSelf().tell(DrainWrites.INSTANCE);
        }
    }

    /**
     * Checks, journals (not yet synced) and applies one write; returns its result, or null when it
     * was refused (already answered).
     */
    private ShardWriteResult journalAndApply(Write write, List<Write> unacknowledged) {
        CheckedBatch checked;
        try {
            checked = checker.check(write.batch());
        } catch (EngineException e) {
            write.replyTo().tell(StatusReply.error(e));
            return null;
        }
        WriteBatch toStore = checked.toStore();
        if (toStore != null) {
            long index;
            try {
                index = journal.appendDeferringSync(toStore);
            } catch (RejectedEntryException e) {
                write.replyTo().tell(StatusReply.error(EngineException.validation("cannot write batch: too large for"
                        + " one journal entry, table=" + tableId + ", shard=" + shard + ", rows=" + toStore.rowCount())));
                return null;
            } catch (Exception e) {
                // Chronicle Queue also throws checked I/O exceptions it does not declare (a full disk,
                // a cycle file it cannot create)
                unacknowledged.add(write);
                throw failAll(unacknowledged, "cannot journal write", e);
            }
            store.apply(toStore, index);
        }
        return new ShardWriteResult(checked.rejections());
    }

    /**
     * Answers INTERNAL to {@code writes} and every queued write, and returns the failure that
     * restarts the shard: the restarted shard holds exactly what the journal holds.
     */
    private RuntimeException failAll(List<Write> writes, String what, Exception cause) {
        EngineException failure = internal(what, cause);
        for (Write write : writes) {
            write.replyTo().tell(StatusReply.error(failure));
        }
        for (Write write : roundWrites) {
            write.replyTo().tell(StatusReply.error(failure));
        }
        roundWrites.clear();
        while (!pending.isEmpty()) {
            pending.poll().replyTo().tell(StatusReply.error(failure));
        }
        return failure;
    }

    private Behavior<Command> onScan(Scan scan) {
        List<SeriesChunks> snapshot = store.scan(scan.fromNanos(), scan.toNanos());
        // an asker on another node takes the answer in parts that fit a remoting frame
        scan.replyTo().tell(StatusReply.success(scan.replyTo().path().address().hasLocalScope()
                ? new ScannedChunks(snapshot)
                : ScanParts.firstPart(getContext(), snapshot, ScanParts.partBytes(getContext().getSystem().settings()
                        .config()))));
        return this;
    }

    /** Hands the snapshot to the fragment host, which runs off this thread and answers the asker itself. */
    private Behavior<Command> onRunFragment(RunFragment run) {
        FragmentHost host = env.fragments().host().orElse(null);
        if (host == null) {
            run.replyTo().tell(StatusReply.success(new FragmentDeclined("no query engine on this node")));
            return this;
        }
        List<SeriesChunks> snapshot = store.scan(run.fromNanos(), run.toNanos());
        host.run(run.fragment(), tableId, shard, snapshot).whenComplete((answer, failure) ->
                run.replyTo().tell(failure == null ? StatusReply.success(answer) : StatusReply.error(failure)));
        return this;
    }

    private Behavior<Command> onFreeze(Freeze freeze) {
        long migrationId = Math.max(store.lastMigrationId() + 1, env.clock().millis());
        try {
            journal.appendMigrationFrozen(migrationId, freeze.cutoffNanos());
        } catch (Exception e) {
            EngineException failure = internal("cannot freeze for migration", e);
            freeze.replyTo().tell(StatusReply.error(failure));
            throw failure;
        }
        FrozenChunks frozen = store.freeze(migrationId, freeze.cutoffNanos());
        freeze.replyTo().tell(StatusReply.success(freeze.replyTo().path().address().hasLocalScope() ? frozen
                : ScanParts.firstPart(getContext(), frozen, ScanParts.partBytes(getContext().getSystem().settings()
                        .config()))));
        if (replication != null) {
            replication.ship();
        }
        return this;
    }

    private Behavior<Command> onCommit(Commit commit) {
        long migrationId = commit.migrationId();
        if (migrationId != store.pendingMigrationId()) {
            if (migrationId != MemoryStore.NO_MIGRATION && migrationId <= store.lastMigrationId()) {
                // committed before (a retried commit) or superseded by a later freeze holding its points
                commit.replyTo().tell(StatusReply.success(Done.getInstance()));
            } else {
                commit.replyTo().tell(StatusReply.error(EngineException.conflict("cannot commit migration: unknown"
                        + " migration id, table=" + tableId + ", shard=" + shard + ", migrationId=" + migrationId
                        + ", pending=" + store.pendingMigrationId())));
            }
            return this;
        }
        try {
            journal.appendMigrationCommitted(migrationId);
        } catch (Exception e) {
            EngineException failure = internal("cannot commit migration", e);
            commit.replyTo().tell(StatusReply.error(failure));
            throw failure;
        }
        store.commit(migrationId);
        if (storage.checkpointing()) {
            // the committed chunks leave the next checkpoint, and the journal goes with it
            checkpoint();
        } else if (!storage.hasCheckpoint()) {
            releaseJournal();
        }
        if (replication != null) {
            replication.ship();
        }
        commit.replyTo().tell(StatusReply.success(Done.getInstance()));
        return this;
    }

    /** Releases the journal cycles nothing in memory needs (and has the replicas follow). */
    private void releaseJournal() {
        long lowest = store.lowestJournalIndex();
        try {
            journal.releaseBefore(lowest == Long.MAX_VALUE ? journal.lastIndex() + 1 : lowest);
            if (replication != null) {
                replication.released(lowest == Long.MAX_VALUE ? journal.lastSequence() + 1 : journal.sequenceAt(lowest));
            }
        } catch (Exception e) {
            // the commit stands; the cycles are released by a later commit
            getContext().getLog().warn("cannot release journal cycles: table={}, shard={}", tableId, shard, e);
        }
    }

    private Behavior<Command> onCheckpointTick() {
        checkpoint();
        return this;
    }

    /**
     * Checkpoints the memory store and starts the journal afresh, when the journal holds anything
     * new. A checkpoint that cannot be written is logged and the journal kept whole; a journal that
     * cannot be started afresh restarts the shard, whose recovery finishes the job.
     */
    private void checkpoint() {
        try {
            long covered = storage.checkpoint(store);
            if (replication != null && covered != ShardJournal.NO_SEQUENCE) {
                // only now that the checkpoint is durable may the copies drop what it covers
                replication.released(covered + 1);
                replication.ship();
            }
        } catch (IOException e) {
            getContext().getLog().warn("cannot checkpoint memory store, the journal is kept: table={}, shard={}",
                    tableId, shard, e);
        } catch (RuntimeException e) {
            throw failAll(List.of(), "cannot checkpoint memory store", e);
        }
        journal = storage.journal();
    }

    /**
     * Graceful stop: checkpoints everything, open chunks included, so the journal is left empty. Not
     * a replicated shard: a node stops its shards also when it was downed, and the shard's new owner
     * may be writing to the shared checkpoints by then.
     */
    private Behavior<Command> checkpointAndClose() {
        if (storage.checkpointing() && !env.replication().replicated()) {
            try {
                storage.checkpoint(store);
                journal = storage.journal();
            } catch (IOException | RuntimeException e) {
                getContext().getLog().warn("cannot checkpoint memory store on stop, recovery replays the journal:"
                        + " table={}, shard={}", tableId, shard, e);
            }
        }
        return close();
    }

    private EngineException internal(String what, Exception cause) {
        return EngineException.internal(what + ": journal failed, table=" + tableId + ", shard=" + shard + ", dir="
                + journal.directory() + ", cause=" + cause, cause);
    }

    private Behavior<Command> onGetStats(GetStats get) {
        get.replyTo().tell(StatusReply.success(store.stats(ShardFiles.bytes(env.fileIo(), journal.directory()))));
        return this;
    }

    private Behavior<Command> onDrop(Drop drop) {
        close();
        Path shardDir = journal.directory().getParent();
        StatusReply<Done> reply;
        try {
            ShardFiles.deleteTree(env.fileIo(), shardDir);
            if (env.replication().checkpointing()) {
                dropSharedCheckpoints();
            }
            reply = StatusReply.success(Done.getInstance());
        } catch (RuntimeException e) {
            reply = StatusReply.error(EngineException.internal("cannot drop shard: table=" + tableId + ", shard="
                    + shard + ", dir=" + shardDir, e));
        }
        if (!env.replication().replicated()) {
            return dropped(drop, reply);
        }
        return dropCopies(drop, reply);
    }

    /** Deletes the shard's checkpoints on the shared root, and the table's directory there once empty. */
    private void dropSharedCheckpoints() {
        ShardFiles.deleteTree(env.fileIo(), env.replication().checkpointDirectory(tableId, shard));
        Path tableDir = env.replication().checkpointTableDirectory(tableId);
        try {
            if (env.fileIo().exists(tableDir) && env.fileIo().list(tableDir, "*").isEmpty()) {
                env.fileIo().delete(tableDir);
            }
        } catch (IOException e) {
            // another shard of the table removed it meanwhile, or still holds files there
            getContext().getLog().debug("table checkpoint directory kept: dir={}", tableDir, e);
        }
    }

    /**
     * Asks every other member's keeper to delete its copy (any node that was ever a replica may hold
     * one) and answers the drop once all have answered or the replication timeout has passed. A node
     * that does not answer keeps a stale copy, which nothing reads: a table id is never reused.
     */
    private Behavior<Command> dropCopies(Drop drop, StatusReply<Done> reply) {
        ReplicaPeers peers = env.replication().peers();
        Set<String> waiting = new HashSet<>();
        ActorRef<ReplicaMessages.CopyDropped> answers = getContext().messageAdapter(ReplicaMessages.CopyDropped.class,
                CopyDropAnswered::new);
        for (ActorRef<ReplicaMessages.KeeperCommand> keeper : peers.others()) {
            waiting.add(peers.describe(keeper));
            keeper.tell(new ReplicaMessages.DropCopy(tableId, shard, answers));
        }
        if (waiting.isEmpty()) {
            return dropped(drop, reply);
        }
        timers.startSingleTimer(CopyDropsTimedOut.INSTANCE, env.replication().settings().timeout());
        return Behaviors.receive(Command.class)
                .onMessage(CopyDropAnswered.class, answered -> {
                    String node = peers.describe(answered.reply().keeper());
                    waiting.remove(node);
                    if (!answered.reply().deleted()) {
                        getContext().getLog().warn("replica copy of dropped shard not deleted: table={}, shard={},"
                                + " node={}", tableId, shard, node);
                    }
                    return waiting.isEmpty() ? dropped(drop, reply) : Behaviors.same();
                })
                .onMessageEquals(CopyDropsTimedOut.INSTANCE, () -> {
                    getContext().getLog().warn("replica copies of dropped shard may stay on nodes that did not answer:"
                            + " table={}, shard={}, nodes={}", tableId, shard, waiting);
                    return dropped(drop, reply);
                })
                .onMessageEquals(Passivate.INSTANCE, () -> {
                    drop.replyTo().tell(reply);
                    return Behaviors.stopped();
                })
                .onMessage(Command.class, this::refuseDropped)
                .build();
    }

    /** Answers the drop and stops, first passivating so new messages go to the next incarnation. */
    private Behavior<Command> dropped(Drop drop, StatusReply<Done> reply) {
        timers.cancel(CopyDropsTimedOut.INSTANCE);
        drop.replyTo().tell(reply);
        if (clusterShard == null) {
            return Behaviors.stopped();
        }
        // passivating makes the shard buffer new messages for the next incarnation until this one stops
        clusterShard.tell(new ClusterSharding.Passivate<>(getContext().getSelf()));
        return Behaviors.receive(Command.class)
                .onMessageEquals(Passivate.INSTANCE, Behaviors::stopped)
                .onMessage(Command.class, this::refuseDropped)
                .build();
    }

    /** Answers a message that reached the shard between its drop and its stop. */
    private Behavior<Command> refuseDropped(Command command) {
        EngineException dropped = EngineException.notFound("cannot serve shard: dropped, table=" + tableId + ", shard="
                + shard);
        if (command instanceof Write w) {
            w.replyTo().tell(StatusReply.error(dropped));
        } else if (command instanceof Scan s) {
            s.replyTo().tell(StatusReply.error(dropped));
        } else if (command instanceof RunFragment r) {
            r.replyTo().tell(StatusReply.error(dropped));
        } else if (command instanceof Freeze f) {
            f.replyTo().tell(StatusReply.error(dropped));
        } else if (command instanceof Commit c) {
            c.replyTo().tell(StatusReply.error(dropped));
        } else if (command instanceof GetStats g) {
            g.replyTo().tell(StatusReply.error(dropped));
        } else if (command instanceof Drop d) {
            d.replyTo().tell(StatusReply.success(Done.getInstance()));
        }
        return Behaviors.same();
    }

    private Behavior<Command> onSyncJournal() {
        journal.sync();
        return this;
    }

    private Behavior<Command> close() {
        env.localSeries().withdraw(tableId, shard, seriesValues);
        storage.close();
        store.release();
        if (env.replication().replicated()) {
            env.replication().peers().local().tell(new ReplicaMessages.TakeBack(tableId, shard));
        }
        return this;
    }
}
