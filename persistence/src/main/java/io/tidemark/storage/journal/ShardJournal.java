package io.tidemark.storage.journal;

import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.queue.EntryFrame;
import io.tidemark.storage.queue.FrameReader;
import io.tidemark.storage.queue.FramedQueue;
import io.tidemark.storage.queue.QueueSettings;
import io.tidemark.storage.serialization.KryoPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * <p>Every entry carries a sequence number, dense per shard from 1 ({@link #lastSequence()}): the
 * position of the entry in the shard's history, the same in every copy of the journal (queue
 * indexes differ per copy). Copies on other nodes are written with {@link #appendReplicated} and
 * read with {@link #readAfter}, which also tells whether two copies agree up to a point.
 *
 * <p>Not thread-safe: one owner (the shard actor) calls it, from any thread, one call at a time.
 */
public final class ShardJournal implements AutoCloseable {

    /** The index before every entry: {@code replay(NO_INDEX, …)} replays the whole journal. */
    public static final long NO_INDEX = FramedQueue.NO_INDEX;

    /** The sequence number before every entry: {@link #lastSequence()} of an empty journal. */
    public static final long NO_SEQUENCE = 0L;

    private final FramedQueue queue;
    private final FsyncPolicy fsync;
    private final BatchEntryCodec codec;
    private long lastSyncNanos = System.nanoTime();
    private long firstSequence;
    private long lastSequence;
    private int lastChecksum;
    /** Where the last {@link #readAfter} ended, so a reader paging through the journal does not rescan it. */
    private long cursorSequence = NO_SEQUENCE;
    private long cursorIndex = NO_INDEX;
    /** Frame bytes appended through this instance since it was opened. */
    private long appendedBytes;
    /** Copies of the entries appended since the last {@link #takeAppended()}, or null when not kept. */
    private List<JournalEntry> appended;

    private ShardJournal(FramedQueue queue, FsyncPolicy fsync, KryoPool kryo) {
        this.queue = queue;
        this.fsync = fsync;
        this.codec = new BatchEntryCodec(kryo);
        readSequences();
    }

    /** Finds the first and last sequence numbers held (the last from the tail, unless a cut marker ends the queue). */
    private void readSequences() {
        lastSequence = NO_SEQUENCE;
        lastChecksum = 0;
        long last = queue.lastIndex();
        if (last != NO_INDEX) {
            FrameReader tail = queue.read(last);
            if (tail.type() != EntryFrame.CUT_MARKER) {
                lastSequence = sequenceOf(tail);
                lastChecksum = JournalEntry.checksumOf(tail.buffer());
            } else {
                queue.replay(NO_INDEX, frame -> {
                    lastSequence = sequenceOf(frame);
                    lastChecksum = JournalEntry.checksumOf(frame.buffer());
                });
            }
        }
        readFirstSequence();
    }

    private void readFirstSequence() {
        long[] first = {lastSequence + 1};
        scan(NO_INDEX, frame -> {
            first[0] = sequenceOf(frame);
            return false;
        });
        firstSequence = first[0];
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
                options.fsync().mode() != FsyncPolicy.Mode.OS, options.fileIo(), BatchEntryCodec.FORMAT_VERSION);
        return new ShardJournal(FramedQueue.open(directory, settings), options.fsync(), kryo);
    }

    /**
     * Keeps a copy of every entry appended from now on, for {@link #takeAppended()}: what a
     * replicated shard ships to its replicas. Off by default, so an unreplicated shard copies nothing.
     */
    public void keepAppended() {
        if (appended == null) {
            appended = new ArrayList<>();
        }
    }

    /** The entries appended since the last call (in order), when {@link #keepAppended()} is on; else empty. */
    public List<JournalEntry> takeAppended() {
        if (appended == null || appended.isEmpty()) {
            return List.of();
        }
        List<JournalEntry> taken = List.copyOf(appended);
        appended.clear();
        return taken;
    }

    /**
     * Appends {@code batch} as entry {@code lastSequence() + 1} and returns its queue index once it is written (and synced, under
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
        long sequence = lastSequence + 1;
        Output frame = codec.encode(batch, sequence);
        long index = queue.appendFrame(frame.getBuffer(), frame.position());
        appendedFrame(sequence, frame.getBuffer(), frame.position());
        return index;
    }

    /**
     * Appends an entry of another copy of this shard's journal, byte for byte, without syncing
     * (call {@link #applyFsyncPolicy()} or {@link #sync()} before acknowledging it). It must be the
     * next entry ({@code lastSequence() + 1}), unless the journal is empty: an empty copy may start
     * at any sequence number (the entries before it were released everywhere).
     *
     * @throws IllegalArgumentException if the entry is not the next one, or its frame is not a
     *     sound shard journal frame of this version holding that sequence number; nothing is written then
     */
    public long appendReplicated(JournalEntry entry) {
        byte[] frame = entry.frame();
        if (lastSequence != NO_SEQUENCE && entry.sequence() != lastSequence + 1) {
            throw new IllegalArgumentException("cannot append replicated entry: not the next sequence number, dir="
                    + queue.dir() + ", sequence=" + entry.sequence() + ", lastSequence=" + lastSequence);
        }
        String damage = EntryFrame.findDamage(BatchEntryCodec.MAGIC, frame, frame.length);
        if (damage == null && (frame[EntryFrame.VERSION_OFFSET] & 0xFF) != BatchEntryCodec.FORMAT_VERSION) {
            damage = "format version " + (frame[EntryFrame.VERSION_OFFSET] & 0xFF);
        }
        if (damage == null && (JournalEntryType.fromId(entry.type()) == null
                || BatchEntryCodec.sequence(frame) != entry.sequence())) {
            damage = "type " + entry.type() + " with body sequence " + BatchEntryCodec.sequence(frame);
        }
        if (damage != null || entry.sequence() <= NO_SEQUENCE) {
            throw new IllegalArgumentException("cannot append replicated entry: not a shard journal entry, dir="
                    + queue.dir() + ", sequence=" + entry.sequence() + ", problem=" + damage);
        }
        long index = queue.appendFrame(frame, frame.length);
        if (lastSequence == NO_SEQUENCE) {
            firstSequence = entry.sequence();
        }
        appendedFrame(entry.sequence(), frame, frame.length);
        return index;
    }

    private void appendedFrame(long sequence, byte[] frame, int length) {
        appendedBytes += length;
        lastSequence = sequence;
        lastChecksum = JournalEntry.checksumOf(frame);
        if (appended != null) {
            appended.add(new JournalEntry(sequence, Arrays.copyOf(frame, length)));
        }
    }

    private long appendBody(JournalEntryType type, byte[] body) {
        byte[] frame = EntryFrame.encode(BatchEntryCodec.MAGIC, BatchEntryCodec.FORMAT_VERSION, type.id(), body);
        long index = queue.appendFrame(frame, frame.length);
        appendedFrame(lastSequence + 1, frame, frame.length);
        return index;
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
        long index = appendBody(JournalEntryType.MIGRATION_FROZEN, MigrationMarks.frozen(lastSequence + 1, migrationId,
                cutoffNanos));
        sync();
        return index;
    }

    /** Appends a {@link JournalEntryType#MIGRATION_COMMITTED} mark and syncs it; returns its index. */
    public long appendMigrationCommitted(long migrationId) {
        long index = appendBody(JournalEntryType.MIGRATION_COMMITTED, MigrationMarks.committed(lastSequence + 1,
                migrationId));
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
     * Delivers, like {@link #replayEntries}, every entry whose sequence number is above
     * {@code sequenceExclusive}: the tail a checkpoint covering the entries up to that sequence
     * number leaves to replay. Entries at or below it are read for their sequence numbers only.
     *
     * @return the number of entries delivered
     * @throws CorruptionException as {@link #replay} does, and when entries after
     *     {@code sequenceExclusive} were released (the journal does not continue the checkpoint)
     */
    public long replayEntriesAfterSequence(long sequenceExclusive, EntryVisitor visitor) {
        if (lastSequence > sequenceExclusive && firstSequence > sequenceExclusive + 1) {
            throw new CorruptionException(queue.dir(), 0, "journal does not continue the checkpoint: entries after"
                    + " sequence " + sequenceExclusive + " are missing, firstSequence=" + firstSequence
                    + ", lastSequence=" + lastSequence);
        }
        long[] delivered = new long[1];
        queue.replay(NO_INDEX, frame -> {
            if (sequenceOf(frame) > sequenceExclusive) {
                deliver(frame, visitor);
                delivered[0]++;
            }
        });
        return delivered[0];
    }

    /**
     * Makes an empty journal number its next entry {@code sequence + 1}: a journal recreated after a
     * checkpoint covering entries up to {@code sequence} continues the shard's history.
     *
     * @throws IllegalStateException if the journal holds entries
     */
    public void continueAfterSequence(long sequence) {
        if (queue.lastIndex() != NO_INDEX) {
            throw new IllegalStateException("cannot renumber journal: it holds entries, dir=" + queue.dir()
                    + ", lastSequence=" + lastSequence);
        }
        if (sequence < NO_SEQUENCE) {
            throw new IllegalArgumentException("cannot renumber journal: negative sequence, dir=" + queue.dir()
                    + ", sequence=" + sequence);
        }
        lastSequence = sequence;
        firstSequence = sequence + 1;
        lastChecksum = 0;
    }

    /** Frame bytes appended (written or replicated) through this instance since it was opened. */
    public long appendedBytes() {
        return appendedBytes;
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
                int frozen = frame.bodyOffset() + BatchEntryCodec.SEQUENCE_BYTES;
                visitor.migrationFrozen(frame.index(), MigrationMarks.longAt(frame.buffer(), frozen),
                        MigrationMarks.longAt(frame.buffer(), frozen + 8));
                break;
            default:
                requireBodyLength(frame, MigrationMarks.COMMITTED_BODY_BYTES);
                visitor.migrationCommitted(frame.index(), MigrationMarks.longAt(frame.buffer(),
                        frame.bodyOffset() + BatchEntryCodec.SEQUENCE_BYTES));
                break;
        }
    }

    private static void requireBodyLength(FrameReader frame, int expected) {
        if (frame.bodyLength() != BatchEntryCodec.SEQUENCE_BYTES + expected) {
            // The checksum matched, so these are the bytes that were written: not a torn write.
            throw new CorruptionException(frame.file(), frame.fileOffset(), "migration mark has wrong body length: type="
                    + frame.type() + ", index=" + frame.index() + ", bodyLength=" + frame.bodyLength() + ", expected="
                    + (BatchEntryCodec.SEQUENCE_BYTES + expected));
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
        int released = queue.releaseBefore(index);
        if (released > 0) {
            cursorSequence = NO_SEQUENCE;
            cursorIndex = NO_INDEX;
            readFirstSequence();
        }
        return released;
    }

    /**
     * Releases as {@link #releaseBefore} does the cycle files whose entries all have sequence
     * numbers below {@code sequence}: how a copy on another node follows the releases of the
     * shard's primary copy. Reads the journal up to that entry.
     *
     * @return the number of cycle files deleted
     */
    public int releaseBeforeSequence(long sequence) {
        if (sequence <= firstSequence) {
            return 0;
        }
        long[] index = {queue.lastIndex() + 1};
        scan(NO_INDEX, frame -> {
            if (sequenceOf(frame) >= sequence) {
                index[0] = frame.index();
                return false;
            }
            return true;
        });
        return releaseBefore(index[0]);
    }

    /** The sequence number of the entry at queue {@code index} (an index a replay or an append returned). */
    public long sequenceAt(long index) {
        return sequenceOf(queue.read(index));
    }

    /** The sequence number of the last entry, or {@link #NO_SEQUENCE} when the journal holds none. */
    public long lastSequence() {
        return lastSequence;
    }

    /** The checksum ({@link JournalEntry#checksum()}) of the last entry; 0 when there is none. */
    public int lastChecksum() {
        return lastChecksum;
    }

    /** The sequence number of the first entry held (earlier ones were released); {@code lastSequence() + 1} when none. */
    public long firstSequence() {
        return firstSequence;
    }

    /**
     * Up to {@code maxEntries} entries of at most {@code maxBytes} in all (but at least one entry) following
     * entry {@code afterSequence}, provided this journal agrees with the asking copy up to there:
     * it holds entry {@code afterSequence} with checksum {@code afterChecksum}, or
     * {@code afterSequence} is {@link #NO_SEQUENCE} and nothing was released. Otherwise the page
     * is not {@linkplain EntryPage#anchored() anchored} and holds nothing: the asking copy has a
     * gap, or entries this one does not have, and must be replaced ({@link #readFirst}).
     */
    public EntryPage readAfter(long afterSequence, int afterChecksum, int maxEntries, int maxBytes) {
        return readAfter(afterSequence, afterChecksum, maxEntries, maxBytes, true);
    }

    private EntryPage readAfter(long afterSequence, int afterChecksum, int maxEntries, long maxBytes,
                                boolean atLeastOne) {
        if (afterSequence == NO_SEQUENCE ? firstSequence != 1 && lastSequence != NO_SEQUENCE
                : afterSequence < firstSequence || afterSequence > lastSequence) {
            return new EntryPage(false, List.of());
        }
        if (afterSequence == lastSequence) {
            return new EntryPage(afterSequence == NO_SEQUENCE || afterChecksum == lastChecksum, List.of());
        }
        boolean[] anchored = {afterSequence == NO_SEQUENCE};
        List<JournalEntry> entries = new ArrayList<>();
        long[] bytes = {0};
        scan(afterSequence >= cursorSequence && cursorIndex != NO_INDEX ? cursorIndex - 1 : NO_INDEX, frame -> {
            long sequence = sequenceOf(frame);
            if (sequence == afterSequence) {
                anchored[0] = JournalEntry.checksumOf(frame.buffer()) == afterChecksum;
                return anchored[0];
            }
            if (sequence < afterSequence) {
                return true;
            }
            if (!anchored[0]) {
                return false;
            }
            int size = EntryFrame.HEADER_BYTES + frame.bodyLength();
            if (bytes[0] + size > maxBytes && (!atLeastOne || !entries.isEmpty())) {
                return false;
            }
            entries.add(new JournalEntry(sequence, Arrays.copyOf(frame.buffer(), size)));
            bytes[0] += size;
            cursorSequence = sequence;
            cursorIndex = frame.index();
            return entries.size() < maxEntries && bytes[0] < maxBytes;
        });
        return anchored[0] ? new EntryPage(true, List.copyOf(entries)) : new EntryPage(false, List.of());
    }

    /** The first page of the whole journal, for a copy that starts over (see {@link #readAfter}). */
    public EntryPage readFirst(int maxEntries, int maxBytes) {
        if (lastSequence == NO_SEQUENCE) {
            return new EntryPage(true, List.of());
        }
        JournalEntry first = firstEntry();
        EntryPage rest = readAfter(firstSequence, checksumAt(firstSequence), maxEntries - 1,
                (long) maxBytes - first.frame().length, false);
        List<JournalEntry> entries = new ArrayList<>(rest.entries().size() + 1);
        entries.add(first);
        entries.addAll(rest.entries());
        return new EntryPage(true, List.copyOf(entries));
    }

    private JournalEntry firstEntry() {
        JournalEntry[] first = new JournalEntry[1];
        scan(NO_INDEX, frame -> {
            first[0] = new JournalEntry(sequenceOf(frame), Arrays.copyOf(frame.buffer(),
                    EntryFrame.HEADER_BYTES + frame.bodyLength()));
            return false;
        });
        return first[0];
    }

    /** The checksum of entry {@code sequence}, which this journal holds. */
    public int checksumAt(long sequence) {
        if (sequence == lastSequence) {
            return lastChecksum;
        }
        if (sequence < firstSequence || sequence > lastSequence) {
            throw new IllegalArgumentException("cannot read checksum: entry not held, dir=" + queue.dir()
                    + ", sequence=" + sequence + ", first=" + firstSequence + ", last=" + lastSequence);
        }
        int[] checksum = new int[1];
        scan(NO_INDEX, frame -> {
            if (sequenceOf(frame) == sequence) {
                checksum[0] = JournalEntry.checksumOf(frame.buffer());
                return false;
            }
            return true;
        });
        return checksum[0];
    }

    private static long sequenceOf(FrameReader frame) {
        if (frame.bodyLength() < BatchEntryCodec.SEQUENCE_BYTES) {
            // the checksum matched, so these are the bytes that were written: not a torn write
            throw new CorruptionException(frame.file(), frame.fileOffset(), "journal entry too short for its sequence"
                    + " number: index=" + frame.index() + ", bodyLength=" + frame.bodyLength());
        }
        return BatchEntryCodec.sequence(frame.buffer());
    }

    /** Visits entries after {@code fromIndexExclusive} while {@code visitor} returns true. */
    private void scan(long fromIndexExclusive, FrameScan visitor) {
        try {
            queue.replay(fromIndexExclusive, frame -> {
                if (!visitor.next(frame)) {
                    throw StopScan.INSTANCE;
                }
            });
        } catch (StopScan stop) {
            // the visitor has what it needs
        }
    }

    @FunctionalInterface
    private interface FrameScan {
        boolean next(FrameReader frame);
    }

    /** Ends a {@link #scan} early; carries no stack trace, it is control flow. */
    private static final class StopScan extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final StopScan INSTANCE = new StopScan();

        private StopScan() {
            super(null, null, false, false);
        }
    }

    /**
     * What {@link #readAfter} found.
     *
     * @param anchored whether the journal agrees with the asking copy up to the entry it asked after
     * @param entries the entries after it, in order; empty when not anchored or there are none
     */
    public record EntryPage(boolean anchored, List<JournalEntry> entries) {
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
