package io.tidemark.engine.query.fragment.remote;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import io.tidemark.storage.serialization.KryoCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wire form of a query {@link Batch}, what a fragment run on another node sends back: per
 * column its SQL type, a null mask when some row is null, then the values in bulk (longs and
 * doubles 8 bytes each, booleans 1 byte) or, for varchar and the parametric types, value by value
 * (nulls skipped). The types it carries ({@link #carries}): every primitive but UNKNOWN, and
 * arrays, maps, rows and timeseries of them. UNKNOWN is refused because an aggregation's
 * intermediate state of that type is a Java object (a digest, a set), and functions never leave
 * an expression. Nothing per value is allocated for primitive columns. Layouts: docs/architecture.md §7.
 */
public final class BatchWire {

    private static final String READING = "query batch";

    /** Frozen wire ids of the primitive types; 0 is never written. */
    private static final PrimitiveType[] PRIMITIVES = {null, PrimitiveType.BOOLEAN, PrimitiveType.INTEGER,
        PrimitiveType.BIGINT, PrimitiveType.DOUBLE, PrimitiveType.VARCHAR, PrimitiveType.TIMESTAMP, PrimitiveType.DATE,
        PrimitiveType.TIME, PrimitiveType.INTERVAL_DAY_TO_SECOND, PrimitiveType.INTERVAL_YEAR_TO_MONTH};
    static final int ARRAY = 20;
    static final int MAP = 21;
    static final int ROW = 22;
    static final int TIMESERIES = 23;

    private BatchWire() {
    }

    /** True when every value of {@code type} can cross nodes in this form. */
    public static boolean carries(SqlType type) {
        if (type instanceof PrimitiveType primitive) {
            return primitive != PrimitiveType.UNKNOWN;
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
                        writeValue(out, type, values[row]);
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
                        values[row] = readValue(in, type);
                    }
                }
                return Vector.ofObjects(type, values, rows);
        }
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

    /** A boxed value of {@code type} as {@link Storage} describes it; never null here. */
    private static void writeValue(Output out, SqlType type, Object value) {
        if (type instanceof PrimitiveType primitive) {
            switch (Storage.of(primitive)) {
                case LONG:
                    out.writeVarLong((Long) value, false);
                    return;
                case DOUBLE:
                    out.writeDouble((Double) value);
                    return;
                case BOOLEAN:
                    out.writeBoolean((Boolean) value);
                    return;
                default:
                    out.writeString((String) value);
                    return;
            }
        }
        if (type instanceof ArrayType array) {
            List<?> elements = (List<?>) value;
            out.writeVarInt(elements.size(), true);
            elements.forEach(element -> writeNullable(out, array.elementType(), element));
        } else if (type instanceof MapType map) {
            Map<?, ?> entries = (Map<?, ?>) value;
            out.writeVarInt(entries.size(), true);
            entries.forEach((key, entry) -> {
                writeNullable(out, map.keyType(), key);
                writeNullable(out, map.valueType(), entry);
            });
        } else if (type instanceof RowType row) {
            List<?> fields = (List<?>) value;
            for (int i = 0; i < row.fields().size(); i++) {
                writeNullable(out, row.fields().get(i).type(), fields.get(i));
            }
        } else if (type instanceof TimeSeriesType series) {
            List<?> points = (List<?>) value;
            out.writeVarInt(points.size(), true);
            for (Object point : points) {
                List<?> timeAndValue = (List<?>) point;
                out.writeVarLong((Long) timeAndValue.get(0), false);
                writeNullable(out, series.valueType(), timeAndValue.get(1));
            }
        } else {
            throw new IllegalArgumentException("cannot send type across nodes: type=" + type.displayName());
        }
    }

    private static void writeNullable(Output out, SqlType type, Object value) {
        out.writeBoolean(value != null);
        if (value != null) {
            writeValue(out, type, value);
        }
    }

    private static Object readValue(Input in, SqlType type) {
        if (type instanceof PrimitiveType primitive) {
            switch (Storage.of(primitive)) {
                case LONG:
                    return in.readVarLong(false);
                case DOUBLE:
                    return in.readDouble();
                case BOOLEAN:
                    return in.readBoolean();
                default:
                    return in.readString();
            }
        }
        if (type instanceof ArrayType array) {
            int count = KryoCounts.readCount(in, READING, "array elements");
            List<Object> elements = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                elements.add(readNullable(in, array.elementType()));
            }
            return elements;
        }
        if (type instanceof MapType map) {
            int count = KryoCounts.readCount(in, READING, "map entries");
            Map<Object, Object> entries = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                Object key = readNullable(in, map.keyType());
                entries.put(key, readNullable(in, map.valueType()));
            }
            return entries;
        }
        if (type instanceof RowType row) {
            List<Object> fields = new ArrayList<>(row.fields().size());
            for (RowType.Field field : row.fields()) {
                fields.add(readNullable(in, field.type()));
            }
            return fields;
        }
        TimeSeriesType series = (TimeSeriesType) type;
        int count = KryoCounts.readCount(in, READING, "timeseries points");
        List<Object> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Long time = in.readVarLong(false);
            List<Object> point = new ArrayList<>(2);
            point.add(time);
            point.add(readNullable(in, series.valueType()));
            points.add(point);
        }
        return points;
    }

    private static Object readNullable(Input in, SqlType type) {
        return in.readBoolean() ? readValue(in, type) : null;
    }

    /**
     * An upper bound of the bytes {@link #write} takes for {@code batch}: exact plus a little for
     * primitive columns, 3 bytes per char for strings, a walk of the values for the parametric types.
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
