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
        List<UnnestedChannel> unnested = new ArrayList<>();
        for (int channel : unnestChannels) {
            unnested.add(UnnestedChannel.of(input.column(channel)));
        }
        VectorBuilder ordinals = new VectorBuilder(PrimitiveType.BIGINT, input.rowCount());
        int[] positions = new int[Math.max(16, input.rowCount())];
        int count = 0;
        for (int row = 0; row < input.rowCount(); row++) {
            if ((row & 0xFFFF) == 0xFFFF) {
                context.checkRunning();
            }
            int length = 0;
            for (UnnestedChannel channel : unnested) {
                length = Math.max(length, elementCount(channel.values().get(row)));
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
            for (UnnestedChannel channel : unnested) {
                appendElements(channel.values().get(row), emitted, channel.spread(), channel.builders());
            }
        }
        List<Vector> columns = new ArrayList<>(input.select(positions, count).columns());
        for (UnnestedChannel channel : unnested) {
            for (VectorBuilder builder : channel.builders()) {
                columns.add(builder.build());
            }
        }
        if (withOrdinality) {
            columns.add(ordinals.build());
        }
        return new Batch(columns, count);
    }

    /**
     * One unnested input column and the builders of its element columns.
     *
     * @param spread true if an element (a timeseries point, a row) spreads over several columns
     */
    private record UnnestedChannel(Vector values, List<VectorBuilder> builders, boolean spread) {
        static UnnestedChannel of(Vector values) {
            SqlType type = values.type();
            List<VectorBuilder> builders = new ArrayList<>();
            for (SqlType elementType : elementColumnTypes(type)) {
                builders.add(new VectorBuilder(elementType, values.size()));
            }
            boolean spread = type instanceof TimeSeriesType || (type instanceof ArrayType array && array.elementType() instanceof RowType);
            return new UnnestedChannel(values, builders, spread);
        }
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
        int appended = 0;
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                builders.get(0).append(entry.getKey());
                builders.get(1).append(entry.getValue());
            }
            appended = map.size();
        } else if (value != null) {
            for (Object element : (List<?>) value) {
                if (!spread) {
                    builders.get(0).append(element);
                    continue;
                }
                List<?> fields = (List<?>) element;
                for (int f = 0; f < width; f++) {
                    builders.get(f).append(fields == null ? null : fields.get(f));
                }
            }
            appended = ((List<?>) value).size();
        }
        for (int r = appended; r < rows; r++) {
            for (VectorBuilder builder : builders) {
                builder.appendNull();
            }
        }
    }
}
