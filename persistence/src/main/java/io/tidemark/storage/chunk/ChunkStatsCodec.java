package io.tidemark.storage.chunk;

import io.tidemark.storage.codec.BitReader;
import io.tidemark.storage.codec.BitWriter;
import io.tidemark.storage.model.MeasureType;

/**
 * Writes and reads one {@link ColumnStats} entry of the chunk header. Layout: <a
 * href="../../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a>, "Stats".
 */
final class ChunkStatsCodec {

    private ChunkStatsCodec() {
    }

    static void write(ColumnStats stats, BitWriter out) {
        out.writeUvarint(stats.nonNullCount());
        if (stats instanceof ColumnStats.DoubleStats) {
            ColumnStats.DoubleStats d = (ColumnStats.DoubleStats) stats;
            out.writeLong(Double.doubleToRawLongBits(d.min()));
            out.writeLong(Double.doubleToRawLongBits(d.max()));
            out.writeLong(Double.doubleToRawLongBits(d.sum()));
            out.writeLong(Double.doubleToRawLongBits(d.first()));
            out.writeLong(Double.doubleToRawLongBits(d.last()));
        } else if (stats instanceof ColumnStats.LongStats) {
            ColumnStats.LongStats l = (ColumnStats.LongStats) stats;
            out.writeByte(l.sumOverflowed() ? 1 : 0);
            out.writeLong(l.min());
            out.writeLong(l.max());
            out.writeLong(l.sum());
            out.writeLong(l.first());
            out.writeLong(l.last());
        } else if (stats instanceof ColumnStats.BooleanStats) {
            out.writeUvarint(((ColumnStats.BooleanStats) stats).trueCount());
        }
    }

    static ColumnStats read(MeasureType type, int count, BitReader in) {
        int nonNull = in.readLength(count, "non-null count");
        switch (type) {
            case DOUBLE:
                return new ColumnStats.DoubleStats(nonNull, readDouble(in), readDouble(in), readDouble(in),
                        readDouble(in), readDouble(in));
            case BIGINT:
            case TIMESTAMP:
                int flags = in.readByte();
                return new ColumnStats.LongStats(nonNull, in.readLong(), in.readLong(), in.readLong(),
                        (flags & 1) != 0, in.readLong(), in.readLong());
            case BOOLEAN:
                return new ColumnStats.BooleanStats(nonNull, in.readLength(nonNull, "true count"));
            default:
                return new ColumnStats.VarcharStats(nonNull);
        }
    }

    private static double readDouble(BitReader in) {
        return Double.longBitsToDouble(in.readLong());
    }
}
