package io.tidemark.storage.magnetic;

import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Collects the sealed chunks of one table and one partition and writes them as one immutable
 * segment file (<a href="../../../../../../../../docs/formats/segment.md">docs/formats/segment.md</a>).
 *
 * <p>Crash safety: the file is written under a temporary name in the partition directory, fsynced,
 * renamed atomically to its final name and the directory fsynced, all through {@link FileIo}. A
 * crash at any point leaves either no segment or a complete one plus at most a temporary file,
 * which {@link MagneticStore} removes when it opens. When a step fails the temporary file is
 * removed and, if the rename had already happened, the final file too, so a failed write leaves
 * no segment behind.
 *
 * <p>Not thread-safe: one writer is filled and written by one thread.
 */
public final class SegmentWriter {

    /** A day of 10-second points: one block per series per day for the common case. */
    public static final int DEFAULT_MAX_BLOCK_POINTS = 8_640;
    /** A segment is mapped as one buffer, so it must stay below 2 GiB. */
    static final long MAX_FILE_SIZE = Integer.MAX_VALUE;

    private final LocalDate partition;
    private final long partitionStart;
    private final long partitionEnd;
    private final int maxBlockPoints;
    private final Map<SeriesKey, PendingSeries> seriesByKey = new TreeMap<>();

    public SegmentWriter(LocalDate partition) {
        this(partition, DEFAULT_MAX_BLOCK_POINTS);
    }

    /** @param maxBlockPoints how many points neighbouring chunks of a series may merge into */
    public SegmentWriter(LocalDate partition, int maxBlockPoints) {
        if (maxBlockPoints <= 0) {
            throw new IllegalArgumentException("cannot use block size: maxBlockPoints=" + maxBlockPoints);
        }
        this.partition = partition;
        this.partitionStart = MagneticLayout.partitionStartNanos(partition);
        this.partitionEnd = MagneticLayout.partitionEndNanos(partition);
        this.maxBlockPoints = maxBlockPoints;
    }

    public LocalDate partition() {
        return partition;
    }

    /**
     * Adds a chunk of a series. Chunks may come in any order and overlap; on a duplicate point the
     * higher version wins and, on equal versions, the chunk added later. Chunks of a multi-measure
     * series may have different columns, but a column name keeps one type.
     *
     * @throws IllegalArgumentException if the chunk is empty, lies outside the partition or gives a
     *     column of the series another type
     */
    public void add(SeriesKey series, SealedChunk chunk) {
        if (chunk.count() == 0 || chunk.minTime() < partitionStart || chunk.maxTime() >= partitionEnd) {
            throw new IllegalArgumentException("cannot add chunk to segment: series=" + series + ", count="
                    + chunk.count() + ", minTime=" + chunk.minTime() + ", maxTime=" + chunk.maxTime()
                    + ", partition=" + partition + ", partitionStart=" + partitionStart + ", partitionEnd=" + partitionEnd);
        }
        PendingSeries pending = seriesByKey.computeIfAbsent(series, k -> new PendingSeries());
        for (ColumnSpec spec : chunk.columns()) {
            MeasureType known = pending.columnTypes.get(spec.name());
            if (known != null && known != spec.type()) {
                throw new IllegalArgumentException("cannot add chunk to segment: series=" + series + ", column="
                        + spec.name() + ", type=" + spec.type() + ", expected=" + known);
            }
        }
        for (ColumnSpec spec : chunk.columns()) {
            pending.columnTypes.put(spec.name(), spec.type());
        }
        pending.chunks.add(chunk);
    }

    public boolean isEmpty() {
        return seriesByKey.isEmpty();
    }

    public int seriesCount() {
        return seriesByKey.size();
    }

    /**
     * Writes the segment and makes it durable under {@code layout.segmentFile(partition, segmentId)}.
     *
     * @param replaces ids of segments of the same partition whose data this one contains (compaction
     *     inputs); they are deleted on open if a crash left them behind
     * @return the final path
     * @throws IOException if any step fails; then no segment file and no temporary file remain
     */
    public Path write(FileIo io, MagneticLayout layout, long segmentId, int level, long[] replaces, long createdMillis)
            throws IOException {
        if (isEmpty()) {
            throw new IllegalStateException("cannot write empty segment: table=" + layout.tableId()
                    + ", partition=" + partition);
        }
        SegmentHeader header = new SegmentHeader(layout.tableId(), segmentId, level, partitionStart, partitionEnd,
                createdMillis);
        Path dir = layout.partitionDir(partition);
        Path temp = layout.tempFile(partition, segmentId);
        Path target = layout.segmentFile(partition, segmentId);
        io.createDirectories(dir);
        if (io.exists(target)) {
            throw new IOException("cannot write segment: file exists, file=" + target);
        }
        io.delete(temp);
        boolean renamed = false;
        try {
            try (FileChannel channel = io.create(temp)) {
                writeContent(io, channel, header, replaces.clone());
                io.fsync(channel);
            }
            io.moveAtomically(temp, target);
            renamed = true;
            io.fsyncDirectory(dir);
            return target;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(io, renamed ? target : temp, e);
            throw e;
        }
    }

    private void writeContent(FileIo io, FileChannel channel, SegmentHeader header, long[] replaces)
            throws IOException {
        CRC32C fileCrc = new CRC32C();
        long position = 0;
        Set<String> columnNames = new HashSet<>();
        for (PendingSeries pending : seriesByKey.values()) {
            columnNames.addAll(pending.columnTypes.keySet());
        }
        SegmentDictionary dictionary = SegmentDictionary.of(seriesByKey.keySet(), columnNames);
        byte[] dictionarySection = SegmentSection.encode(dictionary.encode());
        ByteBuffer head = ByteBuffer.allocate(header.encodedSize() + dictionarySection.length).order(ByteOrder.BIG_ENDIAN);
        header.writeTo(head);
        head.put(dictionarySection);
        position += append(io, channel, head.flip(), fileCrc);

        List<List<BlockRef>> blocks = new ArrayList<>(seriesByKey.size());
        int series = 0;
        for (PendingSeries pending : seriesByKey.values()) {
            List<BlockRef> refs = new ArrayList<>();
            for (SealedChunk block : Rechunker.toBlocks(pending.chunks, maxBlockPoints)) {
                byte[] bytes = block.bytes();
                refs.add(new BlockRef(series, position, bytes.length, block.count(), block.minTime(),
                        block.maxTime(), block.columns(), block.stats()));
                position += append(io, channel, ByteBuffer.wrap(bytes), fileCrc);
            }
            blocks.add(refs);
            series++;
        }

        byte[] footer = SegmentSection.encode(SegmentFooter.encode(replaces, blocks, partitionStart, dictionary::id));
        CRC32C footerCrc = new CRC32C();
        footerCrc.update(footer);
        SegmentTrailer trailer = new SegmentTrailer(position, footer.length, (int) footerCrc.getValue());
        position += append(io, channel, ByteBuffer.wrap(footer), fileCrc);
        position += append(io, channel, trailer.encodeHead(), fileCrc);
        position += append(io, channel, SegmentTrailer.encodeTail((int) fileCrc.getValue()), fileCrc);
        if (position > MAX_FILE_SIZE) {
            throw new IOException("cannot write segment: size=" + position + ", limit=" + MAX_FILE_SIZE
                    + ", partition=" + partition + "; use more segments per partition");
        }
    }

    /** The chunks added for one series and the type of each column name seen so far. */
    private static final class PendingSeries {
        final List<SealedChunk> chunks = new ArrayList<>();
        final Map<String, MeasureType> columnTypes = new HashMap<>();
    }

    private static int append(FileIo io, FileChannel channel, ByteBuffer bytes, CRC32C crc) throws IOException {
        int length = bytes.remaining();
        crc.update(bytes.duplicate());
        io.writeFully(channel, bytes);
        return length;
    }

    private static void deleteQuietly(FileIo io, Path file, Exception failure) {
        try {
            io.delete(file);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
