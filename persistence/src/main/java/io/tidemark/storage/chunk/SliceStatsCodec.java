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
 * doubles, differences for longs), so a slice whose extreme is the chunk's costs one byte, or a
 * double as a short decimal when that is shorter (whole numbers and two-decimal values: 2–4 bytes).
 */
final class SliceStatsCodec {

    /** The trailing-zero byte of an XOR-coded double equal to its reference. */
    private static final int SAME_BITS = 64;
    /** The tag of a double written as {@code (double) m / 10^0}; 10^k adds k. */
    private static final int FIRST_SCALE = 65;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    /** Scaled values at or above 2^53 are not all exact longs. */
    private static final double MAX_EXACT = 0x1p53;

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
                    writeDouble(d.min(), chunk.min(), out);
                    writeDouble(d.max(), chunk.max(), out);
                    writeDouble(d.sum(), chunk.sum(), out);
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
                    min[c][s] = readDouble(d.min(), in);
                    max[c][s] = readDouble(d.max(), in);
                    sum[c][s] = readDouble(d.sum(), in);
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

    /**
     * A double field: its XOR with the reference (a trailing-zero byte 0..64, then the XOR shifted
     * right as a uvarint unless it is 0), or, when shorter, {@code (double) m / 10^k} (a byte
     * 65 + k, then m as a zig-zag varint).
     */
    private static void writeDouble(double value, double reference, BitWriter out) {
        long x = Double.doubleToRawLongBits(value) ^ Double.doubleToRawLongBits(reference);
        int zeros = x == 0 ? SAME_BITS : Long.numberOfTrailingZeros(x);
        int xorBytes = x == 0 ? 1 : 1 + BitWriter.uvarintSize(x >>> zeros);
        int scale = scaleOf(value);
        if (scale >= 0) {
            long mantissa = Math.round(value * POW10[scale]);
            if (1 + BitWriter.uvarintSize(BitWriter.zigZag(mantissa)) < xorBytes) {
                out.writeByte(FIRST_SCALE + scale);
                out.writeVarint(mantissa);
                return;
            }
        }
        out.writeByte(zeros);
        if (x != 0) {
            out.writeUvarint(x >>> zeros);
        }
    }

    /** The smallest k in 0..9 such that {@code (double) m / 10^k} is {@code value}'s bit pattern, m = round(value · 10^k); -1 if none. */
    private static int scaleOf(double value) {
        for (int k = 0; k < POW10.length; k++) {
            double scaled = value * POW10[k];
            if (!(Math.abs(scaled) < MAX_EXACT)) {
                return -1;
            }
            if (Double.doubleToRawLongBits(toDouble(Math.round(scaled), k)) == Double.doubleToRawLongBits(value)) {
                return k;
            }
        }
        return -1;
    }

    private static double toDouble(long mantissa, int scale) {
        return scale == 0 ? (double) mantissa : mantissa / POW10[scale];
    }

    private static long readDouble(double reference, BitReader in) {
        int tag = in.readByte();
        long bits = Double.doubleToRawLongBits(reference);
        if (tag == SAME_BITS) {
            return bits;
        }
        if (tag < SAME_BITS) {
            return bits ^ (in.readUvarint() << tag);
        }
        if (tag < FIRST_SCALE + POW10.length && tag >= FIRST_SCALE) {
            return Double.doubleToRawLongBits(toDouble(in.readVarint(), tag - FIRST_SCALE));
        }
        throw new CodecException("bad slice value tag=" + tag);
    }
}
