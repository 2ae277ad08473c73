package io.tidemark.storage.magnetic;

import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.model.SeriesKey;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The magnetic segments of one table: every segment of every partition under
 * {@code <data>/magnetic/<table-id>/}, as an immutable, copy-on-write list of open readers.
 *
 * <p>On open, temporary files of interrupted writes are deleted, every segment is verified, and a
 * segment that fails verification is logged and moved to {@code quarantine/} while the store serves
 * the others. A segment whose id appears in the "replaces" list of another segment of its partition
 * is the input of a compaction that crashed after writing its output and before deleting its inputs:
 * it is deleted then, finishing the compaction. Until that happens both hold the same points, which
 * readers merge like any overlapping data (higher version wins; on a tie, the higher segment id).
 * See <a href="../../../../../../../../docs/formats/segment.md">docs/formats/segment.md</a>, "Crash safety".
 *
 * <p>In a cluster the directory is shared: one node at a time writes it (it opened the store with
 * {@link #open} or took it over with {@link #recover}), the others open it with {@link #openShared}
 * and {@link #reload} it when told the writer changed it. Readers never change anything on disk;
 * they skip what the writer's recovery would remove (temporary files, inputs of an unfinished
 * compaction, damaged segments).
 *
 * <p>Thread-safe: {@link #segments()} is a lock-free snapshot; writes and replacements are
 * serialized. Readers the store stops serving are not closed, so a query holding an older snapshot
 * finishes; their mappings are freed by the garbage collector.
 */
public final class MagneticStore implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(MagneticStore.class);
    static final Comparator<SegmentReader> BY_PARTITION_AND_ID =
            Comparator.comparingLong((SegmentReader r) -> r.header().partitionStart()).thenComparingLong(SegmentReader::segmentId);

    private final FileIo io;
    private final MagneticLayout layout;
    private final Clock clock;
    private final Object writeLock = new Object();
    private volatile List<SegmentReader> segments;
    private long nextSegmentId;

    private MagneticStore(FileIo io, MagneticLayout layout, Clock clock, List<SegmentReader> segments, long nextSegmentId) {
        this.io = io;
        this.layout = layout;
        this.clock = clock;
        this.segments = segments;
        this.nextSegmentId = nextSegmentId;
    }

    /**
     * Opens (creating if needed) the table's magnetic directory as its writer: interrupted writes
     * and compactions are cleaned up and damaged segments quarantined (see the class comment).
     *
     * @throws IOException if a directory cannot be listed or a file cannot be mapped or removed
     */
    public static MagneticStore open(FileIo io, MagneticLayout layout, Clock clock) throws IOException {
        io.createDirectories(layout.tableDir());
        SegmentListing listing = SegmentListing.list(io, layout, Map.of(), true);
        return new MagneticStore(io, layout, clock, listing.readers(), listing.maxId() + 1);
    }

    /**
     * Opens the table's magnetic directory as a reader, for a node that shares the directory with
     * another node that may be writing it now: nothing on disk is changed. Temporary files, segments
     * named in another's "replaces" list and segments that fail verification are skipped, not
     * removed (the writer's {@link #recover} does that). A missing directory is an empty store.
     *
     * @throws IOException if a directory cannot be listed or a segment cannot be mapped
     */
    public static MagneticStore openShared(FileIo io, MagneticLayout layout, Clock clock) throws IOException {
        SegmentListing listing = SegmentListing.list(io, layout, Map.of(), false);
        return new MagneticStore(io, layout, clock, listing.readers(), listing.maxId() + 1);
    }

    /**
     * Reads the directory again as {@link #openShared} does and serves what is there now: segments
     * another node added appear, those it deleted disappear (their readers stay open for queries
     * holding an older snapshot). Segments already served keep their readers. Nothing on disk is
     * changed, so this is safe while another node writes.
     *
     * @throws IOException if a directory cannot be listed or a new segment cannot be mapped
     */
    public void reload() throws IOException {
        relist(false);
    }

    /**
     * Takes over as the directory's writer: reads it again and does what {@link #open} does to
     * a store a previous writer left (deletes temporary files, finishes interrupted compactions,
     * quarantines damaged segments), and moves the segment id counter past every id on disk. Call
     * it only when no other node writes the directory any more.
     *
     * @throws IOException if a directory cannot be listed or a file cannot be mapped or removed
     */
    public void recover() throws IOException {
        io.createDirectories(layout.tableDir());
        relist(true);
    }

    private void relist(boolean writer) throws IOException {
        synchronized (writeLock) {
            Map<Path, SegmentReader> current = new HashMap<>();
            for (SegmentReader reader : segments) {
                current.put(reader.file(), reader);
            }
            SegmentListing listing = SegmentListing.list(io, layout, current, writer);
            segments = listing.readers();
            nextSegmentId = Math.max(nextSegmentId, listing.maxId() + 1);
        }
    }

    public MagneticLayout layout() {
        return layout;
    }

    /** All segments, ordered by partition then segment id; a snapshot unaffected by later changes. */
    public List<SegmentReader> segments() {
        return segments;
    }

    /** The segments of one partition, ordered by segment id. */
    public List<SegmentReader> segments(LocalDate partition) {
        long start = MagneticLayout.partitionStartNanos(partition);
        List<SegmentReader> out = new ArrayList<>();
        for (SegmentReader reader : segments) {
            if (reader.header().partitionStart() == start) {
                out.add(reader);
            }
        }
        return out;
    }

    /** The partitions that have at least one segment, in time order. */
    public List<LocalDate> partitions() {
        TreeSet<LocalDate> out = new TreeSet<>();
        for (SegmentReader reader : segments) {
            out.add(MagneticLayout.partitionOf(reader.header().partitionStart()));
        }
        return List.copyOf(out);
    }

    /** Total bytes of all served segments. */
    public long sizeBytes() {
        long total = 0;
        for (SegmentReader reader : segments) {
            total += reader.sizeBytes();
        }
        return total;
    }

    /**
     * The chunks of a series that may hold points in {@code [fromNanos, toNanos]}, from every
     * segment, ordered by partition, then segment id, then time. Passing them in this order to
     * {@link SealedChunk#merge} resolves duplicates across segments (the newer segment wins ties).
     */
    public List<SealedChunk> read(SeriesKey series, long fromNanos, long toNanos) {
        List<SealedChunk> out = new ArrayList<>();
        for (SegmentReader reader : segments) {
            if (reader.header().partitionEnd() <= fromNanos || reader.header().partitionStart() > toNanos) {
                continue;
            }
            int index = reader.find(series);
            if (index >= 0) {
                out.addAll(reader.read(index, fromNanos, toNanos));
            }
        }
        return out;
    }

    /**
     * The chunks of every series that may hold points in {@code [fromNanos, toNanos]}, per series in
     * the order {@link #read} gives them; series in order of first appearance.
     */
    public Map<SeriesKey, List<SealedChunk>> readAll(long fromNanos, long toNanos) {
        return readAll(fromNanos, toNanos, series -> true);
    }

    /**
     * {@link #readAll(long, long)} restricted to the series {@code wanted} accepts; the others'
     * blocks are not read at all (only the segments' dictionaries are consulted), so a query
     * pruned by measure name or dimension costs nothing for the series it skips.
     */
    public Map<SeriesKey, List<SealedChunk>> readAll(long fromNanos, long toNanos, Predicate<SeriesKey> wanted) {
        Map<SeriesKey, List<SealedChunk>> out = new LinkedHashMap<>();
        for (SegmentReader reader : segments) {
            if (reader.header().partitionEnd() <= fromNanos || reader.header().partitionStart() > toNanos) {
                continue;
            }
            for (int index = 0; index < reader.seriesCount(); index++) {
                if (wanted.test(reader.series(index)) && !reader.blocks(index, fromNanos, toNanos).isEmpty()) {
                    out.computeIfAbsent(reader.series(index), k -> new ArrayList<>())
                            .addAll(reader.read(index, fromNanos, toNanos));
                }
            }
        }
        return out;
    }

    /** Writes a new level-0 segment and starts serving it. */
    public SegmentReader write(SegmentWriter writer) throws IOException {
        return replace(List.of(), writer, 0);
    }

    /**
     * Writes {@code output}, serves it in place of {@code inputs} in one step, then deletes the
     * inputs' files. The output names the inputs in its "replaces" list, so a crash before the
     * deletions is finished on the next open.
     *
     * Compaction and retention use it; {@code level} is the output's compaction level.
     *
     * @throws IllegalStateException if an input is no longer served or lies in another partition
     */
    public SegmentReader replace(List<SegmentReader> inputs, SegmentWriter output, int level) throws IOException {
        synchronized (writeLock) {
            long partitionStart = MagneticLayout.partitionStartNanos(output.partition());
            long[] replaced = new long[inputs.size()];
            for (int i = 0; i < inputs.size(); i++) {
                SegmentReader input = inputs.get(i);
                if (!segments.contains(input) || input.header().partitionStart() != partitionStart) {
                    throw new IllegalStateException("cannot replace segment: file=" + input.file()
                            + ", reason=not served or in another partition, partition=" + output.partition());
                }
                replaced[i] = input.segmentId();
            }
            long id = nextSegmentId++;
            Path file = output.write(io, layout, id, level, replaced, clock.millis());
            SegmentReader reader;
            try {
                reader = SegmentReader.open(io, file);
            } catch (IOException | RuntimeException e) {
                io.delete(file);
                throw e;
            }
            List<SegmentReader> next = new ArrayList<>(segments);
            next.removeAll(inputs);
            next.add(reader);
            next.sort(BY_PARTITION_AND_ID);
            segments = List.copyOf(next);
            deleteFiles(inputs);
            return reader;
        }
    }

    /**
     * Stops serving segments and deletes their files, as retention does with whole partitions.
     * Queries holding an earlier snapshot keep reading them.
     *
     * @throws IllegalStateException if a segment is not served by this store
     */
    public void remove(List<SegmentReader> victims) {
        synchronized (writeLock) {
            for (SegmentReader victim : victims) {
                if (!segments.contains(victim)) {
                    throw new IllegalStateException("cannot remove segment: not served, file=" + victim.file());
                }
            }
            List<SegmentReader> next = new ArrayList<>(segments);
            next.removeAll(victims);
            segments = List.copyOf(next);
            deleteFiles(victims);
        }
    }

    private void deleteFiles(List<SegmentReader> readers) {
        for (SegmentReader reader : readers) {
            try {
                io.delete(reader.file());
                io.fsyncDirectory(reader.file().getParent());
            } catch (IOException e) {
                LOG.warn("Cannot delete segment that is no longer served: file={}", reader.file(), e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            for (SegmentReader reader : segments) {
                reader.close();
            }
            segments = List.of();
        }
    }
}
