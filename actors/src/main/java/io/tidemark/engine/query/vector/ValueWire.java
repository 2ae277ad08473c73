package io.tidemark.engine.query.vector;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
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

/**
 * The wire form of one boxed value of a SQL type (as {@link Storage} boxes it), shared by a query
 * batch's varchar and parametric columns and by the values inside aggregation states: a LONG-stored
 * value as a zig-zag varlong, a double as 8 bytes, a boolean as 1 byte, a varchar as a Kryo string;
 * an array {@code count <varint>} then per element {@code present <1> value}; a map {@code count
 * <varint>} then {@code present key present value}; a row per field {@code present value}; a
 * timeseries {@code count <varint>} then per point {@code time <varlong> present value}. A value of
 * type UNKNOWN (a null literal's type) is always null and never written. Counts are refused before
 * anything is allocated when they exceed the bytes left. Layouts: docs/architecture.md §7.
 */
public final class ValueWire {

    private static final String READING = "query batch";

    private ValueWire() {
    }

    /** Writes a non-null value of {@code type}. */
    public static void writeValue(Output out, SqlType type, Object value) {
        if (type instanceof PrimitiveType primitive) {
            if (primitive == PrimitiveType.UNKNOWN) {
                throw new IllegalArgumentException("cannot send a value of type unknown across nodes: class="
                        + value.getClass().getName());
            }
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

    /** {@code present <1> [value]}. */
    public static void writeNullable(Output out, SqlType type, Object value) {
        out.writeBoolean(value != null);
        if (value != null) {
            writeValue(out, type, value);
        }
    }

    /** Reads a value {@link #writeValue} wrote; arrays, rows and timeseries come back as mutable lists, maps as linked maps. */
    public static Object readValue(Input in, SqlType type) {
        if (type instanceof PrimitiveType primitive) {
            if (primitive == PrimitiveType.UNKNOWN) {
                throw new KryoException("cannot read " + READING + ": a value of type unknown is never sent");
            }
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
        if (!(type instanceof TimeSeriesType series)) {
            throw new KryoException("cannot read " + READING + ": a value of type " + type.displayName() + " is never sent");
        }
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

    public static Object readNullable(Input in, SqlType type) {
        return in.readBoolean() ? readValue(in, type) : null;
    }
}
