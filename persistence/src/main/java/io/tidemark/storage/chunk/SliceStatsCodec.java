package io.tidemark.storage.chunk;

import io.tidemark.storage.codec.BitReader;
import io.tidemark.storage.codec.BitWriter;
import io.tidemark.storage.codec.CodecException;
import io.tidemark.storage.model.MeasureType;
import java.util.List;

/**
 * Writes and reads the slice stats section of a version 2 chunk ({@link SliceStats}). Layout: <a
 * href="../../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a>, "Slice stats".
 * Extremes and sums are stored against the column's header stats (XOR of the bit patterns for
 * doubles, differences for longs), so a slice whose extreme is the chunk's costs one byte and
 * whole-number doubles a few.
 */
final class SliceStatsCodec {

    /** The trailing-zero byte of an XOR-coded double equal to its reference. */
    private static final int SAME_BITS = 64;

    private SliceStatsCodec() {
    }

    /** The number of slices of {@code width} from {@code minTime}'s to {@code maxTime}'s (inclusive). */
    static long sliceCount(long minTime, long maxTime, long width) {
        return SliceStats.sliceOf(maxTime, width) - SliceStats.sliceOf(minTime, width) + 1;
    }

    /**
     * @param rows rows per slice
     * @param slices per column, per slice the stats of its rows (null for a column without slice
     *     stats; entries of slices without rows are not read)
     */
    static void write(long width, int[] rows, List<ColumnSpec> columns, int count, ColumnStats[] header,
            ColumnStats[][] slices, BitWriter out) {
        out.writeUvarint(width);
        for (int r : rows) {
            out.writeUvarint(r);
        }
        for (int c = 0; c < columns.size(); c++) {
            if (!SliceStats.sliced(columns.get(c).type())) {
                continue;
            }
            boolean allPresent = header[c].nonNullCount() == count;
            for (int s = 0; s < rows.length; s++) {
                if (rows[s] == 0) {
                    continue;
                }
                ColumnStats slice = slices[c][s];
                if (!allPresent) {
                    out.writeUvarint(slice.nonNullCount());
                }
                if (slice.nonNullCount() == 0) {
                    continue;
                }
                if (slice instanceof ColumnStats.DoubleStats d) {
                    ColumnStats.DoubleStats chunk = (ColumnStats.DoubleStats) header[c];
                    writeXor(d.min(), chunk.min(), out);
                    writeXor(d.max(), chunk.max(), out);
                    writeXor(d.sum(), chunk.sum(), out);
                } else {
                    ColumnStats.LongStats l = (ColumnStats.LongStats) slice;
                    ColumnStats.LongStats chunk = (ColumnStats.LongStats) header[c];
                    out.writeByte(l.sumOverflowed() ? 1 : 0);
                    out.writeUvarint(l.min() - chunk.min());
                    out.writeUvarint(chunk.max() - l.max());
                    out.writeVarint(l.sum());
                }
            }
        }
    }

    /** Reads a whole slice stats section; {@code in} must hold exactly the section. */
    static SliceStats read(BitReader in, List<ColumnSpec> columns, ChunkStats header) {
        long width = in.readUvarint();
        if (width <= 0) {
            throw new CodecException("bad slice width=" + width);
        }
        long slices = sliceCount(header.minTime(), header.maxTime(), width);
        if (slices < 2 || slices > SliceStats.MAX_SLICES) {
            throw new CodecException("bad slice count=" + slices + " for width=" + width + ", min=2, max=" + SliceStats.MAX_SLICES);
        }
        int count = header.count();
        int[] rows = new int[(int) slices];
        long total = 0;
        for (int s = 0; s < rows.length; s++) {
            rows[s] = in.readLength(count, "slice rows");
            total += rows[s];
        }
        if (total != count) {
            throw new CodecException("slice rows add up to=" + total + ", chunk rows=" + count);
        }
        int n = columns.size();
        MeasureType[] types = new MeasureType[n];
        int[][] nonNull = new int[n][];
        long[][] min = new long[n][];
        long[][] max = new long[n][];
        long[][] sum = new long[n][];
        boolean[][] overflowed = new boolean[n][];
        for (int c = 0; c < n; c++) {
            MeasureType type = columns.get(c).type();
            types[c] = type;
            if (!SliceStats.sliced(type)) {
                continue;
            }
            ColumnStats chunk = header.column(c);
            boolean allPresent = chunk.nonNullCount() == count;
            nonNull[c] = allPresent ? null : new int[rows.length];
            min[c] = new long[rows.length];
            max[c] = new long[rows.length];
            sum[c] = new long[rows.length];
            overflowed[c] = type == MeasureType.DOUBLE ? null : new boolean[rows.length];
            for (int s = 0; s < rows.length; s++) {
                if (rows[s] == 0) {
                    continue;
                }
                int values = rows[s];
                if (!allPresent) {
                    values = in.readLength(rows[s], "slice non-null count");
                    nonNull[c][s] = values;
                }
                if (values == 0) {
                    continue;
                }
                if (chunk instanceof ColumnStats.DoubleStats d) {
                    min[c][s] = readXor(d.min(), in);
                    max[c][s] = readXor(d.max(), in);
                    sum[c][s] = readXor(d.sum(), in);
                } else {
                    ColumnStats.LongStats l = (ColumnStats.LongStats) chunk;
                    int flags = in.readByte();
                    if ((flags & ~1) != 0) {
                        throw new CodecException("bad slice flags=" + flags);
                    }
                    overflowed[c][s] = flags != 0;
                    min[c][s] = l.min() + in.readUvarint();
                    max[c][s] = l.max() - in.readUvarint();
                    sum[c][s] = in.readVarint();
                }
            }
        }
        if (in.bytePosition() != in.limit()) {
            throw new CodecException("slice stats end at=" + in.bytePosition() + ", section ends at=" + in.limit());
        }
        return new SliceStats(width, SliceStats.sliceOf(header.minTime(), width), rows, types, nonNull, min, max, sum,
                overflowed);
    }

    private static void writeXor(double value, double reference, BitWriter out) {
        long x = Double.doubleToRawLongBits(value) ^ Double.doubleToRawLongBits(reference);
        if (x == 0) {
            out.writeByte(SAME_BITS);
            return;
        }
        int zeros = Long.numberOfTrailingZeros(x);
        out.writeByte(zeros);
        out.writeUvarint(x >>> zeros);
    }

    private static long readXor(double reference, BitReader in) {
        int zeros = in.readByte();
        long bits = Double.doubleToRawLongBits(reference);
        if (zeros == SAME_BITS) {
            return bits;
        }
        if (zeros > SAME_BITS) {
            throw new CodecException("bad trailing zero count=" + zeros);
        }
        return bits ^ (in.readUvarint() << zeros);
    }
}
