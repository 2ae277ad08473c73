package io.tidemark.storage.queue;

import io.tidemark.storage.CorruptionException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.NavigableSet;
import net.openhft.chronicle.bytes.BytesStore;
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
 * A Chronicle Queue in one directory whose excerpts are {@link EntryFrame frames}: the storage
 * under the shard journal and under the Pekko journal and snapshot store. Formats:
 * <a href="../../../../../../../../docs/formats/journal-entry.md">docs/formats/journal-entry.md</a>,
 * <a href="../../../../../../../../docs/formats/pekko-journal.md">docs/formats/pekko-journal.md</a>.
 *
 * <p>Crash contract: when {@link #append} returns, the entry is in the memory-mapped cycle file,
 * so it survives a process crash; {@link #sync()} (with {@link QueueSettings#durable()}) makes it
 * survive a power loss too. On {@link #open}, damaged entries at the very end (a torn or corrupt
 * tail) are logged and cut: an {@link EntryFrame#CUT_MARKER} naming them is appended and synced,
 * so every later read skips them even after new appends. A damaged entry followed by sound data
 * and not covered by a cut marker is damage in the middle: {@link #replay} stops with a
 * {@link CorruptionException} naming the file, offset and index rather than dropping data; the
 * files are left untouched. A sound frame of another version, or encrypted, is refused the same
 * way: it is data this code cannot read, not damage to cut.
 *
 * <p>An exclusive {@link DirectoryLock} is held while the queue is open, so a second queue on the
 * same directory, in this process or another, fails to open instead of interleaving entries.
 *
 * <p>A failed append (Chronicle cannot create the next cycle file: disk full, directory gone)
 * leaves nothing a replay sees and does not leave Chronicle's write lock held: the appender is
 * replaced and a write lock still held by this process is released, so the next append, or a
 * queue re-opened in this process, works once the cause is gone.
 *
 * <p>Not thread-safe: one owner calls it, from any thread, one call at a time.
 */
public final class FramedQueue implements AutoCloseable {

    /** The index before every entry: {@code replay(NO_INDEX, …)} replays the whole queue. */
    public static final long NO_INDEX = -1L;

    private static final Logger LOG = LoggerFactory.getLogger(FramedQueue.class);

    private final Path dir;
    private final QueueSettings settings;
    private final DirectoryLock directoryLock;
    private final SingleChronicleQueue queue;
    /**
     * Null after a failed append, which can leave Chronicle's appender half-entered; the next use
     * creates a new one (see {@link #appender()}).
     */
    private ExcerptAppender appender;
    private final FrameReader replayReader;
    /** Random-access reader for {@link #read}; creating a tailer per read costs more than the read. */
    private final ExcerptTailer indexedTailer;
    private final FrameReader indexedReader;
    /**
     * The frame being appended, copied to native memory first: Chronicle copies native memory into
     * the queue with one bulk copy, where from a heap array it copies 16 bytes a step in a Java loop
     * (CPU for every byte of the journal, and interpreted in a fresh process until compiled). Grown
     * to the largest frame appended; null until the first append.
     */
    private ByteBuffer staging;
    private BytesStore<?, ?> stagingStore;

    /** Receives the sound entries of a replay, in queue order. */
    @FunctionalInterface
    public interface FrameVisitor {
        void visit(FrameReader frame);
    }

    private FramedQueue(Path dir, QueueSettings settings, DirectoryLock directoryLock) {
        this.dir = dir;
        this.settings = settings;
        this.directoryLock = directoryLock;
        // Chronicle's sync() is a no-op unless the queue has a sync mode: SYNC makes it an
        // msync(MS_SYNC) of the pages just written.
        this.queue = SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(settings.rollCycle())
                .timeProvider(settings.clock())
                .syncMode(settings.durable() ? SyncMode.SYNC : SyncMode.NONE)
                .build();
        // An append of this process that failed before the queue was closed may have left the
        // write lock held; no other appender can be at work while the directory lock is ours.
        AppendWriteLock.releaseIfHeldByThisProcess(queue, dir);
        this.appender = createAppender();
        this.indexedTailer = tailer();
        this.replayReader = new FrameReader(settings.magic());
        this.indexedReader = new FrameReader(settings.magic());
    }

    /** Opens (creating if needed) the queue in {@code dir}, locks it and cuts a damaged tail. */
    public static FramedQueue open(Path dir, QueueSettings settings) {
        try {
            settings.fileIo().createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create queue directory: dir=" + dir, e);
        }
        DirectoryLock lock = DirectoryLock.acquire(dir, settings.fileIo());
        FramedQueue opened;
        try {
            opened = new FramedQueue(dir, settings, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            opened.cutDamagedTail();
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    /**
     * Opens the queue as {@link #open} does and {@linkplain #replay replays} all of it into
     * {@code visitor}, which rebuilds its owner's in-memory index; the queue is closed again if the
     * replay fails.
     */
    public static FramedQueue openAndReplay(Path dir, QueueSettings settings, FrameVisitor visitor) {
        FramedQueue opened = open(dir, settings);
        try {
            opened.replay(NO_INDEX, visitor);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Appends one entry whose frame is already {@linkplain EntryFrame#seal sealed} in the first
     * {@code length} bytes of {@code frame}, and returns its queue index.
     */
    public long appendFrame(byte[] frame, int length) {
        DocumentContext dc = null;
        try {
            ExcerptAppender current = appender();
            dc = current.writingDocument();
            dc.wire().bytes().write(staged(frame, length), 0L, length);
            dc.close();
            return current.lastIndexAppended();
        } catch (Throwable e) {
            // Throwable: Chronicle sneaky-throws checked exceptions such as FileNotFoundException.
            throw appendFailed(dc, length, e);
        }
    }

    /** The store of {@link #staging}, holding {@code frame}'s first {@code length} bytes. */
    private BytesStore<?, ?> staged(byte[] frame, int length) {
        if (stagingStore == null || staging.capacity() < length) {
            releaseStaging();
            staging = ByteBuffer.allocateDirect(Math.max(length, staging == null ? 0 : 2 * staging.capacity()));
            stagingStore = BytesStore.wrap(staging);
        }
        staging.clear();
        staging.put(frame, 0, length);
        return stagingStore;
    }

    private void releaseStaging() {
        if (stagingStore != null) {
            stagingStore.releaseLast();
            stagingStore = null;
        }
    }

    /**
     * Undoes what a failed append left behind, so nothing partial is replayed and the next append
     * can take the write lock, and returns the exception to throw: an I/O failure as an
     * {@link UncheckedIOException} naming the directory, any other runtime exception (and an
     * {@link Error}) as it is.
     */
    private RuntimeException appendFailed(DocumentContext dc, int length, Throwable failure) {
        if (dc != null && dc.isOpen()) {
            dc.rollbackOnClose();
            undoAfterFailure(dc, failure);
        }
        if (appender != null && !queue.isClosed()) {
            // Chronicle's appender may keep the write lock and a nesting count (AppendWriteLock).
            ExcerptAppender failed = appender;
            appender = null;
            if (settings.durable()) {
                // Entries appended before the failure may still be unsynced in its cycle file; a
                // new appender would sync only the last cycle.
                undoAfterFailure(failed::sync, failure);
            }
            undoAfterFailure(failed, failure);
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        String message = "cannot append entry: dir=" + dir + ", frameBytes=" + length + ", cause=" + failure;
        if (failure instanceof IOException) {
            return new UncheckedIOException(message, (IOException) failure);
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                // Chronicle wraps some I/O failures (its metadata file lock) in runtime exceptions.
                return new UncheckedIOException(message, new IOException(failure.toString(), failure));
            }
        }
        if (failure instanceof RuntimeException) {
            return (RuntimeException) failure;
        }
        return new IllegalStateException(message, failure);
    }

    private static void undoAfterFailure(AutoCloseable step, Throwable failure) {
        try {
            step.close();
        } catch (Throwable e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * The appender; after a failed append a new one, once the write lock the failed one may have
     * kept is released (not earlier: taking Chronicle's metadata file lock fails while the
     * directory is unusable).
     */
    private ExcerptAppender appender() {
        if (appender == null) {
            AppendWriteLock.releaseIfHeldByThisProcess(queue, dir);
            appender = createAppender();
        }
        return appender;
    }

    private ExcerptAppender createAppender() {
        ExcerptAppender created = queue.createAppender();
        // The owner may call from a different thread each time, one call at a time.
        created.singleThreadedCheckDisabled(true);
        return created;
    }

    /**
     * Appends one entry of {@code type} holding {@code body} and returns its queue index.
     *
     * @throws RejectedEntryException if the body exceeds {@link EntryFrame#MAX_BODY_BYTES};
     *     nothing is written then
     */
    public long append(int type, byte[] body) {
        if (body.length > EntryFrame.MAX_BODY_BYTES) {
            throw new RejectedEntryException("cannot append entry: dir=" + dir + ", type=" + type + ", bodyBytes="
                    + body.length + ", maxBodyBytes=" + EntryFrame.MAX_BODY_BYTES);
        }
        byte[] frame = EntryFrame.encode(settings.magic(), settings.formatVersion(), type, body);
        return appendFrame(frame, frame.length);
    }

    /** Forces appended entries to the device; does nothing unless the queue is durable. */
    public void sync() {
        if (settings.durable()) {
            appender().sync();
        }
    }

    /**
     * The index of the last entry forced to the device by this or an earlier process, or
     * {@link #NO_INDEX} when none has been; entries after it may be only in the page cache.
     */
    public long syncedIndex() {
        long index = queue.lastIndexMSynced();
        return index < 0 ? NO_INDEX : index;
    }

    /** The index of the last entry of any type, or {@link #NO_INDEX} when the queue is empty. */
    public long lastIndex() {
        return queue.firstCycle() == Integer.MAX_VALUE ? NO_INDEX : queue.lastIndex();
    }

    /**
     * Hands {@code visitor}, in order, every sound entry after {@code fromIndexExclusive}
     * ({@link #NO_INDEX} for all) except cut markers. Cut entries are skipped; a damaged tail not
     * yet cut (written by another process after this one opened the queue) is logged and skipped.
     *
     * @return the number of entries visited
     * @throws CorruptionException on damage in the middle of the queue, or on an entry of an
     *     unsupported version; the entries before it have been visited
     */
    public long replay(long fromIndexExclusive, FrameVisitor visitor) {
        long visited = 0;
        try (ExcerptTailer tailer = tailer()) {
            if (fromIndexExclusive != NO_INDEX && !tailer.moveToIndex(fromIndexExclusive)) {
                // Released, or a position no entry has (a cycle without a file): scan from the
                // first entry; the index filter below skips what comes before.
                tailer.toStart();
            }
            FrameReader reader = replayReader;
            while (reader.next(tailer)) {
                long index = reader.index();
                if (index <= fromIndexExclusive) {
                    continue;
                }
                String damage = reader.damage();
                if (damage != null) {
                    skipDamaged(index, reader.file(), reader.fileOffset(), damage);
                    continue;
                }
                EntryFrame.requireSupported(reader.buffer(), settings.formatVersion(), reader.file(), reader.fileOffset(), index);
                if (reader.type() != EntryFrame.CUT_MARKER) {
                    visitor.visit(reader);
                    visited++;
                }
            }
        }
        return visited;
    }

    /**
     * Reads the entry at {@code index}, which a replay delivered. The reader is valid until the
     * next {@code read}.
     */
    public FrameReader read(long index) {
        if (!indexedTailer.moveToIndex(index) || !indexedReader.next(indexedTailer)) {
            throw new CorruptionException(dir, index, "indexed entry missing from queue: index=" + index);
        }
        String damage = indexedReader.damage();
        if (damage != null) {
            throw new CorruptionException(indexedReader.file(), indexedReader.fileOffset(),
                    "indexed entry no longer passes its checks: " + damage + ", index=" + index);
        }
        EntryFrame.requireSupported(indexedReader.buffer(), settings.formatVersion(), indexedReader.file(), indexedReader.fileOffset(), index);
        return indexedReader;
    }

    /**
     * Decides what a damaged entry is by the first sound entry after it: none means a torn tail,
     * a cut marker covering it means a tail cut earlier, anything else means damage in the middle.
     */
    private void skipDamaged(long index, Path file, long offset, String damage) {
        FrameReader ahead = new FrameReader(settings.magic());
        try (ExcerptTailer tailer = tailer()) {
            tailer.moveToIndex(index);
            while (ahead.next(tailer)) {
                if (ahead.index() <= index || ahead.damage() != null) {
                    continue;
                }
                byte[] frame = ahead.buffer();
                if (ahead.type() == EntryFrame.CUT_MARKER
                        && EntryFrame.cutMarkerFirst(frame) <= index && index <= EntryFrame.cutMarkerLast(frame)) {
                    LOG.debug("skipping queue entry cut after a crash: file={}, index={}", file, index);
                    return;
                }
                throw new CorruptionException(file, offset, "damaged entry followed by intact entries, acknowledged"
                        + " data lost mid-queue: " + damage + ", index=" + index + ", nextIntactIndex=" + ahead.index());
            }
        }
        LOG.warn("not replaying damaged queue tail: {}, file={}, index={}", damage, file, index);
    }

    /** Appends a cut marker over the run of damaged entries at the end of the queue, if any. */
    private void cutDamagedTail() {
        long firstDamaged = NO_INDEX;
        long lastDamaged = NO_INDEX;
        FrameReader reader = replayReader;
        try (ExcerptTailer tailer = tailer()) {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            while (reader.next(tailer)) {
                String damage = reader.damage();
                if (damage == null) {
                    break;
                }
                LOG.warn("cutting damaged queue tail entry: {}, file={}, index={}", damage, reader.file(), reader.index());
                firstDamaged = reader.index();
                if (lastDamaged == NO_INDEX) {
                    lastDamaged = reader.index();
                }
            }
        }
        if (firstDamaged != NO_INDEX) {
            byte[] marker = EntryFrame.cutMarker(settings.magic(), settings.formatVersion(), firstDamaged, lastDamaged);
            long markerIndex = appendFrame(marker, marker.length);
            sync();
            LOG.warn("cut damaged queue tail: dir={}, firstIndex={}, lastIndex={}, markerIndex={}", dir, firstDamaged,
                    lastDamaged, markerIndex);
        }
    }

    /**
     * Deletes the cycle files whose entries all lie before {@code index}, never the cycle being
     * written; afterwards replays start at the first remaining entry, also after a restart.
     *
     * @return the number of cycle files deleted
     */
    public int releaseBefore(long index) {
        if (index < 0 && index != NO_INDEX) {
            throw new IllegalArgumentException("cannot release queue: not a queue index, index=" + index + ", dir=" + dir);
        }
        if (index == NO_INDEX || queue.firstCycle() == Integer.MAX_VALUE) {
            return 0;
        }
        int keepFrom = Math.min(queue.rollCycle().toCycle(index), Math.min(queue.lastCycle(), appender().cycle()));
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
                settings.fileIo().delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release queue cycle: file=" + file + ", cycle=" + cycle, e);
            }
            deleted++;
        }
        if (deleted > 0) {
            queue.refreshDirectoryListing();
            LOG.info("released queue cycles: dir={}, files={}, beforeIndex={}", dir, deleted, index);
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

    private ExcerptTailer tailer() {
        ExcerptTailer tailer = queue.createTailer();
        tailer.singleThreadedCheckDisabled(true);
        return tailer;
    }

    /** Syncs (when durable) and closes; closing again does nothing. */
    @Override
    public void close() {
        if (queue.isClosed()) {
            return;
        }
        try {
            // Without an appender the last append failed and its entries were synced then; a new
            // appender would fail to open while the cause of that failure lasts.
            if (appender != null) {
                sync();
                appender.close();
            }
            indexedTailer.close();
            queue.close();
        } finally {
            releaseStaging();
            directoryLock.close();
        }
    }
}
