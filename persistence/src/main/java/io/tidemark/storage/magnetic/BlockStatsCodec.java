package io.tidemark.storage.magnetic;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.chunk.ColumnStats;
import io.tidemark.storage.model.MeasureType;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Writes and reads the stats of one column of a block in the footer index: fixed-width big-endian
 * fields chosen by the column type, so a reader answers MIN/MAX/SUM/COUNT/first/last over a whole
 * block without touching the block. Layout in
 * <a href="../../../../../../../../docs/formats/segment.md">docs/formats/segment.md</a>, "Column stats".
 */
final class BlockStatsCodec {

    /** Bit of the LONG stats flags byte set when the sum wrapped around. */
    static final int SUM_OVERFLOWED = 1;

    private BlockStatsCodec() {
    }

    static void write(DataOutputStream out, ColumnStats stats) throws IOException {
        out.writeInt(stats.nonNullCount());
        if (stats instanceof ColumnStats.DoubleStats) {
            ColumnStats.DoubleStats d = (ColumnStats.DoubleStats) stats;
            out.writeLong(Double.doubleToRawLongBits(d.min()));
            out.writeLong(Double.doubleToRawLongBits(d.max()));
            out.writeLong(Double.doubleToRawLongBits(d.sum()));
            out.writeLong(Double.doubleToRawLongBits(d.first()));
            out.writeLong(Double.doubleToRawLongBits(d.last()));
        } else if (stats instanceof ColumnStats.LongStats) {
            ColumnStats.LongStats l = (ColumnStats.LongStats) stats;
            out.writeByte(l.sumOverflowed() ? SUM_OVERFLOWED : 0);
            out.writeLong(l.min());
            out.writeLong(l.max());
            out.writeLong(l.sum());
            out.writeLong(l.first());
            out.writeLong(l.last());
        } else if (stats instanceof ColumnStats.BooleanStats) {
            out.writeInt(((ColumnStats.BooleanStats) stats).trueCount());
        }
    }

    /** Reads the stats of a column of {@code type} in a block of {@code count} points. */
    static ColumnStats read(ByteBuffer in, MeasureType type, int count, Path file, long entryOffset) {
        int nonNull = in.getInt();
        if (nonNull < 0 || nonNull > count) {
            throw new CorruptionException(file, entryOffset, "column non-null count out of range: nonNullCount="
                    + nonNull + ", count=" + count);
        }
        switch (type) {
            case DOUBLE:
                return new ColumnStats.DoubleStats(nonNull, readDouble(in), readDouble(in), readDouble(in),
                        readDouble(in), readDouble(in));
            case BIGINT:
            case TIMESTAMP:
                boolean overflowed = (in.get() & SUM_OVERFLOWED) != 0;
                return new ColumnStats.LongStats(nonNull, in.getLong(), in.getLong(), in.getLong(), overflowed,
                        in.getLong(), in.getLong());
            case BOOLEAN:
                int trueCount = in.getInt();
                if (trueCount < 0 || trueCount > nonNull) {
                    throw new CorruptionException(file, entryOffset, "true count out of range: trueCount="
                            + trueCount + ", nonNullCount=" + nonNull);
                }
                return new ColumnStats.BooleanStats(nonNull, trueCount);
            case VARCHAR:
                return new ColumnStats.VarcharStats(nonNull);
            default:
                throw new CorruptionException(file, entryOffset, "column type not allowed in a block: type=" + type);
        }
    }

    private static double readDouble(ByteBuffer in) {
        return Double.longBitsToDouble(in.getLong());
    }
}
