package io.tidemark.engine.tier;

import io.tidemark.engine.metering.TableMeter;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.magnetic.BlockRef;
import io.tidemark.storage.magnetic.CompactionPolicy;
import io.tidemark.storage.magnetic.MagneticLayout;
import io.tidemark.storage.magnetic.MagneticStore;
import io.tidemark.storage.magnetic.SegmentCompactor;
import io.tidemark.storage.magnetic.SegmentReader;
import io.tidemark.storage.magnetic.SegmentWriter;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The magnetic store of one table and the changes made to it: migration writes, retention and
 * compaction. Every change runs under this object's lock and reports the segments it added and
 * removed to the table's meter, so the meter always equals what the store serves. Reads take no
 * lock (the store serves immutable snapshots).
 *
 * <p>The store is opened as a reader of a directory other nodes may share. The first change after
 * this node became the writer ({@code writerEpoch} moved) first takes the directory over
 * ({@link MagneticStore#recover}), so it starts from what the previous writer left on disk; a
 * {@link #reload} shows another node's changes.
 */
final class TableTier implements AutoCloseable {

    private final MagneticStore store;
    private final TableMeter meter;
    private final CompactionPolicy policy;
    private final LongSupplier writerEpoch;
    /** The writer epoch this store was last taken over in; none yet. */
    private long recoveredEpoch = Long.MIN_VALUE;
    private long reportedBytes;
    private long reportedPoints;
    private boolean closed;

    private TableTier(MagneticStore store, TableMeter meter, CompactionPolicy policy, LongSupplier writerEpoch) {
        this.store = store;
        this.meter = meter;
        this.policy = policy;
        this.writerEpoch = writerEpoch;
    }

    /**
     * Wraps an open store and reports the segments already in it to the meter.
     *
     * @param writerEpoch changes each time this node becomes the directory's writer
     */
    static TableTier of(MagneticStore store, TableMeter meter, CompactionPolicy policy, LongSupplier writerEpoch) {
        TableTier table = new TableTier(store, meter, policy, writerEpoch);
        synchronized (table) {
            table.report(List.of(), store.segments());
        }
        return table;
    }

    List<SealedChunk> read(SeriesKey series, long fromNanos, long toNanos) {
        return store.read(series, fromNanos, toNanos);
    }

    List<SeriesChunks> scan(long fromNanos, long toNanos, Predicate<SeriesKey> wanted) {
        List<SeriesChunks> out = new ArrayList<>();
        store.readAll(fromNanos, toNanos, wanted).forEach((series, chunks) -> out.add(new SeriesChunks(series, chunks)));
        return out;
    }

    /** Serves what the directory holds now: the changes another node made to it. Nothing once closed. */
    synchronized void reload() throws IOException {
        if (closed) {
            return;
        }
        List<SegmentReader> before = store.segments();
        store.reload();
        report(before, store.segments());
    }

    synchronized MagneticUsage usage() {
        return new MagneticUsage(reportedBytes, reportedPoints);
    }

    /**
     * Writes the chunks as one new segment per UTC-day partition they touch, splitting chunks that
     * span midnight. All or nothing: when a segment fails, the ones this call already wrote are
     * removed again, so a retried migration does not leave the same points twice.
     *
     * @return how many segments were written
     */
    synchronized int write(List<SeriesChunks> series) throws IOException {
        checkWritable();
        Map<LocalDate, SegmentWriter> writers = new TreeMap<>();
        for (SeriesChunks chunks : series) {
            for (SealedChunk chunk : chunks.chunks()) {
                for (SealedChunk piece : ChunkSlicer.splitByPartition(chunk)) {
                    writers.computeIfAbsent(MagneticLayout.partitionOf(piece.minTime()),
                            day -> new SegmentWriter(day, policy.maxBlockPoints())).add(chunks.series(), piece);
                }
            }
        }
        List<SegmentReader> written = new ArrayList<>(writers.size());
        try {
            for (SegmentWriter writer : writers.values()) {
                written.add(store.write(writer));
            }
        } catch (IOException | RuntimeException e) {
            if (!written.isEmpty()) {
                store.remove(written);
            }
            throw e;
        }
        report(List.of(), written);
        return written.size();
    }

    /**
     * Removes every point before {@code expiryNanos}: segments holding only such points are deleted,
     * and in the partition holding the expiry the segments from the first straddling one on are
     * rewritten into one segment without them. The newer segments of that partition go into the
     * rewrite too, so the output (which gets the highest id) wins duplicate ties only where its
     * inputs already did, as in {@link SegmentCompactor}.
     */
    synchronized ExpiryResult expire(long expiryNanos) throws IOException {
        checkWritable();
        List<SegmentReader> before = store.segments();
        List<SegmentReader> expired = new ArrayList<>();
        List<SegmentReader> rewrite = new ArrayList<>();
        for (LocalDate partition : store.partitions()) {
            if (MagneticLayout.partitionStartNanos(partition) >= expiryNanos) {
                break;
            }
            boolean endsBeforeExpiry = MagneticLayout.partitionEndNanos(partition) <= expiryNanos;
            for (SegmentReader segment : store.segments(partition)) {
                long[] range = endsBeforeExpiry ? null : timeRange(segment);
                if (range == null || range[1] < expiryNanos) {
                    expired.add(segment);
                } else if (range[0] < expiryNanos || !rewrite.isEmpty()) {
                    rewrite.add(segment);
                }
            }
        }
        if (!expired.isEmpty()) {
            store.remove(expired);
        }
        if (!rewrite.isEmpty()) {
            rewriteFrom(rewrite, expiryNanos);
        }
        report(before, store.segments());
        return new ExpiryResult(expired.size(), rewrite.size());
    }

    private void rewriteFrom(List<SegmentReader> inputs, long expiryNanos) throws IOException {
        SegmentWriter writer = new SegmentWriter(MagneticLayout.partitionOf(inputs.get(0).header().partitionStart()),
                policy.maxBlockPoints());
        int level = 0;
        for (SegmentReader input : inputs) {
            level = Math.max(level, input.header().level());
            for (int s = 0; s < input.seriesCount(); s++) {
                SeriesKey key = input.series(s);
                for (BlockRef block : input.blocks(s)) {
                    if (block.maxTime() >= expiryNanos) {
                        writer.add(key, ChunkSlicer.dropBefore(input.read(block), expiryNanos));
                    }
                }
            }
        }
        store.replace(inputs, writer, level);
    }

    /** Merges small segments of every partition under the compaction policy; returns how many were written. */
    synchronized int compact() throws IOException {
        checkWritable();
        List<SegmentReader> before = store.segments();
        int outputs = new SegmentCompactor(store, policy).compactAll().size();
        report(before, store.segments());
        return outputs;
    }

    /** Closes the store and takes its segments off the meter. Later changes fail. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            store.close();
            meter.addMagnetic(-reportedBytes, -reportedPoints);
            reportedBytes = 0;
            reportedPoints = 0;
        }
    }

    /** Open, and taken over by this node since it last became the writer. */
    private void checkWritable() throws IOException {
        checkOpen();
        long epoch = writerEpoch.getAsLong();
        if (recoveredEpoch != epoch) {
            List<SegmentReader> before = store.segments();
            store.recover();
            report(before, store.segments());
            recoveredEpoch = epoch;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("cannot change magnetic store: closed, tableId=" + store.layout().tableId());
        }
    }

    /** Reports to the meter the segments in {@code after} but not {@code before}, and the reverse. */
    private void report(List<SegmentReader> before, List<SegmentReader> after) {
        Set<SegmentReader> old = identitySet(before);
        Set<SegmentReader> now = identitySet(after);
        long bytes = 0;
        long points = 0;
        for (SegmentReader segment : after) {
            if (!old.contains(segment)) {
                bytes += segment.sizeBytes();
                points += points(segment);
            }
        }
        for (SegmentReader segment : before) {
            if (!now.contains(segment)) {
                bytes -= segment.sizeBytes();
                points -= points(segment);
            }
        }
        reportedBytes += bytes;
        reportedPoints += points;
        meter.addMagnetic(bytes, points);
    }

    private static Set<SegmentReader> identitySet(List<SegmentReader> segments) {
        Set<SegmentReader> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(segments);
        return set;
    }

    /** Points in a segment, from its footer index. */
    static long points(SegmentReader segment) {
        long points = 0;
        for (int s = 0; s < segment.seriesCount(); s++) {
            for (BlockRef block : segment.blocks(s)) {
                points += block.count();
            }
        }
        return points;
    }

    /** {min, max} time of a segment's points, from its footer index. */
    private static long[] timeRange(SegmentReader segment) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int s = 0; s < segment.seriesCount(); s++) {
            for (BlockRef block : segment.blocks(s)) {
                min = Math.min(min, block.minTime());
                max = Math.max(max, block.maxTime());
            }
        }
        return new long[] {min, max};
    }
}
