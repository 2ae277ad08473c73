package io.tidemark.storage.chunk;

import io.tidemark.storage.codec.BitWriter;
import io.tidemark.storage.codec.BooleanBlockCodec;
import io.tidemark.storage.codec.DoubleBlockCodec;
import io.tidemark.storage.codec.LongBlockCodec;
import io.tidemark.storage.codec.VarcharDictionaryCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Encodes sorted, deduplicated rows into the bytes of a chunk (<a
 * href="../../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a>): computes the
 * column stats, encodes each section and lays out header, specs, stats, section lengths, sections
 * and CRC.
 *
 * <p>Absent values are replaced by the nearest earlier present value (the first present one for
 * leading rows) before encoding, so they cost a zero delta and never break a scaled-decimal or
 * constant block; the presence section says which rows are real. A null presence array means every
 * row has a value.
 *
 * <p>Time, version, double and long arrays are read, never written (filling absent values works on
 * a copy), and may be longer than the row count, so an open chunk can hand over its own arrays.
 */
final class ChunkWriter {

    private final List<ColumnSpec> columns;
    private final int count;
    private final long minTime;
    private final long maxTime;
    private final byte[][] sections;
    private final ColumnStats[] stats;
    /** Per slice, its first row, then the row count (null: the chunk gets no slice stats, format version 1). */
    private final int[] sliceStarts;
    /** Per column, per slice: the stats of the slice's rows (null for columns without slice stats). */
    private final ColumnStats[][] sliceStats;

    ChunkWriter(List<ColumnSpec> columns, int count, long[] times) {
        this.columns = columns;
        this.count = count;
        this.minTime = times[0];
        this.maxTime = times[count - 1];
        this.sliceStarts = sliceStarts(times, count);
        int version = sliceStarts == null ? ChunkLayout.FORMAT_VERSION : ChunkLayout.FORMAT_VERSION_SLICES;
        this.sections = new byte[ChunkLayout.sectionCount(columns.size(), version)][];
        this.stats = new ColumnStats[columns.size()];
        this.sliceStats = new ColumnStats[columns.size()][];
        sections[0] = encodeLongs(times);
    }

    /**
     * The first row of each {@link SliceStats#WRITER_WIDTH_NANOS} slice the rows span, then
     * {@code count}; null when they span one slice, too many, or too few rows per slice
     * ({@link SliceStats#MIN_ROWS_PER_SLICE}).
     */
    private static int[] sliceStarts(long[] times, int count) {
        long width = SliceStats.WRITER_WIDTH_NANOS;
        long slices = SliceStatsCodec.sliceCount(times[0], times[count - 1], width);
        if (slices < 2 || slices > SliceStats.MAX_SLICES || slices * SliceStats.MIN_ROWS_PER_SLICE > count) {
            return null;
        }
        int[] starts = new int[(int) slices + 1];
        long first = SliceStats.sliceOf(times[0], width);
        int row = 0;
        for (int s = 0; s < slices; s++) {
            starts[s] = row;
            long end = (first + s + 1) * width;
            while (row < count && times[row] < end) {
                row++;
            }
        }
        starts[(int) slices] = count;
        return starts;
    }

    void versions(long[] versions) {
        sections[1] = encodeLongs(versions);
    }

    /** Every row has {@code version}: the same bytes as {@link #versions} of equal values, without the array. */
    void constantVersion(long version) {
        BitWriter out = new BitWriter(16);
        LongBlockCodec.encodeConstant(version, out);
        sections[1] = out.toByteArray();
    }

    void doubles(int col, double[] values, boolean[] has) {
        ColumnStats.DoubleStats columnStats = ColumnStats.DoubleStats.of(values, has, 0, count);
        stats[col] = columnStats;
        if (sliceStarts != null) {
            sliceStats[col] = new ColumnStats[sliceStarts.length - 1];
            for (int s = 0; s < sliceStats[col].length; s++) {
                sliceStats[col][s] = ColumnStats.DoubleStats.of(values, has, sliceStarts[s], sliceStarts[s + 1]);
            }
        }
        int nonNull = columnStats.nonNullCount();
        double[] filled = values;
        if (nonNull < count) {
            filled = new double[count];
            int firstPresent = firstPresent(has);
            double fill = firstPresent < 0 ? 0 : values[firstPresent];
            for (int i = 0; i < count; i++) {
                if (has[i]) {
                    fill = values[i];
                }
                filled[i] = fill;
            }
        }
        BitWriter out = new BitWriter(count);
        DoubleBlockCodec.encode(filled, count, out);
        finishColumn(col, has, nonNull, out);
    }

    void longs(int col, long[] values, boolean[] has) {
        ColumnStats.LongStats columnStats = ColumnStats.LongStats.of(values, has, 0, count);
        stats[col] = columnStats;
        if (sliceStarts != null) {
            sliceStats[col] = new ColumnStats[sliceStarts.length - 1];
            for (int s = 0; s < sliceStats[col].length; s++) {
                sliceStats[col][s] = ColumnStats.LongStats.of(values, has, sliceStarts[s], sliceStarts[s + 1]);
            }
        }
        int nonNull = columnStats.nonNullCount();
        long[] filled = values;
        if (nonNull < count) {
            filled = new long[count];
            int firstPresent = firstPresent(has);
            long fill = firstPresent < 0 ? 0 : values[firstPresent];
            for (int i = 0; i < count; i++) {
                if (has[i]) {
                    fill = values[i];
                }
                filled[i] = fill;
            }
        }
        sections[ChunkLayout.valuesSection(col)] = encodeLongs(filled);
        finishColumn(col, has, nonNull, null);
    }

    void booleans(int col, boolean[] values, boolean[] has) {
        int nonNull = 0;
        int trues = 0;
        boolean fill = false;
        for (int i = 0; i < count; i++) {
            if (has == null || has[i]) {
                nonNull++;
                trues += values[i] ? 1 : 0;
                fill = values[i];
            } else {
                values[i] = fill;
            }
        }
        stats[col] = new ColumnStats.BooleanStats(nonNull, trues);
        BitWriter out = new BitWriter(count / 8 + 16);
        BooleanBlockCodec.encode(values, count, out);
        finishColumn(col, has, nonNull, out);
    }

    void varchars(int col, String[] values, boolean[] has) {
        int nonNull = 0;
        for (int i = 0; i < count; i++) {
            if (has == null || has[i]) {
                nonNull++;
            } else {
                values[i] = null;
            }
        }
        stats[col] = new ColumnStats.VarcharStats(nonNull);
        BitWriter out = new BitWriter(count + 16);
        VarcharDictionaryCodec.encode(values, count, out);
        finishColumn(col, has, nonNull, out);
    }

    /** The complete chunk. Every column must have been given exactly once. */
    byte[] finish() {
        BitWriter meta = new BitWriter(256);
        for (ColumnSpec spec : columns) {
            meta.writeByte(spec.type().id());
            byte[] name = spec.name().getBytes(StandardCharsets.UTF_8);
            if (name.length > ChunkLayout.MAX_NAME_BYTES) {
                throw new IllegalArgumentException("cannot seal chunk: column name too long, bytes=" + name.length
                        + ", max=" + ChunkLayout.MAX_NAME_BYTES);
            }
            meta.writeUvarint(name.length);
            meta.writeBytes(name, 0, name.length);
        }
        for (int c = 0; c < columns.size(); c++) {
            if (stats[c] == null) {
                throw new IllegalStateException("cannot seal chunk: no values given for column=" + c);
            }
            ChunkStatsCodec.write(stats[c], meta);
        }
        if (sliceStarts != null) {
            int[] rows = new int[sliceStarts.length - 1];
            for (int s = 0; s < rows.length; s++) {
                rows[s] = sliceStarts[s + 1] - sliceStarts[s];
            }
            BitWriter slices = new BitWriter(64);
            SliceStatsCodec.write(SliceStats.WRITER_WIDTH_NANOS, rows, columns, count, stats, sliceStats, slices);
            sections[ChunkLayout.sliceSection(columns.size())] = slices.toByteArray();
        }
        int sectionBytes = 0;
        for (byte[] section : sections) {
            meta.writeUvarint(section.length);
            sectionBytes += section.length;
        }
        int total = ChunkLayout.HEADER_BYTES + meta.sizeInBytes() + sectionBytes + ChunkLayout.CRC_BYTES;
        ByteBuffer buf = ByteBuffer.allocate(total);
        buf.putInt(ChunkLayout.MAGIC)
                .put((byte) (sliceStarts == null ? ChunkLayout.FORMAT_VERSION : ChunkLayout.FORMAT_VERSION_SLICES))
                .put((byte) ChunkLayout.ENCRYPTION_NONE)
                .putShort((short) columns.size())
                .putInt(total)
                .putInt(0)
                .put(new byte[ChunkLayout.NONCE_BYTES])
                .putInt(count)
                .putLong(minTime)
                .putLong(maxTime);
        buf.put(meta.buffer(), 0, meta.sizeInBytes());
        for (byte[] section : sections) {
            buf.put(section);
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, total - ChunkLayout.CRC_BYTES);
        buf.putInt((int) crc.getValue());
        return buf.array();
    }

    private void finishColumn(int col, boolean[] has, int nonNull, BitWriter values) {
        if (values != null) {
            sections[ChunkLayout.valuesSection(col)] = values.toByteArray();
        }
        if (nonNull == count) {
            sections[ChunkLayout.presenceSection(col)] = new byte[0];
        } else {
            BitWriter presence = new BitWriter(16);
            BooleanBlockCodec.encode(has, count, presence);
            sections[ChunkLayout.presenceSection(col)] = presence.toByteArray();
        }
    }

    private byte[] encodeLongs(long[] values) {
        BitWriter out = new BitWriter(16);
        LongBlockCodec.encode(values, count, out);
        return out.toByteArray();
    }

    private int firstPresent(boolean[] has) {
        for (int i = 0; i < count; i++) {
            if (has[i]) {
                return i;
            }
        }
        return -1;
    }
}
