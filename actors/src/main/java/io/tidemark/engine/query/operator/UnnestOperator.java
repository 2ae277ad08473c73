package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** CROSS JOIN UNNEST (and LEFT JOIN UNNEST … ON true): one output row per element of the unnested values. */
public final class UnnestOperator {

    private UnnestOperator() {
    }

    /**
     * For each input row, expands the unnest channels (arrays, maps, timeseries) side by side (shorter ones padded with
     * nulls), repeating the input columns: output = input columns ++ for each unnested channel its columns
     * (array(T): one column T, array(row(...)): one column per row field, map(K,V): K and V, timeseries(T): time timestamp
     * and value T) ++ (withOrdinality ? a bigint 1-based ordinal). outer=true keeps an input row whose arrays are all
     * empty or null, once, with nulls (LEFT JOIN UNNEST ... ON true).
     */
    public static Batch apply(Batch input, List<Integer> unnestChannels, boolean withOrdinality, boolean outer, QueryContext context) {
        context.checkRunning();
        Vector[] unnested = new Vector[unnestChannels.size()];
        List<VectorBuilder> builders = new ArrayList<>();
        int[] firstBuilder = new int[unnested.length];
        int[] widths = new int[unnested.length];
        boolean[] spread = new boolean[unnested.length];
        for (int u = 0; u < unnested.length; u++) {
            unnested[u] = input.column(unnestChannels.get(u));
            firstBuilder[u] = builders.size();
            List<SqlType> elementTypes = elementColumnTypes(unnested[u].type());
            for (SqlType type : elementTypes) {
                builders.add(new VectorBuilder(type, input.rowCount()));
            }
            widths[u] = elementTypes.size();
            SqlType type = unnested[u].type();
            spread[u] = type instanceof TimeSeriesType || (type instanceof ArrayType array && array.elementType() instanceof RowType);
        }
        VectorBuilder ordinals = new VectorBuilder(PrimitiveType.BIGINT, input.rowCount());
        int[] positions = new int[Math.max(16, input.rowCount())];
        int count = 0;
        for (int row = 0; row < input.rowCount(); row++) {
            if ((row & 0xFFFF) == 0xFFFF) {
                context.checkRunning();
            }
            int length = 0;
            for (Vector column : unnested) {
                length = Math.max(length, elementCount(column.get(row)));
            }
            boolean padded = length == 0 && outer;
            int emitted = padded ? 1 : length;
            if (count + emitted > positions.length) {
                positions = Arrays.copyOf(positions, Math.max(count + emitted, positions.length * 2));
            }
            for (int e = 0; e < emitted; e++) {
                positions[count++] = row;
                if (withOrdinality) {
                    if (padded) {
                        ordinals.appendNull();
                    } else {
                        ordinals.appendLong(e + 1);
                    }
                }
            }
            for (int u = 0; u < unnested.length; u++) {
                appendElements(unnested[u].get(row), emitted, spread[u], builders.subList(firstBuilder[u], firstBuilder[u] + widths[u]));
            }
        }
        List<Vector> columns = new ArrayList<>(input.select(positions, count).columns());
        for (VectorBuilder builder : builders) {
            columns.add(builder.build());
        }
        if (withOrdinality) {
            columns.add(ordinals.build());
        }
        return new Batch(columns, count);
    }

    /** The output column types: the input's, then each unnested channel's element columns, then the ordinal. */
    public static List<SqlType> outputTypes(List<SqlType> inputTypes, List<Integer> unnestChannels, boolean withOrdinality) {
        List<SqlType> types = new ArrayList<>(inputTypes);
        for (int channel : unnestChannels) {
            types.addAll(elementColumnTypes(inputTypes.get(channel)));
        }
        if (withOrdinality) {
            types.add(PrimitiveType.BIGINT);
        }
        return types;
    }

    /** The columns one unnested value of {@code type} becomes. */
    public static List<SqlType> elementColumnTypes(SqlType type) {
        if (type instanceof ArrayType array) {
            if (array.elementType() instanceof RowType row) {
                return row.fields().stream().map(RowType.Field::type).toList();
            }
            return List.of(array.elementType());
        }
        if (type instanceof MapType map) {
            return List.of(map.keyType(), map.valueType());
        }
        if (type instanceof TimeSeriesType series) {
            return List.of(PrimitiveType.TIMESTAMP, series.valueType());
        }
        throw new IllegalArgumentException("cannot unnest a value of type " + type.displayName() + ": expected an array, a map or a timeseries");
    }

    private static int elementCount(Object value) {
        if (value == null) {
            return 0;
        }
        return value instanceof Map<?, ?> map ? map.size() : ((List<?>) value).size();
    }

    /**
     * Appends the elements of one value to its columns' builders, then nulls up to {@code rows}:
     * with {@code spread}, an element (a timeseries point, a row) spreads over its fields.
     */
    private static void appendElements(Object value, int rows, boolean spread, List<VectorBuilder> builders) {
        int width = builders.size();
        int first = 0;
        int appended = 0;
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                builders.get(first).append(entry.getKey());
                builders.get(first + 1).append(entry.getValue());
            }
            appended = map.size();
        } else if (value != null) {
            for (Object element : (List<?>) value) {
                if (!spread) {
                    builders.get(first).append(element);
                    continue;
                }
                List<?> fields = (List<?>) element;
                for (int f = 0; f < width; f++) {
                    builders.get(first + f).append(fields == null ? null : fields.get(f));
                }
            }
            appended = ((List<?>) value).size();
        }
        for (int r = appended; r < rows; r++) {
            for (int f = 0; f < width; f++) {
                builders.get(first + f).appendNull();
            }
        }
    }
}
