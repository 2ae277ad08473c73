package io.tidemark.storage.pekko;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.queue.FrameReader;
import io.tidemark.storage.queue.FramedQueue;
import io.tidemark.storage.queue.QueueSettings;
import io.tidemark.storage.queue.RejectedEntryException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The journal's storage: event batches and deletion tombstones in a {@link FramedQueue}, and a
 * {@link PersistenceIdIndex} per persistence id rebuilt by scanning the queue when opened. Knows
 * nothing of Pekko; {@link ChronicleJournal} adapts it. Thread-safe: every method holds the
 * instance lock, since Pekko replays on a different thread from the one that writes.
 */
final class EventLog implements AutoCloseable {

    /** "TMPJ" read as a little-endian u32: the first bytes of every journal frame. */
    static final int MAGIC = 0x4A504D54;
    /** Entry type: the events of one AtomicWrite, a {@link StoredEventBatch}. */
    static final int EVENTS = 1;
    /** Entry type: a {@link JournalDeletion} tombstone. */
    static final int DELETION = 2;

    private final Path dir;
    private final FramedQueue queue;
    private final Map<String, PersistenceIdIndex> indexes = new HashMap<>();

    EventLog(Path dir, boolean fsyncEachAppend, FileIo fileIo) {
        this.dir = dir;
        this.queue = FramedQueue.openAndReplay(dir, QueueSettings.of(MAGIC, fsyncEachAppend).withFileIo(fileIo),
                this::index);
    }

    private void index(FrameReader frame) {
        switch (frame.type()) {
            case EVENTS -> {
                StoredEventBatch batch = FrameBodies.decode(dir, frame, StoredEventBatch.class);
                PersistenceIdIndex index = indexFor(batch.persistenceId());
                if (batch.firstSequenceNr() <= index.highestSequenceNr()) {
                    throw new CorruptionException(dir, frame.index(), "batch of " + batch.persistenceId()
                            + " starts at sequenceNr " + batch.firstSequenceNr()
                            + ", not above the highest stored " + index.highestSequenceNr());
                }
                index.addBatch(batch.firstSequenceNr(), batch.lastSequenceNr(), frame.index());
            }
            case DELETION -> {
                JournalDeletion deletion = FrameBodies.decode(dir, frame, JournalDeletion.class);
                indexFor(deletion.persistenceId()).deleteTo(deletion.toSequenceNr());
            }
            default -> throw FrameBodies.unknownType(dir, frame, "journal");
        }
    }

    private PersistenceIdIndex indexFor(String persistenceId) {
        return indexes.computeIfAbsent(persistenceId, id -> new PersistenceIdIndex());
    }

    /**
     * Appends one AtomicWrite. Its first sequence number must be above the highest stored one: a
     * second writer of the same persistence id is refused here rather than corrupting the history.
     */
    synchronized void append(StoredEventBatch batch) {
        PersistenceIdIndex index = indexFor(batch.persistenceId());
        if (batch.firstSequenceNr() <= index.highestSequenceNr()) {
            throw new RejectedEntryException("cannot write events: persistenceId=" + batch.persistenceId()
                    + ", firstSequenceNr=" + batch.firstSequenceNr()
                    + ", highestStoredSequenceNr=" + index.highestSequenceNr());
        }
        long queueIndex = queue.append(EVENTS, PluginKryo.POOL.writeClassAndObject(batch));
        queue.sync();
        index.addBatch(batch.firstSequenceNr(), batch.lastSequenceNr(), queueIndex);
    }

    /** Deletes events up to {@code toSequenceNr}, clamped to the highest stored sequence number. */
    synchronized void deleteTo(String persistenceId, long toSequenceNr) {
        PersistenceIdIndex index = indexes.get(persistenceId);
        if (index == null) {
            return;
        }
        long clamped = Math.min(toSequenceNr, index.highestSequenceNr());
        if (clamped <= index.deletedTo()) {
            return;
        }
        queue.append(DELETION, PluginKryo.POOL.writeClassAndObject(new JournalDeletion(persistenceId, clamped)));
        queue.sync();
        index.deleteTo(clamped);
    }

    /** The highest sequence number ever written for the id, deleted or not; 0 if none. */
    synchronized long highestSequenceNr(String persistenceId) {
        PersistenceIdIndex index = indexes.get(persistenceId);
        return index == null ? 0 : index.highestSequenceNr();
    }

    /** Hands over live events with {@code from <= sequenceNr <= to}, in order, at most {@code max}. */
    synchronized void replay(String persistenceId, long from, long to, long max, Consumer<StoredEvent> consumer) {
        PersistenceIdIndex index = indexes.get(persistenceId);
        if (index == null || max <= 0) {
            return;
        }
        long first = Math.max(from, index.deletedTo() + 1);
        long replayed = 0;
        for (int b = index.firstBatchFrom(first); b < index.batchCount() && index.batchFirstSequenceNr(b) <= to; b++) {
            FrameReader frame = queue.read(index.batchQueueIndex(b));
            StoredEventBatch batch = FrameBodies.decode(dir, frame, StoredEventBatch.class);
            for (StoredEvent event : batch.events()) {
                if (event.sequenceNr() >= first && event.sequenceNr() <= to) {
                    consumer.accept(event);
                    if (++replayed == max) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        queue.close();
    }
}
