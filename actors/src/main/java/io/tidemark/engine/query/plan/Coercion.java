package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The implicit coercions the analyzer allows ({@code unknown} to anything, {@code integer → bigint
 * → double}, {@code date → timestamp}, element-wise through arrays, maps, rows and timeseries),
 * applied to whole vectors where the plan, not an expression, changes a column's type: set
 * operation branches, VALUES rows, aggregate arguments, join keys.
 */
final class Coercion {

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private Coercion() {
    }

    static Vector coerce(Vector vector, SqlType target) {
        SqlType source = vector.type();
        if (source.equals(target)) {
            return vector;
        }
        int size = vector.size();
        if (source == PrimitiveType.UNKNOWN) {
            return Vector.nulls(target, size);
        }
        if (Storage.of(source) == Storage.LONG && target == PrimitiveType.DOUBLE) {
            double[] values = new double[size];
            for (int i = 0; i < size; i++) {
                values[i] = vector.getLong(i);
            }
            return Vector.ofDoubles(target, values, vector.mayHaveNulls() ? vector.nullMask() : null, size);
        }
        if (source == PrimitiveType.DATE && target == PrimitiveType.TIMESTAMP) {
            long[] values = new long[size];
            for (int i = 0; i < size; i++) {
                values[i] = vector.isNull(i) ? 0 : vector.getLong(i) * NANOS_PER_DAY;
            }
            return Vector.ofLongs(target, values, vector.mayHaveNulls() ? vector.nullMask() : null, size);
        }
        if (Storage.of(source) == Storage.LONG && Storage.of(target) == Storage.LONG) {
            return vector.withType(target);
        }
        VectorBuilder builder = new VectorBuilder(target, size);
        for (int i = 0; i < size; i++) {
            builder.append(coerceValue(vector.get(i), source, target));
        }
        return builder.build();
    }

    /** One boxed value of type {@code source} as a value of {@code target}. */
    static Object coerceValue(Object value, SqlType source, SqlType target) {
        if (value == null || source.equals(target) || source == PrimitiveType.UNKNOWN) {
            return source == PrimitiveType.UNKNOWN ? null : value;
        }
        if (target == PrimitiveType.DOUBLE && value instanceof Long number) {
            return number.doubleValue();
        }
        if (source == PrimitiveType.DATE && target == PrimitiveType.TIMESTAMP) {
            return (Long) value * NANOS_PER_DAY;
        }
        if (source instanceof ArrayType from && target instanceof ArrayType to) {
            List<Object> result = new ArrayList<>();
            for (Object element : (List<?>) value) {
                result.add(coerceValue(element, from.elementType(), to.elementType()));
            }
            return result;
        }
        if (source instanceof MapType from && target instanceof MapType to) {
            Map<Object, Object> result = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                result.put(coerceValue(entry.getKey(), from.keyType(), to.keyType()), coerceValue(entry.getValue(), from.valueType(), to.valueType()));
            }
            return result;
        }
        if (source instanceof RowType from && target instanceof RowType to) {
            List<?> fields = (List<?>) value;
            List<Object> result = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                result.add(coerceValue(fields.get(i), from.fields().get(i).type(), to.fields().get(i).type()));
            }
            return result;
        }
        if (source instanceof TimeSeriesType from && target instanceof TimeSeriesType to) {
            List<Object> result = new ArrayList<>();
            for (Object point : (List<?>) value) {
                List<?> pair = (List<?>) point;
                result.add(java.util.Arrays.asList(pair.get(0), coerceValue(pair.get(1), from.valueType(), to.valueType())));
            }
            return result;
        }
        return value;
    }
}
