package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.function.ScalarFunctionRegistry;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.Analyzer;
import io.tidemark.sql.analyzer.CatalogColumn;
import io.tidemark.sql.analyzer.CatalogTable;
import io.tidemark.sql.analyzer.ColumnRole;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.analyzer.SchemaProvider;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.QuerySpecification;
import io.tidemark.sql.ast.SingleColumn;
import io.tidemark.sql.parser.SqlParser;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles {@code SELECT <expr> FROM "db"."t"} against a fixed catalog and evaluates the select
 * expression over hand-built batches of table {@code t}. Table {@code t}: a, b bigint; n integer;
 * x, y double; s, u varchar; p, q boolean; ts timestamp; d date; tm time; arr array(bigint);
 * m map(varchar, bigint); r row(name varchar, v bigint). Table {@code u}: k bigint, w varchar.
 */
final class ExpressionHarness {

    static final EvalContext CONTEXT = EvalContext.utc(ValueFormat.parseTimestamp("2026-03-04 05:06:07.123456789"));

    static final CatalogTable T = table("t", Map.ofEntries(
            Map.entry("a", PrimitiveType.BIGINT), Map.entry("b", PrimitiveType.BIGINT), Map.entry("n", PrimitiveType.INTEGER),
            Map.entry("x", PrimitiveType.DOUBLE), Map.entry("y", PrimitiveType.DOUBLE), Map.entry("s", PrimitiveType.VARCHAR),
            Map.entry("u", PrimitiveType.VARCHAR), Map.entry("p", PrimitiveType.BOOLEAN), Map.entry("q", PrimitiveType.BOOLEAN),
            Map.entry("ts", PrimitiveType.TIMESTAMP), Map.entry("d", PrimitiveType.DATE), Map.entry("tm", PrimitiveType.TIME),
            Map.entry("arr", new ArrayType(PrimitiveType.BIGINT)), Map.entry("m", new MapType(PrimitiveType.VARCHAR, PrimitiveType.BIGINT)),
            Map.entry("r", new RowType(List.of(RowType.Field.named("name", PrimitiveType.VARCHAR), RowType.Field.named("v", PrimitiveType.BIGINT))))),
            List.of("a", "b", "n", "x", "y", "s", "u", "p", "q", "ts", "d", "tm", "arr", "m", "r"));
    static final CatalogTable U = table("u", Map.of("k", PrimitiveType.BIGINT, "w", PrimitiveType.VARCHAR), List.of("k", "w"));

    private static final SchemaProvider SCHEMA = new SchemaProvider() {
        @Override
        public boolean databaseExists(String database) {
            return database.equals("db");
        }

        @Override
        public Optional<CatalogTable> table(String database, String table) {
            return !database.equals("db") ? Optional.empty() : table.equals("t") ? Optional.of(T) : table.equals("u") ? Optional.of(U) : Optional.empty();
        }
    };

    private final ScalarFunctionRegistry functions;
    private final SubqueryRunner subqueries;

    ExpressionHarness(ScalarFunctionRegistry functions, SubqueryRunner subqueries) {
        this.functions = functions;
        this.subqueries = subqueries;
    }

    ExpressionHarness() {
        this(TestFunctions.REGISTRY, (query, outer, context) -> {
            throw new AssertionError("no subquery expected");
        });
    }

    private static CatalogTable table(String name, Map<String, SqlType> types, List<String> order) {
        List<CatalogColumn> columns = new ArrayList<>();
        for (String column : order) {
            columns.add(new CatalogColumn(column, types.get(column), ColumnRole.MULTI));
        }
        return new CatalogTable("db", name, columns);
    }

    /** An analyzed select expression with the layout of table t. */
    record Compiled(Analysis analysis, Expression expression, List<Field> fields, VectorExpression compiled) {
    }

    Compiled compile(String expression) {
        return compile("SELECT " + expression + " FROM \"db\".\"t\"", InputLayout::of);
    }

    Compiled compile(String sql, java.util.function.Function<List<Field>, InputLayout> layout) {
        Query query = (Query) new SqlParser().parseStatement(sql);
        Analysis analysis = new Analyzer(SCHEMA).analyze(query);
        QuerySpecification specification = (QuerySpecification) query.body();
        Expression expression = ((SingleColumn) specification.select().items().get(0)).expression();
        List<Field> fields = analysis.fields(specification.from().orElseThrow());
        VectorExpression compiled = new ExpressionCompiler(analysis, functions, subqueries).compile(expression, layout.apply(fields));
        return new Compiled(analysis, expression, fields, compiled);
    }

    /** The boxed values of {@code expression} over the rows of {@code batch}. */
    List<Object> eval(String expression, Batch batch) {
        Vector result = compile(expression).compiled().evaluate(batch, CONTEXT);
        return values(result);
    }

    /** The expression's value over a batch of one row with every column null. */
    Object evalConstant(String expression) {
        return eval(expression, rows(1).build()).get(0);
    }

    static List<Object> values(Vector vector) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < vector.size(); i++) {
            values.add(vector.get(i));
        }
        return values;
    }

    static Rows rows(int count) {
        return new Rows(count);
    }

    /** A batch of table t built column by column; columns not given are all null. */
    static final class Rows {
        private final int count;
        private final Map<String, Object[]> columns = new LinkedHashMap<>();

        Rows(int count) {
            this.count = count;
        }

        Rows with(String column, Object... values) {
            if (values.length != count) {
                throw new IllegalArgumentException("column " + column + " has " + values.length + " values, expected " + count);
            }
            columns.put(column, values);
            return this;
        }

        Batch build() {
            List<Vector> vectors = new ArrayList<>();
            for (CatalogColumn column : T.columns()) {
                VectorBuilder builder = new VectorBuilder(column.type(), count);
                Object[] values = columns.getOrDefault(column.name(), new Object[count]);
                Arrays.stream(values).forEach(builder::append);
                vectors.add(builder.build());
            }
            return new Batch(vectors, count);
        }
    }
}
