package io.tidemark.sql.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.sql.ast.Comparison;
import io.tidemark.sql.ast.DereferenceExpression;
import io.tidemark.sql.ast.ExistsPredicate;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.Lambda;
import io.tidemark.sql.ast.Logical;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.QualifiedName;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.QuerySpecification;
import io.tidemark.sql.ast.SingleColumn;
import io.tidemark.sql.ast.Statement;
import io.tidemark.sql.parser.SqlParser;
import io.tidemark.sql.type.FunctionType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an {@link Analysis} holds besides the result columns: node types, resolutions, overloads, tables read. */
class AnalysisContentsTest {

    private static final SqlParser PARSER = new SqlParser();
    private static final Analyzer ANALYZER = new Analyzer(TestCatalog.INSTANCE);

    @Test
    void everyFunctionCallAndLambdaIsTypedWithItsOverload() {
        Statement statement = PARSER.parseStatement(
                "SELECT filter(create_time_series(time, measure_value::double), p -> p.value > 1) FROM db.cpu");
        Analysis analysis = ANALYZER.analyze(statement);
        List<FunctionCall> calls = nodes(statement, FunctionCall.class);
        assertThat(calls).hasSize(2);
        assertThat(analysis.function(calls.get(0)).orElseThrow().signature().toString())
                .isEqualTo("filter(timeseries(T), function(row(time timestamp, value T), boolean))");
        assertThat(analysis.type(calls.get(1))).isEqualTo(new TimeSeriesType(PrimitiveType.DOUBLE));
        Lambda lambda = nodes(statement, Lambda.class).get(0);
        RowType point = new TimeSeriesType(PrimitiveType.DOUBLE).pointType();
        assertThat(analysis.type(lambda)).isEqualTo(new FunctionType(List.of(point), PrimitiveType.BOOLEAN));
        DereferenceExpression value = nodes(statement, DereferenceExpression.class).get(0);
        assertThat(analysis.type(value)).isEqualTo(PrimitiveType.DOUBLE);
        assertThat(analysis.columnReference(value)).as("a row field, not a column").isEmpty();
    }

    @Test
    void columnReferencesResolveToTableColumnsAndCorrelationIsMarked() {
        Statement statement = PARSER.parseStatement("SELECT c.host FROM db.cpu c WHERE EXISTS "
                + "(SELECT 1 FROM db.metrics m WHERE m.host = c.host AND m.cpu > 0.5)");
        Analysis analysis = ANALYZER.analyze(statement);
        ExistsPredicate exists = nodes(statement, ExistsPredicate.class).get(0);
        Comparison join = nodes(exists, Comparison.class).get(0);
        Field outer = analysis.columnReference(join.right()).orElseThrow();
        assertThat(analysis.isOuterReference(join.right())).isTrue();
        assertThat(analysis.isOuterReference(join.left())).isFalse();
        assertThat(outer.origin().orElseThrow()).isEqualTo(new ColumnReference(new TableReference("db", "cpu"), "host", ColumnRole.DIMENSION));
        assertThat(outer.qualifier()).containsExactly("c");
        assertThat(analysis.tableColumns()).isEqualTo(Map.of(
                new TableReference("db", "cpu"), Set.of("host"),
                new TableReference("db", "metrics"), Set.of("host", "cpu")));
    }

    @Test
    void starReadsEveryColumnAndOrdinalsTakeTheSelectedType() {
        Statement statement = PARSER.parseStatement("SELECT *, bin(time, 1m) FROM db.cpu ORDER BY 7");
        Analysis analysis = ANALYZER.analyze(statement);
        assertThat(analysis.tableColumns().get(new TableReference("db", "cpu")))
                .containsExactly("region", "host", "measure_name", "time", "measure_value::double", "measure_value::bigint");
        Expression ordinal = ((Query) statement).orderBy().get(0).key();
        assertThat(analysis.type(ordinal)).isEqualTo(PrimitiveType.TIMESTAMP);
        assertThat(analysis.outputColumns().get(6).name()).isEqualTo("_col6");
    }

    @Test
    void everyExpressionOfTheSelectAndWhereIsTyped() {
        Statement statement = PARSER.parseStatement("SELECT host || '-' || region AS k, abs(measure_value::bigint) * 2 "
                + "FROM db.cpu WHERE time BETWEEN ago(1h) AND now() AND host IN ('a', 'b') OR measure_value::double IS NULL");
        Analysis analysis = ANALYZER.analyze(statement);
        QuerySpecification specification = (QuerySpecification) ((Query) statement).body();
        List<Expression> roots = new ArrayList<>();
        specification.select().items().forEach(item -> roots.add(((SingleColumn) item).expression()));
        roots.add(specification.where().orElseThrow());
        for (Expression root : roots) {
            for (Expression expression : valueExpressions(root)) {
                assertThat(analysis.types().containsKey(expression)).as(expression.location() + " " + expression.getClass().getSimpleName()).isTrue();
            }
        }
        assertThat(analysis.type(specification.where().orElseThrow())).isEqualTo(PrimitiveType.BOOLEAN);
        assertThat(nodes(statement, Logical.class)).isNotEmpty();
    }

    /** Expressions in value positions: everything but the names of called functions. */
    private static List<Expression> valueExpressions(Node root) {
        List<Expression> found = new ArrayList<>();
        if (root instanceof QualifiedName) {
            return found;
        }
        if (root instanceof Expression expression) {
            found.add(expression);
        }
        for (Node child : root.children()) {
            found.addAll(valueExpressions(child));
        }
        return found;
    }

    private static <T extends Node> List<T> nodes(Node root, Class<T> type) {
        List<T> found = new ArrayList<>();
        if (type.isInstance(root)) {
            found.add(type.cast(root));
        }
        for (Node child : root.children()) {
            found.addAll(nodes(child, type));
        }
        return found;
    }
}
