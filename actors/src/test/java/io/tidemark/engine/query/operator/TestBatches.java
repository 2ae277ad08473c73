package io.tidemark.engine.query.operator;

import static io.tidemark.engine.testing.BatchRows.rows;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds batches from boxed rows and back, for comparing operators with boxed references. */
final class TestBatches {

    private TestBatches() {
    }

    static QueryContext context() {
        return new QueryContext("test", EvalContext.utc(0), System.nanoTime() + TimeUnit.HOURS.toNanos(1), 1L << 40);
    }

    static Batch batch(List<SqlType> types, List<List<Object>> rows) {
        List<Vector> columns = new ArrayList<>();
        for (int c = 0; c < types.size(); c++) {
            VectorBuilder builder = new VectorBuilder(types.get(c), rows.size());
            for (List<Object> row : rows) {
                builder.append(row.get(c));
            }
            columns.add(builder.build());
        }
        return new Batch(columns, rows.size());
    }

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /** The value with every {@code -0.0} turned into {@code 0.0}, so boxed equality matches SQL grouping (NaN equals NaN under {@link Double#equals}). */
    static Object normalize(Object value) {
        if (value instanceof Double d) {
            return d == 0.0 ? 0.0 : d;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                out.add(normalize(element));
            }
            return out;
        }
        return value;
    }

    static List<List<Object>> normalizeRows(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            @SuppressWarnings("unchecked")
            List<Object> normalized = (List<Object>) normalize(row);
            out.add(normalized);
        }
        return out;
    }

    /** {@code rows} cut into consecutive batches at the given cut points (any values; taken modulo the size, sorted). */
    static List<Batch> split(List<SqlType> types, List<List<Object>> rows, List<Integer> cuts) {
        List<Integer> points = new ArrayList<>();
        for (int cut : cuts) {
            points.add(rows.isEmpty() ? 0 : Math.floorMod(cut, rows.size() + 1));
        }
        points.add(0);
        points.add(rows.size());
        points.sort(null);
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i + 1 < points.size(); i++) {
            batches.add(batch(types, rows.subList(points.get(i), points.get(i + 1))));
        }
        return batches;
    }
}
