package io.tidemark.storage.journal;

import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.queue.FrameReader;
import io.tidemark.storage.queue.FramedQueue;
import io.tidemark.storage.queue.QueueSettings;
import io.tidemark.storage.serialization.KryoPool;
import java.nio.file.Path;

/**
 * The write-ahead journal of one series shard: a {@link FramedQueue} in the shard's journal
 * directory, each entry a batch framed as in
 * <a href="../../../../../../../../docs/formats/journal-entry.md">docs/formats/journal-entry.md</a>.
 *
 * <p>Crash contract: when {@link #append} returns, the batch is in the memory-mapped cycle file,
 * so it survives a process crash; the {@link FsyncPolicy} decides whether it also survives a power
 * loss. On open, damaged entries at the very end (a torn or corrupt tail) are logged and cut by a
 * cut marker, so every later replay skips them even after new appends. A damaged entry that is
 * followed by intact data and not covered by a cut marker is damage in the middle: replay stops
 * with a {@link CorruptionException} naming the file and index rather than silently dropping or
 * skipping data; the files are left untouched. {@link FramedQueue} does all of this.
 *
 * <p>Not thread-safe: one owner (the shard actor) calls it, from any thread, one call at a time.
 */
public final class ShardJournal implements AutoCloseable {

    /** The index before every entry: {@code replay(NO_INDEX, …)} replays the whole journal. */
    public static final long NO_INDEX = FramedQueue.NO_INDEX;

    private final FramedQueue queue;
    private final FsyncPolicy fsync;
    private final BatchEntryCodec codec;
    private long lastSyncNanos = System.nanoTime();

    private ShardJournal(FramedQueue queue, FsyncPolicy fsync, KryoPool kryo) {
        this.queue = queue;
        this.fsync = fsync;
        this.codec = new BatchEntryCodec(kryo);
    }

    /**
     * The journal directory of one shard: {@code <dataDir>/shards/<table-id>/<shard>/journal}.
     *
     * @throws IllegalArgumentException if the table id is not a plain file name (it would lead
     *     out of the shard's directory) or the shard is negative
     */
    public static Path directory(Path dataDir, String tableId, int shard) {
        if (shard < 0) {
            throw new IllegalArgumentException("cannot place shard journal: shard must not be negative, tableId="
                    + tableId + ", shard=" + shard);
        }
        return tableDirectory(dataDir, tableId).resolve(Integer.toString(shard)).resolve("journal");
    }

    /**
     * The directory of every shard of one table, {@code <dataDir>/shards/<table-id>}: deleting it
     * deletes the table's journals.
     *
     * @throws IllegalArgumentException if the table id is not a plain file name (it would lead
     *     out of the shards directory)
     */
    public static Path tableDirectory(Path dataDir, String tableId) {
        if (tableId.isEmpty() || tableId.equals(".") || tableId.equals("..") || tableId.indexOf('/') >= 0
                || tableId.indexOf('\\') >= 0 || tableId.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("cannot place shard journal: table id must be a plain file name,"
                    + " tableId=" + tableId);
        }
        return dataDir.resolve("shards").resolve(tableId);
    }

    /**
     * Opens (creating if needed) the journal in {@code directory} and cuts a damaged tail left by a
     * crash. {@code kryo} must have the journal's classes registered ({@link WriteBatchSerializer#register}).
     */
    public static ShardJournal open(Path directory, JournalOptions options, KryoPool kryo) {
        QueueSettings settings = new QueueSettings(BatchEntryCodec.MAGIC, options.rollCycle(), options.clock(),
                options.fsync().mode() != FsyncPolicy.Mode.OS, options.fileIo());
        return new ShardJournal(FramedQueue.open(directory, settings), options.fsync(), kryo);
    }

    /**
     * Appends {@code batch} and returns its queue index once it is written (and synced, under
     * {@link FsyncPolicy.Mode#PER_BATCH}); acknowledge the batch only after this returns.
     *
     * @throws IllegalArgumentException if the serialized batch exceeds the entry size limit;
     *     nothing is written then
     */
    public long append(WriteBatch batch) {
        long index = appendDeferringSync(batch);
        applyFsyncPolicy();
        return index;
    }

    /**
     * Group commit: appends {@code batch} without syncing, whatever the policy, and returns its
     * index. Call {@link #applyFsyncPolicy()} once after a run of these, before acknowledging any
     * of them.
     *
     * @throws IllegalArgumentException if the serialized batch exceeds the entry size limit;
     *     nothing is written then
     */
    public long appendDeferringSync(WriteBatch batch) {
        Output frame = codec.encode(batch);
        return queue.appendFrame(frame.getBuffer(), frame.position());
    }

    /**
     * Makes the entries appended so far as durable as the {@link FsyncPolicy} promises: syncs under
     * {@link FsyncPolicy.Mode#PER_BATCH}, and under {@link FsyncPolicy.Mode#INTERVAL} once the
     * interval has passed since the last sync.
     */
    public void applyFsyncPolicy() {
        if (fsync.mode() == FsyncPolicy.Mode.PER_BATCH
                || (fsync.mode() == FsyncPolicy.Mode.INTERVAL
                        && System.nanoTime() - lastSyncNanos >= fsync.interval().toNanos())) {
            sync();
        }
    }

    /**
     * Appends a {@link JournalEntryType#MIGRATION_FROZEN} mark and syncs it (unless
     * {@link FsyncPolicy.Mode#OS}); returns its index. Replay delivers it between the batches
     * around it, so the shard freezes exactly the points it held at this position.
     */
    public long appendMigrationFrozen(long migrationId, long cutoffNanos) {
        long index = queue.append(JournalEntryType.MIGRATION_FROZEN.id(), MigrationMarks.frozen(migrationId, cutoffNanos));
        sync();
        return index;
    }

    /** Appends a {@link JournalEntryType#MIGRATION_COMMITTED} mark and syncs it; returns its index. */
    public long appendMigrationCommitted(long migrationId) {
        long index = queue.append(JournalEntryType.MIGRATION_COMMITTED.id(), MigrationMarks.committed(migrationId));
        sync();
        return index;
    }

    /** Forces appended entries to the device; a no-op under {@link FsyncPolicy.Mode#OS}. */
    public void sync() {
        queue.sync();
        lastSyncNanos = System.nanoTime();
    }

    /**
     * The index of the last entry forced to the device by this or an earlier process, or
     * {@link #NO_INDEX} when none has been; entries after it may be only in the page cache.
     */
    public long syncedIndex() {
        return queue.syncedIndex();
    }

    /**
     * Delivers, in order, every batch after {@code fromIndexExclusive} ({@link #NO_INDEX} for all)
     * with its index, skipping migration marks. Cut entries are skipped; a torn tail not yet cut
     * (the journal was written by another process after this one opened it) is logged and not
     * delivered.
     *
     * @return the number of batches delivered
     * @throws CorruptionException on a damaged entry in the middle of the journal, or an entry
     *     this version cannot read; the batches before it have been delivered
     */
    public long replay(long fromIndexExclusive, BatchConsumer consumer) {
        long[] batches = new long[1];
        replayEntries(fromIndexExclusive, new EntryVisitor() {
            @Override
            public void batch(long index, WriteBatch batch) {
                batches[0]++;
                consumer.accept(index, batch);
            }

            @Override
            public void migrationFrozen(long index, long migrationId, long cutoffNanos) {
            }

            @Override
            public void migrationCommitted(long index, long migrationId) {
            }
        });
        return batches[0];
    }

    /**
     * Like {@link #replay} but delivers every entry, batches and migration marks, in journal order.
     *
     * @return the number of entries delivered
     */
    public long replayEntries(long fromIndexExclusive, EntryVisitor visitor) {
        return queue.replay(fromIndexExclusive, frame -> deliver(frame, visitor));
    }

    private void deliver(FrameReader frame, EntryVisitor visitor) {
        JournalEntryType type = JournalEntryType.fromId(frame.type());
        if (type == null) {
            throw new CorruptionException(frame.file(), frame.fileOffset(), "unknown journal entry type: type="
                    + frame.type() + ", index=" + frame.index());
        }
        switch (type) {
            case BATCH:
                visitor.batch(frame.index(), decodeBatch(frame));
                break;
            case MIGRATION_FROZEN:
                requireBodyLength(frame, MigrationMarks.FROZEN_BODY_BYTES);
                visitor.migrationFrozen(frame.index(), MigrationMarks.longAt(frame.buffer(), frame.bodyOffset()),
                        MigrationMarks.longAt(frame.buffer(), frame.bodyOffset() + 8));
                break;
            default:
                requireBodyLength(frame, MigrationMarks.COMMITTED_BODY_BYTES);
                visitor.migrationCommitted(frame.index(), MigrationMarks.longAt(frame.buffer(), frame.bodyOffset()));
                break;
        }
    }

    private static void requireBodyLength(FrameReader frame, int expected) {
        if (frame.bodyLength() != expected) {
            // The checksum matched, so these are the bytes that were written: not a torn write.
            throw new CorruptionException(frame.file(), frame.fileOffset(), "migration mark has wrong body length: type="
                    + frame.type() + ", index=" + frame.index() + ", bodyLength=" + frame.bodyLength() + ", expected="
                    + expected);
        }
    }

    private WriteBatch decodeBatch(FrameReader frame) {
        try {
            return codec.decode(frame.buffer(), frame.bodyOffset() + frame.bodyLength());
        } catch (RuntimeException e) {
            // The checksum matched, so these are the bytes that were written: not a torn write.
            throw new CorruptionException(frame.file(), frame.fileOffset(), "cannot decode batch entry, index="
                    + frame.index(), e);
        }
    }

    /** The index of the last entry of any type, or {@link #NO_INDEX} when the journal is empty. */
    public long lastIndex() {
        return queue.lastIndex();
    }

    /**
     * Deletes the cycle files whose entries all lie before {@code index}, never the cycle being
     * written; afterwards replays start at the first remaining entry, also after a restart.
     *
     * @return the number of cycle files deleted
     */
    public int releaseBefore(long index) {
        return queue.releaseBefore(index);
    }

    public Path directory() {
        return queue.dir();
    }

    /** Syncs (unless {@link FsyncPolicy.Mode#OS}) and closes; closing again does nothing. */
    @Override
    public void close() {
        queue.close();
    }

    /** Receives replayed entries, batches and migration marks, in journal order. */
    public interface EntryVisitor {
        void batch(long index, WriteBatch batch);

        void migrationFrozen(long index, long migrationId, long cutoffNanos);

        void migrationCommitted(long index, long migrationId);
    }

    /** Receives replayed batches in journal order. */
    @FunctionalInterface
    public interface BatchConsumer {
        void accept(long index, WriteBatch batch);
    }
}
