package io.tidemark.sql.parser;

import static io.tidemark.sql.parser.ParserAssert.PARSER;
import static io.tidemark.sql.parser.ParserAssert.canonical;
import static io.tidemark.sql.parser.ParserAssert.canonicalExpression;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.sql.ast.ArithmeticBinary;
import io.tidemark.sql.ast.Cast;
import io.tidemark.sql.ast.DurationLiteral;
import io.tidemark.sql.ast.DurationUnit;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.Join;
import io.tidemark.sql.ast.Lambda;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.QuerySpecification;
import io.tidemark.sql.ast.SetOperation;
import io.tidemark.sql.ast.SingleColumn;
import io.tidemark.sql.ast.SortItem;
import io.tidemark.sql.ast.SourceLocation;
import io.tidemark.sql.ast.Table;
import io.tidemark.sql.ast.TypedLiteral;
import io.tidemark.sql.ast.Unnest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trees the parser builds: precedence, the Timestream-specific forms, and source locations. */
class SqlParserTest {

    private static Expression firstSelectItem(String sql) {
        Query query = (Query) PARSER.parseStatement(sql);
        QuerySpecification select = (QuerySpecification) query.body();
        return ((SingleColumn) select.select().items().get(0)).expression();
    }

    @Test
    void measureValueColumnIsAnIdentifierWhileDoubleColonOtherwiseCasts() {
        Expression column = PARSER.parseExpression("measure_value::double");
        assertThat(column).isInstanceOf(Identifier.class);
        assertThat(((Identifier) column).canonicalValue()).isEqualTo("measure_value::double");

        Expression cast = PARSER.parseExpression("x::double");
        assertThat(cast).isInstanceOf(Cast.class);
        assertThat(((Cast) cast).safe()).isFalse();
        canonicalExpression("x::double", "CAST(x AS double)");
        canonicalExpression("avg(measure_value::double)", "avg(measure_value::double)");
        canonicalExpression("\"measure_value\"::bigint", "CAST(\"measure_value\" AS bigint)");
    }

    @Test
    void durationLiterals() {
        DurationLiteral duration = (DurationLiteral) PARSER.parseExpression("15m");
        assertThat(duration.amount()).isEqualTo(15);
        assertThat(duration.unit()).isEqualTo(DurationUnit.MINUTE);
        assertThat(((DurationLiteral) PARSER.parseExpression("12second")).unit()).isEqualTo(DurationUnit.SECOND);
        canonicalExpression("bin(time, 12second)", "bin(time, 12s)");
        canonicalExpression("ago(2day) + 50ns", "ago(2d) + 50ns");
    }

    @Test
    void arithmeticPrecedenceAndAssociativity() {
        canonicalExpression("1 + 2 * 3 - 4", "1 + 2 * 3 - 4");
        canonicalExpression("-a * b", "- a * b");
        canonicalExpression("a || b + c", "a || b + c");
        canonicalExpression("a = 1 OR b = 2 AND NOT c = 3", "a = 1 OR b = 2 AND NOT c = 3");
        canonicalExpression("a + b BETWEEN 1 AND 2 + 3", "a + b BETWEEN 1 AND 2 + 3");
        canonicalExpression("NOT a IS NULL", "NOT a IS NULL");
        ArithmeticBinary sum = (ArithmeticBinary) PARSER.parseExpression("1 - 2 - 3");
        assertThat(sum.left()).isInstanceOf(ArithmeticBinary.class);
    }

    @Test
    void formatterKeepsExactlyTheParenthesesTheTreeNeeds() {
        canonicalExpression("(1 + 2) * 3", "(1 + 2) * 3");
        canonicalExpression("a - (b - c)", "a - (b - c)");
        canonicalExpression("((a)) + ((b))", "a + b");
        canonicalExpression("a OR (b OR c)", "a OR (b OR c)");
        canonicalExpression("(a OR b) AND c", "(a OR b) AND c");
        canonicalExpression("NOT (a AND b)", "NOT (a AND b)");
        canonicalExpression("(a = b) = c", "(a = b) = c");
        canonicalExpression("-(1 + 2)", "- (1 + 2)");
        canonicalExpression("- -1", "- - 1");
        canonicalExpression("(a || b) || (c || d)", "a || b || (c || d)");
        canonicalExpression("(ROW(1, 2)).x", "ROW(1, 2).x");
        canonicalExpression("(1).x", "(1).x");
        canonicalExpression("(a + b)[1]", "(a + b)[1]");
        canonicalExpression("f((x) -> x) = (y -> y)", "f((x) -> x) = ((y) -> y)");
    }

    @Test
    void intervalAndTypedLiterals() {
        canonicalExpression("interval '1' hour", "INTERVAL '1' HOUR");
        canonicalExpression("INTERVAL '2 10:00:00' day to second", "INTERVAL '2 10:00:00' DAY TO SECOND");
        TypedLiteral timestamp = (TypedLiteral) PARSER.parseExpression("timestamp '2022-06-17 01:00'");
        assertThat(timestamp.type()).isEqualTo("TIMESTAMP");
        assertThat(timestamp.value()).isEqualTo("2022-06-17 01:00");
        canonicalExpression("date '2022-05-21'", "DATE '2022-05-21'");
        canonicalExpression("double '0.0'", "DOUBLE '0.0'");
    }

    @Test
    void timeIsAnOrdinaryColumnName() {
        canonicalExpression("time > ago(1h)", "time > ago(1h)");
        canonicalExpression("date(time)", "date(time)");
    }

    @Test
    void lambdas() {
        Lambda single = (Lambda) ((FunctionCall) PARSER.parseExpression("filter(ts, x -> x.value > 0)"))
                .arguments().get(1);
        assertThat(single.parameters()).extracting(Identifier::value).containsExactly("x");
        canonicalExpression("reduce(a, 0, (s, x) -> s + x, s -> s)", "reduce(a, 0, (s, x) -> s + x, (s) -> s)");
    }

    @Test
    void functionCallsWithDistinctFilterAndWindow() {
        FunctionCall count = (FunctionCall) PARSER.parseExpression("count(*)");
        assertThat(count.allRows()).isTrue();
        assertThat(count.arguments()).isEmpty();
        canonicalExpression("count(DISTINCT a) filter (where a > 0)", "count(DISTINCT a) FILTER (WHERE a > 0)");
        canonicalExpression("avg(x) over (partition by h order by time rows between 2 preceding and current row)",
                "avg(x) OVER (PARTITION BY h ORDER BY time ASC ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)");
        canonicalExpression("position('b' IN s)", "strpos(s, 'b')");
    }

    @Test
    void orderedAggregatesAndNullTreatment() {
        FunctionCall ordered = (FunctionCall) PARSER.parseExpression("array_agg(x ORDER BY time DESC, h)");
        assertThat(ordered.arguments()).hasSize(1);
        assertThat(ordered.orderBy()).extracting(item -> item.ordering()).containsExactly(SortItem.Ordering.DESCENDING, SortItem.Ordering.ASCENDING);
        canonicalExpression("array_agg(DISTINCT x order by x) filter (where x > 0)", "array_agg(DISTINCT x ORDER BY x ASC) FILTER (WHERE x > 0)");
        FunctionCall ignoring = (FunctionCall) PARSER.parseExpression("first_value(x) IGNORE NULLS OVER (ORDER BY time)");
        assertThat(ignoring.nullTreatment()).contains(FunctionCall.NullTreatment.IGNORE);
        assertThat(ignoring.window()).isPresent();
        canonicalExpression("lag(x, 1) respect nulls over (partition by h order by time)",
                "lag(x, 1) RESPECT NULLS OVER (PARTITION BY h ORDER BY time ASC)");
        assertThat(((FunctionCall) PARSER.parseExpression("first_value(x) OVER ()")).nullTreatment()).isEmpty();
    }

    @Test
    void intersectBindsTighterThanUnion() {
        Query query = (Query) PARSER.parseStatement("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3");
        SetOperation union = (SetOperation) query.body();
        assertThat(union.operator()).isEqualTo(SetOperation.Operator.UNION);
        assertThat(union.right()).isInstanceOf(SetOperation.class);
        assertThat(((SetOperation) union.right()).operator()).isEqualTo(SetOperation.Operator.INTERSECT);
        assertThat(union.distinct()).isTrue();
    }

    @Test
    void joinsAreLeftDeepAndCommaListsAreImplicitJoins() {
        Query query = (Query) PARSER.parseStatement("SELECT * FROM a, b LEFT JOIN c ON b.x = c.x");
        Join implicit = (Join) ((QuerySpecification) query.body()).from().orElseThrow();
        assertThat(implicit.type()).isEqualTo(Join.Type.IMPLICIT);
        assertThat(implicit.left()).isInstanceOf(Table.class);
        assertThat(((Join) implicit.right()).type()).isEqualTo(Join.Type.LEFT);
    }

    @Test
    void unnestWithOrdinalityAndColumnAliases() {
        canonical("SELECT * FROM t CROSS JOIN unnest(ts) WITH ORDINALITY AS u(time, value, n)",
                "SELECT * FROM t CROSS JOIN UNNEST(ts) WITH ORDINALITY AS u (time, value, n)");
        Query query = (Query) PARSER.parseStatement("SELECT * FROM UNNEST(ARRAY[1, 2])");
        assertThat(((QuerySpecification) query.body()).from().orElseThrow()).isInstanceOf(Unnest.class);
    }

    @Test
    void quotedNamesKeepTheirCaseAndUnquotedNamesFold() {
        Identifier quoted = (Identifier) firstSelectItem("SELECT \"Region\" FROM t");
        assertThat(quoted.canonicalValue()).isEqualTo("Region");
        Identifier unquoted = (Identifier) firstSelectItem("SELECT Region FROM t");
        assertThat(unquoted.canonicalValue()).isEqualTo("region");
        canonical("select \"select\", \"a\"\"b\" from \"sampleDB\".DevOps",
                "SELECT \"select\", \"a\"\"b\" FROM \"sampleDB\".DevOps");
    }

    @Test
    void nodesRecordWhereTheyStart() {
        Query query = (Query) PARSER.parseStatement("SELECT a,\n       b + 1\nFROM t");
        QuerySpecification select = (QuerySpecification) query.body();
        assertThat(select.location()).isEqualTo(new SourceLocation(1, 1));
        Expression sum = ((SingleColumn) select.select().items().get(1)).expression();
        assertThat(sum.location()).isEqualTo(new SourceLocation(2, 8));
        assertThat(((ArithmeticBinary) sum).right().location()).isEqualTo(new SourceLocation(2, 12));
        assertThat(select.from().orElseThrow().location()).isEqualTo(new SourceLocation(3, 6));
    }

    @Test
    void limitAllIsNoLimitAndOffsetMayComeEitherSide() {
        canonical("SELECT a FROM t LIMIT ALL", "SELECT a FROM t");
        canonical("SELECT a FROM t LIMIT 5 OFFSET 2 ROWS", "SELECT a FROM t OFFSET 2 LIMIT 5");
    }

    @Test
    void statementsFormatCanonically() {
        canonical("show tables in db like 'a%'", "SHOW TABLES FROM db LIKE 'a%'");
        canonical("describe db.t", "DESCRIBE db.t");
        canonical("explain select 1", "EXPLAIN SELECT 1");
        canonical("unload (select 1) to 's3://b/p'", "UNLOAD (SELECT 1) TO 's3://b/p'");
        canonical("SELECT a x FROM t u", "SELECT a AS x FROM t AS u");
    }

    @Test
    void childrenListsDirectSubtrees() {
        FunctionCall call = (FunctionCall) PARSER.parseExpression("f(a, b) FILTER (WHERE c)");
        assertThat(call.children()).hasSize(4);
        assertThat(call.children().get(0)).isEqualTo(call.name());
        assertThat(List.copyOf(call.children().subList(1, 3))).isEqualTo(call.arguments());
    }
}
