package io.tidemark.storage.magnetic;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.chunk.ChunkStats;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.ColumnStats;
import io.tidemark.storage.model.MeasureType;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The footer index of a segment: the ids of the segments it replaces (for compaction recovery) and,
 * per series in dictionary order, its blocks with offset, length, time range, count, columns and
 * stats. Decoding checks that every block lies inside the block section, that blocks do not overlap
 * and that a series' blocks are ordered by time. Layout in
 * <a href="../../../../../../../../docs/formats/segment.md">docs/formats/segment.md</a>.
 */
final class SegmentFooter {

    /** Bytes of one block entry before its columns: offset, length, count, minTime, maxTime, columnCount. */
    static final int BLOCK_ENTRY_FIXED_SIZE = 8 + 4 + 4 + 8 + 8 + 2;

    final long[] replaces;
    /** Blocks of series {@code s} are {@code blocks[firstBlock[s]]} up to, excluding, {@code blocks[firstBlock[s + 1]]}. */
    final int[] firstBlock;
    final List<BlockRef> blocks;

    private SegmentFooter(long[] replaces, int[] firstBlock, List<BlockRef> blocks) {
        this.replaces = replaces;
        this.firstBlock = firstBlock;
        this.blocks = blocks;
    }

    /** Encodes the footer for the blocks of each series, series in dictionary order. */
    static byte[] encode(long[] replaces, List<List<BlockRef>> blocksBySeries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(blocksBySeries.size());
            out.writeInt(replaces.length);
            for (long id : replaces) {
                out.writeLong(id);
            }
            for (List<BlockRef> blocks : blocksBySeries) {
                out.writeInt(blocks.size());
                for (BlockRef block : blocks) {
                    out.writeLong(block.offset());
                    out.writeInt(block.length());
                    out.writeInt(block.count());
                    out.writeLong(block.minTime());
                    out.writeLong(block.maxTime());
                    out.writeShort(block.columns().size());
                    for (int c = 0; c < block.columns().size(); c++) {
                        ColumnSpec spec = block.columns().get(c);
                        byte[] name = spec.name().getBytes(StandardCharsets.UTF_8);
                        out.writeByte(spec.type().id());
                        out.writeShort(name.length);
                        out.write(name);
                        BlockStatsCodec.write(out, block.stats().column(c));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes and checks a footer.
     *
     * @param footer       exactly the footer bytes
     * @param footerOffset where the footer starts in the file, for error messages
     * @param blocksStart  first byte of the block section
     * @param header       the segment's header, for its partition bounds
     */
    static SegmentFooter decode(ByteBuffer footer, Path file, long footerOffset, int seriesCount, long blocksStart,
            SegmentHeader header) {
        try {
            int storedSeries = footer.getInt();
            if (storedSeries != seriesCount) {
                throw new CorruptionException(file, footerOffset, "footer series count differs from dictionary: footer="
                        + storedSeries + ", dictionary=" + seriesCount);
            }
            int replacedCount = footer.getInt();
            if (replacedCount < 0 || replacedCount > footer.remaining() / 8) {
                throw new CorruptionException(file, footerOffset, "replaced segment count out of range: count=" + replacedCount);
            }
            long[] replaces = new long[replacedCount];
            for (int i = 0; i < replacedCount; i++) {
                replaces[i] = footer.getLong();
            }
            int[] firstBlock = new int[seriesCount + 1];
            List<BlockRef> blocks = new ArrayList<>();
            long previousEnd = blocksStart;
            for (int s = 0; s < seriesCount; s++) {
                firstBlock[s] = blocks.size();
                int blockCount = footer.getInt();
                if (blockCount <= 0 || blockCount > footer.remaining() / BLOCK_ENTRY_FIXED_SIZE) {
                    throw new CorruptionException(file, footerOffset + footer.position(),
                            "block count out of range: series=" + s + ", count=" + blockCount);
                }
                long previousMax = Long.MIN_VALUE;
                for (int b = 0; b < blockCount; b++) {
                    long entryOffset = footerOffset + footer.position();
                    BlockRef block = readBlock(footer, s, file, entryOffset);
                    checkBlock(block, previousEnd, previousMax, b == 0, footerOffset, header, file, entryOffset);
                    previousEnd = block.offset() + block.length();
                    previousMax = block.maxTime();
                    blocks.add(block);
                }
            }
            firstBlock[seriesCount] = blocks.size();
            if (footer.hasRemaining()) {
                throw new CorruptionException(file, footerOffset + footer.position(),
                        "footer has trailing bytes: count=" + footer.remaining());
            }
            return new SegmentFooter(replaces, firstBlock, List.copyOf(blocks));
        } catch (BufferUnderflowException e) {
            throw new CorruptionException(file, footerOffset + footer.position(), "footer truncated", e);
        }
    }

    private static BlockRef readBlock(ByteBuffer footer, int series, Path file, long entryOffset) {
        long offset = footer.getLong();
        int length = footer.getInt();
        int count = footer.getInt();
        long minTime = footer.getLong();
        long maxTime = footer.getLong();
        int columnCount = Short.toUnsignedInt(footer.getShort());
        if (columnCount == 0) {
            throw new CorruptionException(file, entryOffset, "block without columns: series=" + series);
        }
        List<ColumnSpec> columns = new ArrayList<>(columnCount);
        List<ColumnStats> stats = new ArrayList<>(columnCount);
        for (int c = 0; c < columnCount; c++) {
            int typeId = Byte.toUnsignedInt(footer.get());
            byte[] name = new byte[Short.toUnsignedInt(footer.getShort())];
            footer.get(name);
            ColumnSpec spec;
            try {
                spec = new ColumnSpec(new String(name, StandardCharsets.UTF_8), MeasureType.fromId(typeId));
            } catch (IllegalArgumentException e) {
                throw new CorruptionException(file, entryOffset, "invalid column: " + e.getMessage(), e);
            }
            columns.add(spec);
            stats.add(BlockStatsCodec.read(footer, spec.type(), count, file, entryOffset));
        }
        return new BlockRef(series, offset, length, count, minTime, maxTime, List.copyOf(columns),
                new ChunkStats(count, minTime, maxTime, stats));
    }

    private static void checkBlock(BlockRef block, long previousEnd, long previousMax, boolean firstOfSeries,
            long footerOffset, SegmentHeader header, Path file, long entryOffset) {
        String problem = null;
        if (block.offset() < previousEnd || block.length() <= 0 || block.offset() + block.length() > footerOffset) {
            problem = "block outside the block section or overlapping the previous one";
        } else if (block.count() <= 0 || block.minTime() > block.maxTime()) {
            problem = "block with no points or an inverted time range";
        } else if (block.minTime() < header.partitionStart() || block.maxTime() >= header.partitionEnd()) {
            problem = "block outside the partition";
        } else if (!firstOfSeries && block.minTime() <= previousMax) {
            problem = "blocks of a series not ordered by time";
        }
        if (problem != null) {
            throw new CorruptionException(file, entryOffset, problem + ": series=" + block.series() + ", offset="
                    + block.offset() + ", length=" + block.length() + ", count=" + block.count() + ", minTime="
                    + block.minTime() + ", maxTime=" + block.maxTime());
        }
    }
}
