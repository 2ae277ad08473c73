package io.tidemark.storage.magnetic;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.model.SeriesKey;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads one segment file (<a href="../../../../../../../../docs/formats/segment.md">docs/formats/segment.md</a>)
 * through a read-only memory mapping. {@link #open} checks magic, version, the header, footer and
 * whole-file CRC32Cs and the consistency of the footer index, so a reader that opened serves only
 * intact data. Series lookups and block selection use the in-memory index only; block bytes are
 * touched when a block is read.
 *
 * <p>Thread-safe: immutable after open. The mapping is released by the garbage collector once no
 * reader and no chunk refers to it; {@link #close} makes further reads fail fast.
 */
public final class SegmentReader implements Closeable {

    private final Path file;
    private final ByteBuffer mapped;
    private final SegmentHeader header;
    private final SeriesKey[] series;
    private final SegmentFooter footer;
    private volatile boolean closed;

    private SegmentReader(Path file, ByteBuffer mapped, SegmentHeader header, SeriesKey[] series, SegmentFooter footer) {
        this.file = file;
        this.mapped = mapped;
        this.header = header;
        this.series = series;
        this.footer = footer;
    }

    /**
     * Maps and verifies a segment file.
     *
     * @throws CorruptionException if any check fails
     * @throws IOException if the file cannot be mapped
     */
    public static SegmentReader open(FileIo io, Path file) throws IOException {
        long size = io.size(file);
        if (size > SegmentWriter.MAX_FILE_SIZE) {
            throw new CorruptionException(file, 0, "file larger than any segment: size=" + size);
        }
        ByteBuffer mapped = io.mapReadOnly(file).order(ByteOrder.BIG_ENDIAN);
        SegmentHeader header = SegmentHeader.read(mapped, file);
        int dictionaryStart = header.encodedSize();
        SegmentTrailer trailer = SegmentTrailer.read(mapped, file, dictionaryStart);
        ByteBuffer beforeFooter = mapped.slice(dictionaryStart, (int) trailer.footerOffset() - dictionaryStart);
        SegmentSection.Decoded dictionarySection = SegmentSection.decode(beforeFooter, file, dictionaryStart, "dictionary");
        SegmentDictionary dictionary = SegmentDictionary.decode(dictionarySection.plain(), file, dictionaryStart);
        ByteBuffer footerBytes = mapped.slice((int) trailer.footerOffset(), trailer.footerLength());
        SegmentSection.Decoded footerSection = SegmentSection.decode(footerBytes, file, trailer.footerOffset(), "footer");
        if (footerSection.framedLength() != trailer.footerLength()) {
            throw new CorruptionException(file, trailer.footerOffset(), "footer has trailing bytes: count="
                    + (trailer.footerLength() - footerSection.framedLength()));
        }
        SegmentFooter footer = SegmentFooter.decode(footerSection.plain(), file, trailer.footerOffset(),
                dictionary.series.length, dictionaryStart + dictionarySection.framedLength(), header, dictionary.strings);
        return new SegmentReader(file, mapped, header, dictionary.series, footer);
    }

    public Path file() {
        return file;
    }

    public SegmentHeader header() {
        return header;
    }

    public long segmentId() {
        return header.segmentId();
    }

    /** Size of the file in bytes. */
    public long sizeBytes() {
        return mapped.capacity();
    }

    /** Ids of the compaction inputs this segment replaces (empty when written from memory). */
    public long[] replaces() {
        return footer.replaces.clone();
    }

    public int seriesCount() {
        return series.length;
    }

    /** The series at a dictionary index; indices follow key order. */
    public SeriesKey series(int index) {
        return series[index];
    }

    public List<SeriesKey> seriesKeys() {
        return List.of(series);
    }

    /** The columns of a series: those of its blocks, in order of first appearance. */
    public List<ColumnSpec> columns(int seriesIndex) {
        List<ColumnSpec> out = new ArrayList<>();
        for (BlockRef block : blocks(seriesIndex)) {
            for (ColumnSpec spec : block.columns()) {
                if (!out.contains(spec)) {
                    out.add(spec);
                }
            }
        }
        return out;
    }

    /** The dictionary index of a series, or -1 when the segment does not hold it. */
    public int find(SeriesKey key) {
        int index = Arrays.binarySearch(series, key);
        return index >= 0 ? index : -1;
    }

    /** Dictionary indices, in key order, of the series a predicate accepts. */
    public int[] findSeries(Predicate<SeriesKey> predicate) {
        int[] out = new int[series.length];
        int n = 0;
        for (int i = 0; i < series.length; i++) {
            if (predicate.test(series[i])) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Dictionary indices of the series having dimension {@code name} equal to {@code value}. */
    public int[] findSeriesWithDimension(String name, String value) {
        return findSeries(key -> value.equals(key.dimensionValue(name)));
    }

    /** Every block of a series, ordered by time. */
    public List<BlockRef> blocks(int seriesIndex) {
        return footer.blocks.subList(footer.firstBlock[seriesIndex], footer.firstBlock[seriesIndex + 1]);
    }

    /** The blocks of a series that may hold a point in {@code [fromNanos, toNanos]}, decided by the footer alone. */
    public List<BlockRef> blocks(int seriesIndex, long fromNanos, long toNanos) {
        List<BlockRef> out = new ArrayList<>();
        for (int b = footer.firstBlock[seriesIndex]; b < footer.firstBlock[seriesIndex + 1]; b++) {
            BlockRef block = footer.blocks.get(b);
            if (block.minTime() > toNanos) {
                break;
            }
            if (block.overlaps(fromNanos, toNanos)) {
                out.add(block);
            }
        }
        return out;
    }

    /**
     * The chunk stored in a block.
     *
     * @throws CorruptionException naming this file and the block's offset if the chunk fails its checks
     */
    public SealedChunk read(BlockRef block) {
        if (closed) {
            throw new IllegalStateException("cannot read block: reader closed, file=" + file);
        }
        if (block.offset() < 0 || block.length() < 0 || block.offset() + block.length() > mapped.capacity()) {
            throw new IllegalArgumentException("cannot read block: not in this segment, file=" + file + ", offset="
                    + block.offset() + ", length=" + block.length());
        }
        try {
            return SealedChunk.wrap(mapped.slice((int) block.offset(), block.length()));
        } catch (CorruptionException e) {
            throw new CorruptionException(file, block.offset(), "bad block: " + e.getMessage(), e);
        }
    }

    /** The chunks of a series that may hold a point in {@code [fromNanos, toNanos]}, ordered by time. */
    public List<SealedChunk> read(int seriesIndex, long fromNanos, long toNanos) {
        List<BlockRef> refs = blocks(seriesIndex, fromNanos, toNanos);
        List<SealedChunk> out = new ArrayList<>(refs.size());
        for (BlockRef ref : refs) {
            out.add(read(ref));
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "SegmentReader{file=" + file + ", segmentId=" + header.segmentId() + ", series=" + series.length + '}';
    }
}
