package io.tidemark.engine.query.fragment.remote;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.query.aggregate.PartialState;
import io.tidemark.engine.query.aggregate.StateKind;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.ValueWire;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import io.tidemark.storage.serialization.KryoCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wire form of a query {@link Batch}, what a fragment run on another node sends back: per
 * column its SQL type, a null mask when some row is null, then the values in bulk (longs and
 * doubles 8 bytes each, booleans 1 byte) or, for varchar and the parametric types, value by value
 * ({@link ValueWire}; nulls skipped). A column of type UNKNOWN holds an object-state aggregate's
 * partial states ({@link PartialState}; or only nulls, a null literal's column): each crosses as
 * its kind and the bytes its aggregate wrote, and the final aggregate on this node merges those
 * bytes. The types it carries ({@link #carries}): every type but a function's, which never leaves
 * an expression. Nothing per value is allocated for primitive columns. Layouts: docs/architecture.md §7.
 */
public final class BatchWire {

    private static final String READING = "query batch";

    /** Frozen wire ids of the primitive types; 0 is never written. */
    private static final PrimitiveType[] PRIMITIVES = {null, PrimitiveType.BOOLEAN, PrimitiveType.INTEGER,
        PrimitiveType.BIGINT, PrimitiveType.DOUBLE, PrimitiveType.VARCHAR, PrimitiveType.TIMESTAMP, PrimitiveType.DATE,
        PrimitiveType.TIME, PrimitiveType.INTERVAL_DAY_TO_SECOND, PrimitiveType.INTERVAL_YEAR_TO_MONTH,
        PrimitiveType.UNKNOWN};
    static final int ARRAY = 20;
    static final int MAP = 21;
    static final int ROW = 22;
    static final int TIMESERIES = 23;

    private BatchWire() {
    }

    /** True when every value of {@code type} can cross nodes in this form. */
    public static boolean carries(SqlType type) {
        if (type instanceof PrimitiveType) {
            return true;
        }
        if (type instanceof ArrayType array) {
            return carries(array.elementType());
        }
        if (type instanceof MapType map) {
            return carries(map.keyType()) && carries(map.valueType());
        }
        if (type instanceof RowType row) {
            return row.fields().stream().allMatch(field -> carries(field.type()));
        }
        if (type instanceof TimeSeriesType series) {
            return carries(series.valueType());
        }
        return false;
    }

    /** The frozen wire id of a primitive type (pinned by a test). */
    static int primitiveId(PrimitiveType type) {
        for (int id = 1; id < PRIMITIVES.length; id++) {
            if (PRIMITIVES[id] == type) {
                return id;
            }
        }
        throw new IllegalArgumentException("cannot send type across nodes: type=" + type.displayName());
    }

    /** {@code columns <varint> rows <varint> (vector)*}. */
    public static void write(Output out, Batch batch) {
        out.writeVarInt(batch.columnCount(), true);
        out.writeVarInt(batch.rowCount(), true);
        for (Vector column : batch.columns()) {
            writeVector(out, column);
        }
    }

    public static Batch read(Input in) {
        int columns = KryoCounts.readCount(in, READING, "columns");
        int rows = in.readVarInt(true);
        if (rows < 0) {
            throw new KryoException("cannot read query batch: negative row count, rows=" + rows);
        }
        List<Vector> vectors = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            vectors.add(readVector(in, rows));
        }
        return new Batch(vectors, rows);
    }

    /** {@code type <type> hasNulls <1> [nullBits <ceil(rows/8)>] values}. */
    private static void writeVector(Output out, Vector vector) {
        SqlType type = vector.type();
        writeType(out, type);
        int rows = vector.size();
        boolean[] nulls = vector.nullMask();
        out.writeBoolean(nulls != null);
        if (nulls != null) {
            writeBits(out, nulls, rows);
        }
        switch (vector.storage()) {
            case LONG:
                out.writeLongs(vector.longs(), 0, rows);
                break;
            case DOUBLE:
                out.writeDoubles(vector.doubles(), 0, rows);
                break;
            case BOOLEAN:
                out.writeBooleans(vector.booleans(), 0, rows);
                break;
            default:
                Object[] values = vector.objects();
                for (int row = 0; row < rows; row++) {
                    if (nulls == null || !nulls[row]) {
                        if (type == PrimitiveType.UNKNOWN) {
                            writeState(out, values[row]);
                        } else {
                            ValueWire.writeValue(out, type, values[row]);
                        }
                    }
                }
                break;
        }
    }

    private static Vector readVector(Input in, int rows) {
        SqlType type = readType(in);
        boolean[] nulls = in.readBoolean() ? readBits(in, rows) : null;
        switch (Storage.of(type)) {
            case LONG:
                requireLeft(in, rows, 8);
                return Vector.ofLongs(type, in.readLongs(rows), nulls, rows);
            case DOUBLE:
                requireLeft(in, rows, 8);
                return Vector.ofDoubles(type, in.readDoubles(rows), nulls, rows);
            case BOOLEAN:
                requireLeft(in, rows, 1);
                return Vector.ofBooleans(type, in.readBooleans(rows), nulls, rows);
            default:
                requireLeft(in, nulls == null ? rows : 0, 1);
                Object[] values = new Object[rows];
                for (int row = 0; row < rows; row++) {
                    if (nulls == null || !nulls[row]) {
                        values[row] = type == PrimitiveType.UNKNOWN ? readState(in) : ValueWire.readValue(in, type);
                    }
                }
                return Vector.ofObjects(type, values, rows);
        }
    }

    /** {@code kind <1> length <varint> state <length>}: an aggregation's partial state as its aggregate wrote it. */
    private static void writeState(Output out, Object value) {
        if (!(value instanceof PartialState state)) {
            throw new IllegalArgumentException("cannot send a value of type unknown across nodes: class="
                    + value.getClass().getName());
        }
        byte[] bytes = state.bytes();
        out.writeByte(state.kind().id());
        out.writeVarInt(bytes.length, true);
        out.writeBytes(bytes);
    }

    private static PartialState readState(Input in) {
        StateKind kind = StateKind.fromId(in.readByte() & 0xFF);
        int length = KryoCounts.readCount(in, READING, "state bytes");
        return PartialState.written(kind, in.readBytes(length));
    }

    /** Refuses a column whose values could not fit in the bytes left, before allocating for them. */
    private static void requireLeft(Input in, int rows, int bytesPerRow) {
        long left = in.limit() - in.position();
        if ((long) rows * bytesPerRow > left) {
            throw new KryoException("cannot read query batch: column exceeds payload, rows=" + rows + ", bytesLeft="
                    + left);
        }
    }

    private static void writeBits(Output out, boolean[] bits, int count) {
        for (int base = 0; base < count; base += 8) {
            int b = 0;
            for (int i = 0; i < 8 && base + i < count; i++) {
                if (bits[base + i]) {
                    b |= 1 << i;
                }
            }
            out.writeByte(b);
        }
    }

    private static boolean[] readBits(Input in, int count) {
        requireLeft(in, (count + 7) / 8, 1);
        boolean[] bits = new boolean[count];
        for (int base = 0; base < count; base += 8) {
            int b = in.readByte();
            for (int i = 0; i < 8 && base + i < count; i++) {
                bits[base + i] = (b & (1 << i)) != 0;
            }
        }
        return bits;
    }

    /**
     * {@code id <1>}, then for an array {@code element <type>}, a map {@code key <type> value <type>},
     * a row {@code fields <varint> (named <1> [name <string>] type <type>)*}, a timeseries {@code value <type>}.
     */
    static void writeType(Output out, SqlType type) {
        if (type instanceof PrimitiveType primitive) {
            out.writeByte(primitiveId(primitive));
        } else if (type instanceof ArrayType array) {
            out.writeByte(ARRAY);
            writeType(out, array.elementType());
        } else if (type instanceof MapType map) {
            out.writeByte(MAP);
            writeType(out, map.keyType());
            writeType(out, map.valueType());
        } else if (type instanceof RowType row) {
            out.writeByte(ROW);
            out.writeVarInt(row.fields().size(), true);
            for (RowType.Field field : row.fields()) {
                out.writeBoolean(field.name().isPresent());
                field.name().ifPresent(out::writeString);
                writeType(out, field.type());
            }
        } else if (type instanceof TimeSeriesType series) {
            out.writeByte(TIMESERIES);
            writeType(out, series.valueType());
        } else {
            throw new IllegalArgumentException("cannot send type across nodes: type=" + type.displayName());
        }
    }

    static SqlType readType(Input in) {
        int id = in.readByte() & 0xFF;
        if (id > 0 && id < PRIMITIVES.length) {
            return PRIMITIVES[id];
        }
        switch (id) {
            case ARRAY:
                return new ArrayType(readType(in));
            case MAP:
                return new MapType(readType(in), readType(in));
            case ROW: {
                int count = KryoCounts.readCount(in, READING, "row fields");
                List<RowType.Field> fields = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    Optional<String> name = in.readBoolean() ? Optional.of(in.readString()) : Optional.empty();
                    fields.add(new RowType.Field(name, readType(in)));
                }
                return new RowType(fields);
            }
            case TIMESERIES:
                return new TimeSeriesType(readType(in));
            default:
                throw new KryoException("cannot read query batch: unknown type id, id=" + id);
        }
    }

    /**
     * An upper bound of the bytes {@link #write} takes for {@code batch}: exact plus a little for
     * primitive columns, 3 bytes per char for strings, a walk of the values for the parametric types,
     * each aggregation state written out to be measured.
     */
    public static long estimateBytes(Batch batch) {
        long bytes = 10;
        for (Vector column : batch.columns()) {
            int rows = column.size();
            bytes += 8 + (column.mayHaveNulls() ? (rows + 7) / 8 : 0);
            switch (column.storage()) {
                case LONG:
                case DOUBLE:
                    bytes += 8L * rows;
                    break;
                case BOOLEAN:
                    bytes += rows;
                    break;
                default:
                    for (int row = 0; row < rows; row++) {
                        bytes += valueBytes(column.getObject(row));
                    }
                    break;
            }
        }
        return bytes;
    }

    private static long valueBytes(Object value) {
        if (value == null) {
            return 1;
        }
        if (value instanceof String text) {
            return 6 + 3L * text.length();
        }
        if (value instanceof PartialState state) {
            return 6 + state.bytes().length;
        }
        if (value instanceof List<?> list) {
            long bytes = 5;
            for (Object element : list) {
                bytes += valueBytes(element);
            }
            return bytes;
        }
        if (value instanceof Map<?, ?> map) {
            long bytes = 5;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                bytes += valueBytes(entry.getKey()) + valueBytes(entry.getValue());
            }
            return bytes;
        }
        return 12;
    }
}
