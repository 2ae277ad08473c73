package io.tidemark.storage.journal;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.serialization.KryoPool;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.NavigableSet;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead journal of one series shard: one Chronicle Queue in the shard's journal
 * directory, each excerpt one entry framed as in
 * <a href="../../../../../../../../docs/formats/journal-entry.md">docs/formats/journal-entry.md</a>.
 *
 * <p>Crash contract: when {@link #append} returns, the batch is in the memory-mapped cycle file,
 * so it survives a process crash; the {@link FsyncPolicy} decides whether it also survives a power
 * loss. On open, damaged entries at the very end (a torn or corrupt tail) are logged and cut: a
 * {@link JournalEntryType#CUT_MARKER} naming them is appended, so every later replay skips them
 * even after new appends. A damaged entry that is followed by intact data and not covered by a
 * cut marker is damage in the middle: replay stops with a {@link CorruptionException} naming the
 * file and index rather than silently dropping or skipping data; the files are left untouched.
 *
 * <p>Not thread-safe: one owner (the shard actor) calls it, from any thread, one call at a time.
 */
public final class ShardJournal implements AutoCloseable {

    /** The index before every entry: {@code replay(NO_INDEX, …)} replays the whole journal. */
    public static final long NO_INDEX = -1L;

    private static final Logger LOG = LoggerFactory.getLogger(ShardJournal.class);
    private static final int INITIAL_ENTRY_BUFFER = 4096;
    private static final int MAX_ENTRY_SIZE = BatchEntryCodec.MAX_ENTRY_SIZE;

    private final Path directory;
    private final JournalOptions options;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final BatchEntryCodec codec;
    private final EntryReader reader = new EntryReader();
    private long lastSyncNanos = System.nanoTime();

    private ShardJournal(Path directory, JournalOptions options, KryoPool kryo) {
        this.directory = directory;
        this.options = options;
        this.codec = new BatchEntryCodec(kryo);
        this.queue = SingleChronicleQueueBuilder.binary(directory)
                .rollCycle(options.rollCycle())
                .timeProvider(options.clock())
                .syncMode(options.fsync().mode() == FsyncPolicy.Mode.OS ? SyncMode.NONE : SyncMode.SYNC)
                .build();
        this.appender = queue.createAppender();
        // The owning actor may run on a different dispatcher thread for each message.
        appender.singleThreadedCheckDisabled(true);
    }

    /**
     * The journal directory of one shard: {@code <dataDir>/shards/<table-id>/<shard>/journal}.
     *
     * @throws IllegalArgumentException if the table id is not a plain file name (it would lead
     *     out of the shard's directory) or the shard is negative
     */
    public static Path directory(Path dataDir, String tableId, int shard) {
        if (tableId.isEmpty() || tableId.equals(".") || tableId.equals("..") || tableId.indexOf('/') >= 0
                || tableId.indexOf('\\') >= 0 || tableId.indexOf('\0') >= 0 || shard < 0) {
            throw new IllegalArgumentException("cannot place shard journal: table id must be a plain file name and the"
                    + " shard not negative, tableId=" + tableId + ", shard=" + shard);
        }
        return dataDir.resolve("shards").resolve(tableId).resolve(Integer.toString(shard)).resolve("journal");
    }

    /**
     * Opens (creating if needed) the journal in {@code directory} and cuts a damaged tail left by a
     * crash. {@code kryo} must have the journal's classes registered ({@link WriteBatchSerializer#register}).
     */
    public static ShardJournal open(Path directory, JournalOptions options, KryoPool kryo) {
        try {
            options.fileIo().createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create journal directory: dir=" + directory, e);
        }
        ShardJournal journal = new ShardJournal(directory, options, kryo);
        try {
            journal.cutDamagedTail();
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        return journal;
    }

    /**
     * Appends {@code batch} and returns its queue index once it is written (and synced, under
     * {@link FsyncPolicy.Mode#PER_BATCH}); acknowledge the batch only after this returns.
     *
     * @throws IllegalArgumentException if the serialized batch exceeds the entry size limit;
     *     nothing is written then
     */
    public long append(WriteBatch batch) {
        int length = codec.encode(batch);
        long index = write(codec.buffer(), length);
        FsyncPolicy policy = options.fsync();
        if (policy.mode() == FsyncPolicy.Mode.PER_BATCH
                || (policy.mode() == FsyncPolicy.Mode.INTERVAL
                        && System.nanoTime() - lastSyncNanos >= policy.interval().toNanos())) {
            sync();
        }
        return index;
    }

    private long write(byte[] entry, int length) {
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(entry, 0, length);
        }
        return appender.lastIndexAppended();
    }

    /** Forces appended entries to the device; a no-op under {@link FsyncPolicy.Mode#OS}. */
    public void sync() {
        if (options.fsync().mode() == FsyncPolicy.Mode.OS) {
            return; // the appender would record a sync it did not make
        }
        appender.sync();
        lastSyncNanos = System.nanoTime();
    }

    /**
     * The index of the last entry forced to the device by this or an earlier process, or
     * {@link #NO_INDEX} when none has been; entries after it may be only in the page cache.
     */
    public long syncedIndex() {
        long index = queue.lastIndexMSynced();
        return index < 0 ? NO_INDEX : index;
    }

    /**
     * Delivers, in order, every batch after {@code fromIndexExclusive} ({@link #NO_INDEX} for all)
     * with its index. Cut entries are skipped; a torn tail not yet cut (the journal was written
     * by another process after this one opened it) is logged and not delivered.
     *
     * @return the number of batches delivered
     * @throws CorruptionException on a damaged entry in the middle of the journal; the batches
     *     before it have been delivered
     */
    public long replay(long fromIndexExclusive, BatchConsumer consumer) {
        long delivered = 0;
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.singleThreadedCheckDisabled(true);
            if (fromIndexExclusive != NO_INDEX && !tailer.moveToIndex(fromIndexExclusive)) {
                // Released, or a position no entry has (a cycle without a file): scan from the
                // first entry; the index filter below skips what comes before.
                tailer.toStart();
            }
            while (reader.next(tailer)) {
                long index = reader.index;
                if (index <= fromIndexExclusive) {
                    continue;
                }
                String damage = reader.damage();
                if (damage != null) {
                    skipDamaged(index, reader.file, reader.fileOffset, damage);
                } else if (JournalEntryFormat.type(reader.entry) == JournalEntryType.BATCH) {
                    consumer.accept(index, decodeBatch(index, reader));
                    delivered++;
                }
            }
        }
        return delivered;
    }

    private WriteBatch decodeBatch(long index, EntryReader entry) {
        try {
            return codec.decode(entry.entry, entry.length);
        } catch (RuntimeException e) {
            // The checksum matched, so these are the bytes that were written: not a torn write.
            throw new CorruptionException(entry.file, entry.fileOffset, "cannot decode batch entry, index=" + index, e);
        }
    }

    /**
     * Decides what a damaged entry is by the first intact entry after it: none means a torn tail,
     * a cut marker covering it means a tail cut earlier, anything else means damage in the middle.
     */
    private void skipDamaged(long index, Path file, long offset, String damage) {
        EntryReader ahead = new EntryReader();
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.singleThreadedCheckDisabled(true);
            tailer.moveToIndex(index);
            while (ahead.next(tailer)) {
                if (ahead.index <= index || ahead.damage() != null) {
                    continue;
                }
                if (JournalEntryFormat.type(ahead.entry) == JournalEntryType.CUT_MARKER
                        && JournalEntryFormat.cutMarkerFirst(ahead.entry) <= index
                        && index <= JournalEntryFormat.cutMarkerLast(ahead.entry)) {
                    LOG.debug("skipping journal entry cut after a crash: file={}, index={}", file, index);
                    return;
                }
                throw new CorruptionException(file, offset, "damaged journal entry followed by intact entries: " + damage
                        + ", index=" + index + ", nextIntactIndex=" + ahead.index);
            }
        }
        LOG.warn("not replaying damaged journal tail: {}, file={}, index={}", damage, file, index);
    }

    /** Appends a cut marker over the run of damaged entries at the end of the journal, if any. */
    private void cutDamagedTail() {
        long firstDamaged = NO_INDEX;
        long lastDamaged = NO_INDEX;
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            while (reader.next(tailer)) {
                String damage = reader.damage();
                if (damage == null) {
                    break;
                }
                LOG.warn("cutting damaged journal tail entry: {}, file={}, index={}", damage, reader.file, reader.index);
                firstDamaged = reader.index;
                if (lastDamaged == NO_INDEX) {
                    lastDamaged = reader.index;
                }
            }
        }
        if (firstDamaged != NO_INDEX) {
            byte[] marker = JournalEntryFormat.cutMarker(firstDamaged, lastDamaged);
            long markerIndex = write(marker, marker.length);
            sync();
            LOG.warn("cut damaged journal tail: dir={}, firstIndex={}, lastIndex={}, markerIndex={}", directory,
                    firstDamaged, lastDamaged, markerIndex);
        }
    }

    /** The index of the last entry of any type, or {@link #NO_INDEX} when the journal is empty. */
    public long lastIndex() {
        return queue.firstCycle() == Integer.MAX_VALUE ? NO_INDEX : queue.lastIndex();
    }

    /**
     * Deletes the cycle files whose entries all lie before {@code index}, never the cycle being
     * written; afterwards replays start at the first remaining entry, also after a restart.
     *
     * @return the number of cycle files deleted
     */
    public int releaseBefore(long index) {
        if (index < 0 && index != NO_INDEX) {
            throw new IllegalArgumentException("cannot release journal: not a queue index, index=" + index
                    + ", dir=" + directory);
        }
        if (index == NO_INDEX || queue.firstCycle() == Integer.MAX_VALUE) {
            return 0;
        }
        int keepFrom = Math.min(queue.rollCycle().toCycle(index), Math.min(queue.lastCycle(), appender.cycle()));
        // Chronicle wants both bounds to be cycles that have files: list all, then filter.
        NavigableSet<Long> cycles = queue.listCyclesBetween(queue.firstCycle(), queue.lastCycle());
        int deleted = 0;
        for (long cycle : cycles) {
            if (cycle >= keepFrom) {
                continue;
            }
            Path file = cycleFile((int) cycle);
            if (file == null) {
                continue;
            }
            try {
                options.fileIo().delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release journal cycle: file=" + file + ", cycle=" + cycle, e);
            }
            deleted++;
        }
        if (deleted > 0) {
            queue.refreshDirectoryListing();
            LOG.info("released journal cycles: dir={}, files={}, beforeIndex={}", directory, deleted, index);
        }
        return deleted;
    }

    private Path cycleFile(int cycle) {
        try (ExcerptTailer tailer = queue.createTailer()) {
            if (!tailer.moveToCycle(cycle)) {
                return null;
            }
            File file = tailer.currentFile();
            return file == null ? null : file.toPath();
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        if (queue.isClosed()) {
            return;
        }
        sync();
        appender.close();
        queue.close();
    }

    /** Receives replayed batches in journal order. */
    @FunctionalInterface
    public interface BatchConsumer {
        void accept(long index, WriteBatch batch);
    }

    /** Reads excerpts into one reused buffer, remembering where each came from. */
    private static final class EntryReader {
        byte[] entry = new byte[INITIAL_ENTRY_BUFFER];
        int length;
        long index;
        Path file;
        long fileOffset;
        boolean oversized;

        /** What is wrong with the entry just read, or null when it is intact. */
        String damage() {
            return oversized ? "excerpt larger than the entry size limit, maxEntrySize=" + MAX_ENTRY_SIZE
                    : JournalEntryFormat.findDamage(entry, length);
        }

        /** Reads the tailer's next excerpt; false at the end of the journal. */
        boolean next(ExcerptTailer tailer) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return false;
                }
                Bytes<?> bytes = dc.wire().bytes();
                index = dc.index();
                fileOffset = bytes.readPosition();
                File current = tailer.currentFile();
                file = current == null ? null : current.toPath();
                long available = bytes.readRemaining();
                oversized = available > MAX_ENTRY_SIZE;
                length = oversized ? 0 : (int) available;
                if (entry.length < length) {
                    entry = new byte[Math.max(length, entry.length * 2)];
                }
                bytes.read(entry, 0, length);
                return true;
            }
        }
    }
}
