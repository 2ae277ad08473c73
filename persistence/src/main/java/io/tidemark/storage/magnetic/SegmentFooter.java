package io.tidemark.storage.magnetic;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.chunk.ChunkStats;
import io.tidemark.storage.chunk.ChunkStatsCodec;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.ColumnStats;
import io.tidemark.storage.codec.BitReader;
import io.tidemark.storage.codec.BitWriter;
import io.tidemark.storage.codec.CodecException;
import io.tidemark.storage.model.MeasureType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The footer index of a segment: the ids of the segments it replaces (for compaction recovery) and,
 * per series in dictionary order, its blocks with length, point count, time range, columns and
 * stats. Block offsets are implied (blocks lie end to end from the start of the block section) and
 * times are deltas, so an entry takes a few bytes besides its column stats. Decoding checks that
 * the blocks fill the block section exactly and that a series' blocks are ordered by time. Layout in
 * <a href="../../../../../../../../docs/formats/segment.md">docs/formats/segment.md</a>, "Footer index".
 */
final class SegmentFooter {

    final long[] replaces;
    /** Blocks of series {@code s} are {@code blocks[firstBlock[s]]} up to, excluding, {@code blocks[firstBlock[s + 1]]}. */
    final int[] firstBlock;
    final List<BlockRef> blocks;

    private SegmentFooter(long[] replaces, int[] firstBlock, List<BlockRef> blocks) {
        this.replaces = replaces;
        this.firstBlock = firstBlock;
        this.blocks = blocks;
    }

    /**
     * Encodes the plain (unframed) footer for the blocks of each series, series in dictionary
     * order, each series' blocks in time order, all blocks end to end in file order.
     *
     * @param nameIds the dictionary's string id of a column name
     */
    static byte[] encode(long[] replaces, List<List<BlockRef>> blocksBySeries, long partitionStart,
            ToIntFunction<String> nameIds) {
        BitWriter out = new BitWriter();
        out.writeUvarint(blocksBySeries.size());
        out.writeUvarint(replaces.length);
        for (long id : replaces) {
            out.writeLong(id);
        }
        for (List<BlockRef> blocks : blocksBySeries) {
            out.writeUvarint(blocks.size());
            long previousMax = partitionStart - 1;
            for (BlockRef block : blocks) {
                out.writeUvarint(block.length());
                out.writeUvarint(block.count());
                out.writeUvarint(block.minTime() - previousMax - 1);
                out.writeUvarint(block.maxTime() - block.minTime());
                out.writeUvarint(block.columns().size());
                for (int c = 0; c < block.columns().size(); c++) {
                    ColumnSpec spec = block.columns().get(c);
                    out.writeByte(spec.type().id());
                    out.writeUvarint(nameIds.applyAsInt(spec.name()));
                    ChunkStatsCodec.write(block.stats().column(c), out);
                }
                previousMax = block.maxTime();
            }
        }
        return out.toByteArray();
    }

    /**
     * Decodes and checks the plain bytes of a footer.
     *
     * @param footerOffset where the footer section starts in the file: the end of the block section
     * @param blocksStart  first byte of the block section
     * @param strings      the dictionary's string table, for column names
     */
    static SegmentFooter decode(byte[] plain, Path file, long footerOffset, int seriesCount, long blocksStart,
            SegmentHeader header, String[] strings) {
        BitReader in = new BitReader(plain, 0, plain.length);
        try {
            long storedSeries = in.readUvarint();
            if (storedSeries != seriesCount) {
                throw new CorruptionException(file, footerOffset, "footer series count differs from dictionary: footer="
                        + storedSeries + ", dictionary=" + seriesCount);
            }
            int replacedCount = in.readLength(plain.length / 8, "replaced segment count");
            long[] replaces = new long[replacedCount];
            for (int i = 0; i < replacedCount; i++) {
                replaces[i] = in.readLong();
            }
            int[] firstBlock = new int[seriesCount + 1];
            List<BlockRef> blocks = new ArrayList<>();
            long offset = blocksStart;
            for (int s = 0; s < seriesCount; s++) {
                firstBlock[s] = blocks.size();
                int blockCount = in.readLength(plain.length - in.bytePosition(), "block count");
                if (blockCount == 0) {
                    throw new CorruptionException(file, footerOffset, "block count out of range: series=" + s + ", count=0");
                }
                long previousMax = header.partitionStart() - 1;
                for (int b = 0; b < blockCount; b++) {
                    BlockRef block = readBlock(in, s, offset, previousMax, header, file, footerOffset, strings);
                    offset += block.length();
                    if (offset > footerOffset) {
                        throw new CorruptionException(file, footerOffset, "block outside the block section: series=" + s
                                + ", offset=" + block.offset() + ", length=" + block.length() + ", blocksEnd=" + footerOffset);
                    }
                    previousMax = block.maxTime();
                    blocks.add(block);
                }
            }
            firstBlock[seriesCount] = blocks.size();
            if (offset != footerOffset) {
                throw new CorruptionException(file, footerOffset, "blocks do not fill the block section: blocksEnd="
                        + offset + ", footerOffset=" + footerOffset);
            }
            if (in.bytePosition() != plain.length) {
                throw new CorruptionException(file, footerOffset, "footer has trailing bytes: count="
                        + (plain.length - in.bytePosition()));
            }
            return new SegmentFooter(replaces, firstBlock, List.copyOf(blocks));
        } catch (CodecException e) {
            throw new CorruptionException(file, footerOffset, "footer truncated or invalid: " + e.getMessage(), e);
        }
    }

    private static BlockRef readBlock(BitReader in, int series, long offset, long previousMax, SegmentHeader header,
            Path file, long footerOffset, String[] strings) {
        int length = in.readLength(Integer.MAX_VALUE, "block length");
        int count = in.readLength(Integer.MAX_VALUE, "block point count");
        long gap = in.readUvarint();
        long span = in.readUvarint();
        long room = header.partitionEnd() - previousMax - 1;
        if (length == 0 || count == 0 || gap < 0 || span < 0 || gap >= room || span >= room - gap) {
            throw new CorruptionException(file, footerOffset, "block with no bytes, no points or a time range outside"
                    + " the partition or before the previous block: series=" + series + ", offset=" + offset
                    + ", length=" + length + ", count=" + count + ", gap=" + gap + ", span=" + span);
        }
        long minTime = previousMax + 1 + gap;
        long maxTime = minTime + span;
        int columnCount = in.readLength(plainRemaining(in), "column count");
        if (columnCount == 0) {
            throw new CorruptionException(file, footerOffset, "block without columns: series=" + series);
        }
        List<ColumnSpec> columns = new ArrayList<>(columnCount);
        List<ColumnStats> stats = new ArrayList<>(columnCount);
        for (int c = 0; c < columnCount; c++) {
            int typeId = in.readByte();
            String name = SegmentDictionary.string(in, strings, file, footerOffset, series);
            ColumnSpec spec;
            try {
                spec = new ColumnSpec(name, MeasureType.fromId(typeId));
            } catch (IllegalArgumentException e) {
                throw new CorruptionException(file, footerOffset, "invalid column: series=" + series + ": "
                        + e.getMessage(), e);
            }
            if (spec.type() == MeasureType.MULTI) {
                throw new CorruptionException(file, footerOffset, "column type not allowed in a block: type=" + spec.type());
            }
            columns.add(spec);
            try {
                stats.add(ChunkStatsCodec.read(spec.type(), count, in));
            } catch (CodecException e) {
                throw new CorruptionException(file, footerOffset, "invalid column stats: type=" + spec.type() + ", count="
                        + count + ": " + e.getMessage(), e);
            }
        }
        return new BlockRef(series, offset, length, count, minTime, maxTime, List.copyOf(columns),
                new ChunkStats(count, minTime, maxTime, stats));
    }

    private static int plainRemaining(BitReader in) {
        return in.limit() - in.bytePosition();
    }
}
