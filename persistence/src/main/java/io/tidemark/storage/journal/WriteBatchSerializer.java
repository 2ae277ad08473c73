package io.tidemark.storage.journal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import io.tidemark.storage.serialization.KryoCounts;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import io.tidemark.storage.serialization.KryoPool;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Kryo serializer for {@link WriteBatch}: every column goes out as one bulk primitive array write,
 * never as per-element objects. The layout is part of the journal entry format, specified in
 * <a href="../../../../../../../../docs/formats/journal-entry.md">docs/formats/journal-entry.md</a>
 * ("Batch payload"); changing it needs a new entry format version.
 */
public final class WriteBatchSerializer extends Serializer<WriteBatch> {

    /** Kryo registration id of {@link WriteBatch}; part of the on-disk format, never reuse it. */
    public static final int WRITE_BATCH_KRYO_ID = 100;

    /**
     * The series table entries of the keys written lately, shared by every journal and wire of the
     * process: one bound for all of them, and a key goes to one shard wherever it is written from.
     */
    private static final SeriesKeyEncodings SERIES_ENCODINGS =
            new SeriesKeyEncodings(SeriesKeyEncodings.DEFAULT_MAX_BYTES);

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    public WriteBatchSerializer() {
        setImmutable(true);
    }

    /** Registers the journal's classes, under their fixed ids, with {@code builder}. */
    public static KryoPool.Builder register(KryoPool.Builder builder) {
        return builder.register(WriteBatch.class, new WriteBatchSerializer(), WRITE_BATCH_KRYO_ID);
    }

    @Override
    public void write(Kryo kryo, Output out, WriteBatch batch) {
        out.writeString(batch.tableId());
        out.writeVarInt(batch.shard(), true);
        SeriesKey[] series = batch.seriesTable();
        out.writeVarInt(series.length, true);
        for (SeriesKey key : series) {
            SERIES_ENCODINGS.write(out, key);
        }
        int rows = batch.rowCount();
        out.writeVarInt(rows, true);
        out.writeInts(batch.seriesIndexArray(), 0, rows, true);
        writeLongs(out, batch.timeNanosArray(), rows);
        out.writeLongs(batch.versionArray(), 0, rows, true);
        out.writeVarInt(batch.columnCount(), true);
        for (int c = 0; c < batch.columnCount(); c++) {
            writeColumn(out, batch.column(c));
        }
    }

    private static void writeColumn(Output out, ValueColumn column) {
        out.writeString(column.name());
        out.writeByte(column.type().id());
        long[] presence = column.presenceWords();
        writeLongs(out, presence, presence.length);
        switch (column.type()) {
            case DOUBLE:
                writeDoubles(out, column.doubleArray(), column.rowCount());
                break;
            case BIGINT:
            case TIMESTAMP:
            case BOOLEAN:
                long[] longs = column.longArray();
                writeLongs(out, longs, longs.length);
                break;
            case VARCHAR:
                for (String s : column.stringArray()) {
                    out.writeString(s);
                }
                break;
            default:
                throw new IllegalStateException("cannot serialize column: type not scalar, column=" + column.name());
        }
    }

    /**
     * Kryo's {@code writeLongs}, the same little-endian bytes, a long per store rather than a byte
     * per store when the buffer has room (the journal's frame buffer, once grown to the batch size).
     */
    private static void writeLongs(Output out, long[] values, int count) {
        byte[] buffer = out.getBuffer();
        int at = out.position();
        if (out.getOutputStream() != null || buffer == null || buffer.length - at < 8 * count) {
            out.writeLongs(values, 0, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            LONG_LE.set(buffer, at + 8 * i, values[i]);
        }
        out.setPosition(at + 8 * count);
    }

    /** Kryo's {@code writeDoubles} (each value's {@link Double#doubleToLongBits}) the way of {@link #writeLongs}. */
    private static void writeDoubles(Output out, double[] values, int count) {
        byte[] buffer = out.getBuffer();
        int at = out.position();
        if (out.getOutputStream() != null || buffer == null || buffer.length - at < 8 * count) {
            out.writeDoubles(values, 0, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            LONG_LE.set(buffer, at + 8 * i, Double.doubleToLongBits(values[i]));
        }
        out.setPosition(at + 8 * count);
    }

    @Override
    public WriteBatch read(Kryo kryo, Input in, Class<? extends WriteBatch> type) {
        String tableId = in.readString();
        int shard = in.readVarInt(true);
        int seriesCount = readCount(in, "series");
        SeriesKey[] series = new SeriesKey[seriesCount];
        for (int s = 0; s < seriesCount; s++) {
            Dimension[] dims = new Dimension[readCount(in, "dimensions")];
            for (int d = 0; d < dims.length; d++) {
                dims[d] = new Dimension(in.readString(), in.readString());
            }
            series[s] = SeriesKey.of(java.util.List.of(dims), in.readString());
        }
        int rows = readCount(in, "rows");
        int[] seriesIndex = in.readInts(rows, true);
        long[] timeNanos = in.readLongs(rows);
        long[] versions = in.readLongs(rows, true);
        ValueColumn[] columns = new ValueColumn[readCount(in, "columns")];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = readColumn(in, rows);
        }
        return new WriteBatch(tableId, shard, series, seriesIndex, timeNanos, versions, columns);
    }

    private static ValueColumn readColumn(Input in, int rows) {
        String name = in.readString();
        MeasureType type = MeasureType.fromId(in.readByte());
        int words = ValueColumn.bitsetWords(rows);
        long[] presence = in.readLongs(words);
        double[] doubles = null;
        long[] longs = null;
        String[] strings = null;
        switch (type) {
            case DOUBLE:
                doubles = in.readDoubles(rows);
                break;
            case BIGINT:
            case TIMESTAMP:
                longs = in.readLongs(rows);
                break;
            case BOOLEAN:
                longs = in.readLongs(words);
                break;
            case VARCHAR:
                strings = new String[rows];
                for (int r = 0; r < rows; r++) {
                    strings[r] = in.readString();
                }
                break;
            default:
                throw new KryoException("cannot read column: type not scalar, column=" + name + ", type=" + type);
        }
        return new ValueColumn(name, type, rows, presence, doubles, longs, strings);
    }

    /** Reads a count, refusing one that could not fit in the bytes left (a corrupt length). */
    private static int readCount(Input in, String what) {
        return KryoCounts.readCount(in, "write batch", what);
    }
}
