package io.tidemark.engine.testing;

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
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Random values of any SQL type in their boxed form (arrays, rows and time series as lists, maps as
 * linked maps, each nested value null one time in five), for property tests of what carries values:
 * the test picks how long a nested value may get and how primitive values are drawn.
 */
public final class RandomSqlValues {

    private final int maxElements;
    private final BiFunction<PrimitiveType, Random, Object> primitive;

    /** Arrays, maps and time series get up to {@code maxElements} - 1 elements. */
    public RandomSqlValues(int maxElements, BiFunction<PrimitiveType, Random, Object> primitive) {
        this.maxElements = maxElements;
        this.primitive = primitive;
    }

    public Object value(SqlType type, Random random) {
        if (type instanceof ArrayType array) {
            List<Object> elements = new ArrayList<>();
            for (int i = random.nextInt(maxElements); i > 0; i--) {
                elements.add(nested(array.elementType(), random));
            }
            return elements;
        }
        if (type instanceof MapType map) {
            Map<Object, Object> entries = new LinkedHashMap<>();
            for (int i = random.nextInt(maxElements); i > 0; i--) {
                entries.put(value(map.keyType(), random), nested(map.valueType(), random));
            }
            return entries;
        }
        if (type instanceof RowType row) {
            List<Object> fields = new ArrayList<>();
            row.fields().forEach(field -> fields.add(nested(field.type(), random)));
            return fields;
        }
        if (type instanceof TimeSeriesType series) {
            List<Object> points = new ArrayList<>();
            for (int i = random.nextInt(maxElements); i > 0; i--) {
                List<Object> point = new ArrayList<>();
                point.add(random.nextLong());
                point.add(nested(series.valueType(), random));
                points.add(point);
            }
            return points;
        }
        return primitive.apply((PrimitiveType) type, random);
    }

    private Object nested(SqlType type, Random random) {
        return random.nextInt(5) == 0 ? null : value(type, random);
    }
}
