package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.aggregate.BuiltinAggregates;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.function.ScalarFunctionRegistry;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.engine.testing.BatchRows;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.Analyzer;
import io.tidemark.sql.analyzer.CatalogTable;
import io.tidemark.sql.analyzer.SchemaProvider;
import io.tidemark.sql.parser.SqlParser;
import io.tidemark.sql.type.PrimitiveType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two small tables of database "tidemark" and the path SQL text → parser → analyzer → planner →
 * execution over an {@link InMemoryFragmentRunner}.
 * <ul>
 * <li>cpu (hostname, region, measure_name, time, measure_value::double, measure_value::bigint):
 *     cpu readings of h1 (us) 10/20/30, h2 (eu) 50/70/null at T0, +1m, +2m; h3 (no region) 90 at T0
 *     and 95 at T0+61m; mem readings (bigint) h1 100, h2 200 at T0, h3 300 at T0+61m.</li>
 * <li>hosts (hostname, rack, measure_name, time, measure_value::varchar): h1 r1 alice, h2 r2 bob,
 *     h4 r4 dave, all "info" at T0.</li>
 * </ul>
 */
final class QueryFixture {

    static final long T0 = 1_767_225_600_000_000_000L;
    static final long MINUTE = 60_000_000_000L;
    static final long HOUR = 60 * MINUTE;
    /** The queries' start: two hours after T0. */
    static final long NOW = T0 + 2 * HOUR;

    static final CatalogTable CPU = CatalogTable.of("tidemark", "cpu", List.of("hostname", "region"),
            List.of(PrimitiveType.DOUBLE, PrimitiveType.BIGINT), Map.of());
    static final CatalogTable HOSTS = CatalogTable.of("tidemark", "hosts", List.of("hostname", "rack"),
            List.of(PrimitiveType.VARCHAR), Map.of());

    final InMemoryFragmentRunner runner = new InMemoryFragmentRunner(
            Map.of("tidemark.cpu", CPU, "tidemark.hosts", HOSTS), Map.of("tidemark.cpu", cpuRows(), "tidemark.hosts", hostRows()));
    private final Planner planner = new Planner(ScalarFunctionRegistry.builtin(), BuiltinAggregates.instance());
    private final SchemaProvider schema = new SchemaProvider() {
        @Override
        public boolean databaseExists(String database) {
            return database.equals("tidemark");
        }

        @Override
        public Optional<CatalogTable> table(String database, String table) {
            if (!database.equals("tidemark")) {
                return Optional.empty();
            }
            return table.equals("cpu") ? Optional.of(CPU) : table.equals("hosts") ? Optional.of(HOSTS) : Optional.empty();
        }
    };

    Analysis analyze(String sql) {
        return new Analyzer(schema).analyze(new SqlParser().parseStatement(sql));
    }

    StatementPlan plan(String sql) {
        return planner.plan(analyze(sql));
    }

    static QueryContext context() {
        return new QueryContext("test", EvalContext.utc(NOW), System.nanoTime() + 60_000_000_000L, 1L << 30);
    }

    Batch execute(String sql) {
        return plan(sql).execute(context(), runner);
    }

    /** The rows of a query's result, boxed. */
    List<List<Object>> rows(String sql) {
        return BatchRows.rows(execute(sql));
    }

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    String explain(String sql) {
        return (String) execute("EXPLAIN " + sql).column(0).get(0);
    }

    private static Batch cpuRows() {
        Object[][] rows = {
            {"h1", "us", "cpu", T0, 10.0, null},
            {"h1", "us", "cpu", T0 + MINUTE, 20.0, null},
            {"h1", "us", "cpu", T0 + 2 * MINUTE, 30.0, null},
            {"h2", "eu", "cpu", T0, 50.0, null},
            {"h2", "eu", "cpu", T0 + MINUTE, 70.0, null},
            {"h2", "eu", "cpu", T0 + 2 * MINUTE, null, null},
            {"h3", null, "cpu", T0, 90.0, null},
            {"h3", null, "cpu", T0 + 61 * MINUTE, 95.0, null},
            {"h1", "us", "mem", T0, null, 100L},
            {"h2", "eu", "mem", T0, null, 200L},
            {"h3", null, "mem", T0 + 61 * MINUTE, null, 300L},
        };
        return batch(CPU, rows);
    }

    private static Batch hostRows() {
        Object[][] rows = {
            {"h1", "r1", "info", T0, "alice"},
            {"h2", "r2", "info", T0, "bob"},
            {"h4", "r4", "info", T0, "dave"},
        };
        return batch(HOSTS, rows);
    }

    private static Batch batch(CatalogTable table, Object[][] rows) {
        List<io.tidemark.engine.query.vector.Vector> columns = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            VectorBuilder builder = new VectorBuilder(table.columns().get(c).type(), rows.length);
            for (Object[] row : rows) {
                builder.append(row[c]);
            }
            columns.add(builder.build());
        }
        return new Batch(columns, rows.length);
    }
}
