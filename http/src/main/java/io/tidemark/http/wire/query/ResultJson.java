package io.tidemark.http.wire.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import io.tidemark.engine.query.expression.ValueFormat;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.analyzer.OutputColumn;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A query result as Timestream's JSON: the {@code ColumnInfo} list and the {@code Rows} of a page,
 * each value a {@code Datum} ({@code ScalarValue} text as {@link ValueFormat} renders it,
 * {@code NullValue: true}, {@code ArrayValue}, {@code RowValue {Data}}, {@code TimeSeriesValue
 * [{Time, Value}]}).
 *
 * <p>Timestream has no map type in its ColumnInfo; a map column is described as an
 * {@code ArrayColumnInfo} of a {@code RowColumnInfo} with the fields {@code key} and
 * {@code value}, and each map value is an {@code ArrayValue} of {@code RowValue}s, one per entry
 * in the map's order.
 *
 * <p>Both are written straight to the response's generator ({@link JsonSerializable}): a page may
 * hold up to 1 MB of values, which are never built as a JSON tree. {@code POST /sql} writes its
 * types and values with the same methods ({@link #writeType}, {@link #writeCell}).
 */
public final class ResultJson {

    /** The names every row and cell repeats, encoded once. */
    private static final SerializedString DATA = new SerializedString("Data");
    private static final SerializedString SCALAR_VALUE = new SerializedString("ScalarValue");
    private static final SerializedString NULL_VALUE = new SerializedString("NullValue");

    private ResultJson() {
    }

    /** The {@code ColumnInfo} list of a result. */
    public static JsonSerializable columnInfo(List<OutputColumn> columns) {
        return new Written() {
            @Override
            public void serialize(JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeStartArray();
                for (OutputColumn column : columns) {
                    writeColumn(gen, column.name(), column.type());
                }
                gen.writeEndArray();
            }
        };
    }

    /** A {@code Type} structure (PrepareQuery's columns and parameters). */
    static JsonSerializable type(SqlType type) {
        return new Written() {
            @Override
            public void serialize(JsonGenerator gen, SerializerProvider provider) throws IOException {
                writeType(gen, type);
            }
        };
    }

    /** The {@code Rows} list of a page: one {@code {"Data": [Datum …]}} per row. */
    public static JsonSerializable rows(Batch rows) {
        return new Written() {
            @Override
            public void serialize(JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeStartArray();
                for (int row = 0; row < rows.rowCount(); row++) {
                    gen.writeStartObject();
                    gen.writeFieldName(DATA);
                    gen.writeStartArray();
                    for (int c = 0; c < rows.columnCount(); c++) {
                        writeCell(gen, rows.column(c), row);
                    }
                    gen.writeEndArray();
                    gen.writeEndObject();
                }
                gen.writeEndArray();
            }
        };
    }

    /** One {@code ColumnInfo}: {@code Name} (when known) and {@code Type}. */
    private static void writeColumn(JsonGenerator gen, String name, SqlType type) throws IOException {
        gen.writeStartObject();
        if (name != null) {
            gen.writeStringField("Name", name);
        }
        gen.writeFieldName("Type");
        writeType(gen, type);
        gen.writeEndObject();
    }

    /** A {@code Type}: exactly one of ScalarType, ArrayColumnInfo, RowColumnInfo, TimeSeriesMeasureValueColumnInfo. */
    public static void writeType(JsonGenerator gen, SqlType type) throws IOException {
        gen.writeStartObject();
        if (type instanceof PrimitiveType) {
            gen.writeStringField("ScalarType", type.columnInfoType());
        } else if (type instanceof ArrayType array) {
            gen.writeFieldName("ArrayColumnInfo");
            writeColumn(gen, null, array.elementType());
        } else if (type instanceof TimeSeriesType series) {
            gen.writeFieldName("TimeSeriesMeasureValueColumnInfo");
            writeColumn(gen, null, series.valueType());
        } else if (type instanceof RowType row) {
            gen.writeArrayFieldStart("RowColumnInfo");
            for (RowType.Field field : row.fields()) {
                writeColumn(gen, field.name().orElse(null), field.type());
            }
            gen.writeEndArray();
        } else if (type instanceof MapType map) {
            gen.writeFieldName("ArrayColumnInfo");
            writeColumn(gen, null, entryType(map));
        } else {
            throw new IllegalArgumentException("cannot describe a result column: type=" + type.displayName()
                    + " has no ColumnInfo");
        }
        gen.writeEndObject();
    }

    /** One cell as a {@code Datum}. */
    public static void writeCell(JsonGenerator gen, Vector column, int row) throws IOException {
        if (column.isNull(row)) {
            writeNull(gen);
        } else if (column.type() instanceof PrimitiveType) {
            writeScalar(gen, scalarText(column, row));
        } else {
            writeDatum(gen, column.type(), column.getObject(row));
        }
    }

    /**
     * The {@code ScalarValue} text of a non-null cell of a primitive type; the common types are
     * read from the vector's arrays without boxing.
     */
    public static String scalarText(Vector column, int row) {
        PrimitiveType type = (PrimitiveType) column.type();
        switch (type) {
            case BIGINT:
            case INTEGER:
                return Long.toString(column.getLong(row));
            case TIMESTAMP:
                return ValueFormat.renderTimestamp(column.getLong(row));
            case DOUBLE:
                return ValueFormat.renderDouble(column.getDouble(row));
            case BOOLEAN:
                return column.getBoolean(row) ? "true" : "false";
            default:
                return ValueFormat.render(type, column.get(row));
        }
    }

    /** A boxed value (see {@code io.tidemark.engine.query.vector.Storage}) as a {@code Datum}. */
    private static void writeDatum(JsonGenerator gen, SqlType type, Object value) throws IOException {
        if (value == null) {
            writeNull(gen);
        } else if (type instanceof PrimitiveType) {
            writeScalar(gen, ValueFormat.render(type, value));
        } else if (type instanceof ArrayType array) {
            gen.writeStartObject();
            gen.writeArrayFieldStart("ArrayValue");
            for (Object element : (List<?>) value) {
                writeDatum(gen, array.elementType(), element);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        } else if (type instanceof RowType row) {
            List<?> fields = (List<?>) value;
            gen.writeStartObject();
            gen.writeObjectFieldStart("RowValue");
            gen.writeArrayFieldStart("Data");
            for (int i = 0; i < fields.size(); i++) {
                writeDatum(gen, row.fields().get(i).type(), fields.get(i));
            }
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeEndObject();
        } else if (type instanceof TimeSeriesType series) {
            gen.writeStartObject();
            gen.writeArrayFieldStart("TimeSeriesValue");
            for (Object point : (List<?>) value) {
                List<?> timeAndValue = (List<?>) point;
                gen.writeStartObject();
                gen.writeStringField("Time", ValueFormat.renderTimestamp((Long) timeAndValue.get(0)));
                gen.writeFieldName("Value");
                writeDatum(gen, series.valueType(), timeAndValue.get(1));
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        } else if (type instanceof MapType map) {
            RowType entry = entryType(map);
            gen.writeStartObject();
            gen.writeArrayFieldStart("ArrayValue");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                writeDatum(gen, entry, Arrays.asList(e.getKey(), e.getValue()));
            }
            gen.writeEndArray();
            gen.writeEndObject();
        } else {
            throw new IllegalArgumentException("cannot render a result value: type=" + type.displayName()
                    + " has no Datum form");
        }
    }

    /** The row a map entry is rendered as: {@code row(key K, value V)}. */
    private static RowType entryType(MapType map) {
        return new RowType(List.of(RowType.Field.named("key", map.keyType()),
                RowType.Field.named("value", map.valueType())));
    }

    private static void writeScalar(JsonGenerator gen, String text) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(SCALAR_VALUE);
        gen.writeString(text);
        gen.writeEndObject();
    }

    private static void writeNull(JsonGenerator gen) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(NULL_VALUE);
        gen.writeBoolean(true);
        gen.writeEndObject();
    }

    /** Written by its own {@code serialize}; never with type information. */
    private abstract static class Written implements JsonSerializable {

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider provider, TypeSerializer typeSer)
                throws IOException {
            serialize(gen, provider);
        }
    }
}
