package io.tidemark.engine.shard;

import io.tidemark.engine.EngineException;
import io.tidemark.storage.journal.FsyncPolicy;
import io.tidemark.storage.journal.JournalOptions;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.journal.WriteBatchSerializer;
import io.tidemark.storage.queue.RejectedEntryException;
import io.tidemark.storage.serialization.KryoPool;
import io.tidemark.storage.serialization.KryoSerializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
 * is not applied, and memory again holds exactly what the journal holds. Journal and Chronicle
 * Queue Javadoc: <a href="../../../../../../../../docs/formats/journal-entry.md">journal-entry.md</a>.
 */
public final class SeriesShard extends AbstractBehavior<SeriesShard.Command> {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "series-shard");

    public sealed interface Command extends KryoSerializable permits Write, Scan, Freeze, Commit, GetStats, Drop,
            Passivate, DrainWrites, SyncJournal {
    }

    /** Journal, apply, then answer which rows were refused. */
    public record Write(WriteBatch batch, ActorRef<StatusReply<ShardWriteResult>> replyTo) implements Command {
    }

    public record Scan(long fromNanos, long toNanos, ActorRef<StatusReply<ScannedChunks>> replyTo)
            implements Command {
    }

    public record Freeze(long cutoffNanos, ActorRef<StatusReply<FrozenChunks>> replyTo) implements Command {
    }

    public record Commit(long migrationId, ActorRef<StatusReply<Done>> replyTo) implements Command {
    }

    public record GetStats(ActorRef<StatusReply<ShardStats>> replyTo) implements Command {
    }

    /** Close the journal, delete the shard's files and stop: the table is being deleted. */
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
    private final ShardJournal journal;
    private final MemoryStore store;
    private final DuplicateChecker checker;
    private final ArrayDeque<Write> pending = new ArrayDeque<>();
    private boolean drainScheduled;

    /** The entity behaviour, restarted with backoff on failure (re-opening and replaying the journal). */
    public static Behavior<Command> create(String entityId, ActorRef<ClusterSharding.ShardCommand> clusterShard,
                                           ShardEnvironment env) {
        return Behaviors.supervise(Behaviors.<Command>setup(ctx -> Behaviors.withTimers(timers -> {
            if (env.settings().fsync().mode() == FsyncPolicy.Mode.INTERVAL) {
                timers.startTimerWithFixedDelay(SyncJournal.INSTANCE, env.settings().fsync().interval());
            }
            return new SeriesShard(ctx, entityId, clusterShard, env);
        }))).onFailure(SupervisorStrategy.restartWithBackoff(MIN_BACKOFF, MAX_BACKOFF, 0.2));
    }

    public static String entityId(String tableId, int shard) {
        return tableId + "/" + shard;
    }

    private SeriesShard(ActorContext<Command> ctx, String entityId, ActorRef<ClusterSharding.ShardCommand> clusterShard,
                        ShardEnvironment env) {
        super(ctx);
        this.clusterShard = clusterShard;
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
        JournalOptions options = new JournalOptions(settings.rollCycle(), settings.fsync(), env.clock()::millis,
                env.fileIo());
        this.journal = ShardJournal.open(ShardJournal.directory(env.dataDir(), tableId, shard), options,
                WriteBatchSerializer.register(KryoPool.builder()).build());
        try {
            long entries = journal.replayEntries(ShardJournal.NO_INDEX, new Replay());
            ctx.getLog().info("series shard recovered: table={}, shard={}, entries={}, {}", tableId, shard, entries,
                    store.stats(0));
        } catch (Exception e) {
            journal.close();
            store.release();
            throw e;
        }
    }

    /** Rebuilds the memory store from the journal exactly as the live calls built it. */
    private final class Replay implements ShardJournal.EntryVisitor {
        @Override
        public void batch(long index, WriteBatch batch) {
            store.apply(batch, index);
        }

        @Override
        public void migrationFrozen(long index, long migrationId, long cutoffNanos) {
            store.freeze(migrationId, cutoffNanos);
        }

        @Override
        public void migrationCommitted(long index, long migrationId) {
            store.commit(migrationId);
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Write.class, this::onWrite)
                .onMessageEquals(DrainWrites.INSTANCE, this::onDrainWrites)
                .onMessage(Scan.class, this::onScan)
                .onMessage(Freeze.class, this::onFreeze)
                .onMessage(Commit.class, this::onCommit)
                .onMessage(GetStats.class, this::onGetStats)
                .onMessage(Drop.class, this::onDrop)
                .onMessageEquals(SyncJournal.INSTANCE, this::onSyncJournal)
                .onMessageEquals(Passivate.INSTANCE, Behaviors::stopped)
                .onSignal(PostStop.class, signal -> close())
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
        try {
            journal.applyFsyncPolicy();
        } catch (Exception e) {
            throw failAll(done, "cannot sync journal", e);
        }
        for (int i = 0; i < done.size(); i++) {
            done.get(i).replyTo().tell(StatusReply.success(results.get(i)));
        }
        return this;
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
        long lowest = store.lowestJournalIndex();
        try {
            journal.releaseBefore(lowest == Long.MAX_VALUE ? journal.lastIndex() + 1 : lowest);
        } catch (Exception e) {
            // the commit stands; the cycles are released by a later commit
            getContext().getLog().warn("cannot release journal cycles: table={}, shard={}", tableId, shard, e);
        }
        commit.replyTo().tell(StatusReply.success(Done.getInstance()));
        return this;
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
        try {
            ShardFiles.deleteTree(env.fileIo(), shardDir);
            drop.replyTo().tell(StatusReply.success(Done.getInstance()));
        } catch (RuntimeException e) {
            drop.replyTo().tell(StatusReply.error(EngineException.internal("cannot drop shard: table=" + tableId
                    + ", shard=" + shard + ", dir=" + shardDir, e)));
        }
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
        journal.close();
        store.release();
        return this;
    }
}
