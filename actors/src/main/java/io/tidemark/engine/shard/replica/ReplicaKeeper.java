package io.tidemark.engine.shard.replica;

import io.tidemark.engine.shard.replica.ReplicaMessages.Append;
import io.tidemark.engine.shard.replica.ReplicaMessages.Appended;
import io.tidemark.engine.shard.replica.ReplicaMessages.CloseIdle;
import io.tidemark.engine.shard.replica.ReplicaMessages.CopyDropped;
import io.tidemark.engine.shard.replica.ReplicaMessages.CopyStatus;
import io.tidemark.engine.shard.replica.ReplicaMessages.DropCopy;
import io.tidemark.engine.shard.replica.ReplicaMessages.GetCopy;
import io.tidemark.engine.shard.replica.ReplicaMessages.HandOver;
import io.tidemark.engine.shard.replica.ReplicaMessages.KeeperCommand;
import io.tidemark.engine.shard.replica.ReplicaMessages.Page;
import io.tidemark.engine.shard.replica.ReplicaMessages.Read;
import io.tidemark.engine.shard.replica.ReplicaMessages.TakeBack;
import io.tidemark.storage.journal.JournalEntry;
import io.tidemark.storage.journal.JournalOptions;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.storage.journal.WriteBatchSerializer;
import io.tidemark.storage.serialization.KryoPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * A node's keeper of the shard journal copies it holds for shards whose entity runs elsewhere (at
 * {@code /system/replica-keeper}). A copy lives where the node's own entity would keep the journal,
 * {@link ShardJournal#directory}, so a node holds at most one copy per shard and an entity starting
 * on this node starts from it. The keeper appends what primaries send ({@link Append}: only when
 * the copy ends where the primary says it does, so copies never have gaps or diverge silently),
 * syncs it by the journal's fsync policy before answering, releases what the primary released,
 * and answers catch-up reads ({@link GetCopy}, {@link Read}). When the shard's entity starts on
 * this node it asks the keeper to {@link HandOver} the copy (closed, then left alone until
 * {@link TakeBack}). When the shard's table is deleted, its primary asks every keeper to
 * {@link DropCopy} it. A copy no message used between two ticks of
 * {@link ReplicationSettings#idleCopyClose()} is closed, and reopened by its next use.
 * Protocol: docs/architecture.md §7.
 */
public final class ReplicaKeeper extends AbstractBehavior<KeeperCommand> {

    private final Path dataDir;
    private final JournalOptions options;
    private final ReplicationSettings settings;
    private final KryoPool kryo = WriteBatchSerializer.register(KryoPool.builder()).build();
    private final Map<String, ShardJournal> copies = new HashMap<>();
    private final Set<String> hosted = new HashSet<>();
    /** Per copy, the release point already applied, so an unchanged one costs nothing. */
    private final Map<String, Long> released = new HashMap<>();
    /** The copies opened or used since the last {@link CloseIdle} tick. */
    private final Set<String> usedSinceTick = new HashSet<>();

    private ReplicaKeeper(ActorContext<KeeperCommand> ctx, Path dataDir, JournalOptions options,
                          ReplicationSettings settings) {
        super(ctx);
        this.dataDir = dataDir;
        this.options = options;
        this.settings = settings;
    }

    public static Behavior<KeeperCommand> create(Path dataDir, JournalOptions options, ReplicationSettings settings) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(CloseIdle.INSTANCE, settings.idleCopyClose());
            return new ReplicaKeeper(ctx, dataDir, options, settings);
        }));
    }

    @Override
    public Receive<KeeperCommand> createReceive() {
        return newReceiveBuilder()
                .onMessage(Append.class, this::onAppend)
                .onMessage(GetCopy.class, this::onGetCopy)
                .onMessage(Read.class, this::onRead)
                .onMessage(HandOver.class, this::onHandOver)
                .onMessage(TakeBack.class, this::onTakeBack)
                .onMessage(DropCopy.class, this::onDropCopy)
                .onMessage(CloseIdle.class, tick -> onCloseIdle())
                .onSignal(PostStop.class, signal -> closeAll())
                .build();
    }

    private static String key(String tableId, int shard) {
        return tableId + "/" + shard;
    }

    private Behavior<KeeperCommand> onAppend(Append m) {
        String key = key(m.tableId(), m.shard());
        if (hosted.contains(key)) {
            m.replyTo().tell(new Appended(m.tableId(), m.shard(), false, ReplicaMessages.UNAVAILABLE, 0, getContext().getSelf()));
            return this;
        }
        try {
            if (m.fromScratch()) {
                discard(m.tableId(), m.shard());
            }
            ShardJournal copy = open(m.tableId(), m.shard(), true);
            boolean matches = m.fromScratch() || (copy.lastSequence() == m.prevSequence()
                    && (m.prevSequence() == ShardJournal.NO_SEQUENCE || copy.lastChecksum() == m.prevChecksum()));
            if (matches) {
                for (JournalEntry entry : m.entries()) {
                    copy.appendReplicated(entry);
                }
                copy.applyFsyncPolicy();
                release(key, copy, m.releaseBeforeSequence());
            }
            m.replyTo().tell(new Appended(m.tableId(), m.shard(), matches, copy.lastSequence(), copy.lastChecksum(),
                    getContext().getSelf()));
        } catch (RuntimeException e) {
            fail(key, "append to", e);
            m.replyTo().tell(new Appended(m.tableId(), m.shard(), false, ReplicaMessages.UNAVAILABLE, 0, getContext().getSelf()));
        }
        return this;
    }

    private void release(String key, ShardJournal copy, long beforeSequence) {
        if (beforeSequence > released.getOrDefault(key, ShardJournal.NO_SEQUENCE)) {
            copy.releaseBeforeSequence(beforeSequence);
            released.put(key, beforeSequence);
        }
    }

    private Behavior<KeeperCommand> onGetCopy(GetCopy m) {
        String key = key(m.tableId(), m.shard());
        try {
            ShardJournal copy = hosted.contains(key) ? null : open(m.tableId(), m.shard(), false);
            if (hosted.contains(key)) {
                m.replyTo().tell(new CopyStatus(m.tableId(), m.shard(), 0, ReplicaMessages.UNAVAILABLE, 0, getContext().getSelf()));
            } else if (copy == null) {
                m.replyTo().tell(new CopyStatus(m.tableId(), m.shard(), 1, ShardJournal.NO_SEQUENCE, 0, getContext().getSelf()));
            } else {
                m.replyTo().tell(new CopyStatus(m.tableId(), m.shard(), copy.firstSequence(), copy.lastSequence(),
                        copy.lastChecksum(), getContext().getSelf()));
            }
        } catch (RuntimeException e) {
            fail(key, "read", e);
            m.replyTo().tell(new CopyStatus(m.tableId(), m.shard(), 0, ReplicaMessages.UNAVAILABLE, 0, getContext().getSelf()));
        }
        return this;
    }

    private Behavior<KeeperCommand> onRead(Read m) {
        String key = key(m.tableId(), m.shard());
        try {
            ShardJournal copy = hosted.contains(key) ? null : open(m.tableId(), m.shard(), false);
            if (hosted.contains(key)) {
                m.replyTo().tell(new Page(m.tableId(), m.shard(), false, List.of(), ReplicaMessages.UNAVAILABLE));
            } else if (copy == null) {
                m.replyTo().tell(new Page(m.tableId(), m.shard(), m.afterSequence() == ShardJournal.NO_SEQUENCE,
                        List.of(), ShardJournal.NO_SEQUENCE));
            } else {
                ShardJournal.EntryPage page = m.fromStart() ? readFrom(copy, m.afterSequence())
                        : copy.readAfter(m.afterSequence(), m.afterChecksum(), settings.pageEntries(), settings.pageBytes());
                m.replyTo().tell(new Page(m.tableId(), m.shard(), page.anchored(), page.entries(), copy.lastSequence()));
            }
        } catch (RuntimeException e) {
            fail(key, "read", e);
            m.replyTo().tell(new Page(m.tableId(), m.shard(), false, List.of(), ReplicaMessages.UNAVAILABLE));
        }
        return this;
    }

    /**
     * The first page of the entries after {@code afterSequence} for a reader holding none (see
     * {@link Read}): from the copy's first entry when {@code afterSequence} is
     * {@link ShardJournal#NO_SEQUENCE}, else only when the copy holds entry {@code afterSequence + 1}
     * or ends at {@code afterSequence}; not anchored when the copy has a gap there or ends before it.
     */
    private ShardJournal.EntryPage readFrom(ShardJournal copy, long afterSequence) {
        if (afterSequence == ShardJournal.NO_SEQUENCE || copy.firstSequence() == afterSequence + 1) {
            return copy.lastSequence() == afterSequence ? new ShardJournal.EntryPage(true, List.of())
                    : copy.readFirst(settings.pageEntries(), settings.pageBytes());
        }
        if (copy.firstSequence() <= afterSequence && afterSequence <= copy.lastSequence()) {
            return copy.readAfter(afterSequence, copy.checksumAt(afterSequence), settings.pageEntries(),
                    settings.pageBytes());
        }
        return new ShardJournal.EntryPage(false, List.of());
    }

    private Behavior<KeeperCommand> onHandOver(HandOver m) {
        String key = key(m.tableId(), m.shard());
        hosted.add(key);
        close(key);
        m.replyTo().tell(Done.getInstance());
        return this;
    }

    private Behavior<KeeperCommand> onTakeBack(TakeBack m) {
        hosted.remove(key(m.tableId(), m.shard()));
        return this;
    }

    /**
     * Deletes the copy of a dropped shard, then the table's directory once no other shard of it is
     * left. A copy hosted by an entity on this node is that entity's to delete.
     */
    private Behavior<KeeperCommand> onDropCopy(DropCopy m) {
        String key = key(m.tableId(), m.shard());
        boolean deleted = false;
        if (hosted.contains(key)) {
            getContext().getLog().warn("cannot drop replica copy: hosted by the shard on this node, shard={}", key);
        } else {
            close(key);
            released.remove(key);
            try {
                Path shardDir = ShardJournal.directory(dataDir, m.tableId(), m.shard()).getParent();
                Path tableDir = shardDir.getParent();
                options.fileIo().deleteTree(shardDir);
                if (options.fileIo().list(tableDir, "*").isEmpty()) {
                    options.fileIo().delete(tableDir);
                }
                deleted = true;
                getContext().getLog().info("replica copy dropped: table={}, shard={}", m.tableId(), m.shard());
            } catch (IOException | RuntimeException e) {
                getContext().getLog().warn("cannot drop replica copy: shard={}", key, e);
            }
        }
        m.replyTo().tell(new CopyDropped(m.tableId(), m.shard(), deleted, getContext().getSelf()));
        return this;
    }

    private Behavior<KeeperCommand> onCloseIdle() {
        List<String> idle = copies.keySet().stream().filter(key -> !usedSinceTick.contains(key)).toList();
        idle.forEach(this::close);
        usedSinceTick.clear();
        if (!idle.isEmpty()) {
            getContext().getLog().debug("closed idle replica copies: {}", idle);
        }
        return this;
    }

    /** The open copy; opened on first use. Null when {@code create} is false and the node holds no copy. */
    private ShardJournal open(String tableId, int shard, boolean create) {
        String key = key(tableId, shard);
        usedSinceTick.add(key);
        ShardJournal copy = copies.get(key);
        if (copy == null) {
            Path dir = ShardJournal.directory(dataDir, tableId, shard);
            if (!create && !options.fileIo().exists(dir)) {
                return null;
            }
            copy = ShardJournal.open(dir, options, kryo);
            copies.put(key, copy);
        }
        return copy;
    }

    /** Deletes the copy: the primary found it diverged, or so far behind that it starts over. */
    private void discard(String tableId, int shard) {
        String key = key(tableId, shard);
        close(key);
        released.remove(key);
        Path dir = ShardJournal.directory(dataDir, tableId, shard);
        try {
            options.fileIo().deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot discard shard journal copy: dir=" + dir, e);
        }
        getContext().getLog().info("replica copy discarded to start over: table={}, shard={}", tableId, shard);
    }

    private void fail(String key, String what, RuntimeException e) {
        getContext().getLog().warn("cannot {} shard journal copy: shard={}", what, key, e);
        close(key);
    }

    private void close(String key) {
        ShardJournal copy = copies.remove(key);
        if (copy != null) {
            copy.close();
        }
    }

    private Behavior<KeeperCommand> closeAll() {
        copies.values().forEach(ShardJournal::close);
        copies.clear();
        return this;
    }
}
