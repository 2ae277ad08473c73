package io.tidemark.engine.query.plan;

import static io.tidemark.engine.query.plan.QueryFixture.HOUR;
import static io.tidemark.engine.query.plan.QueryFixture.T0;
import static io.tidemark.engine.query.plan.QueryFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.analyzer.OutputColumn;
import io.tidemark.sql.type.PrimitiveType;
import org.junit.jupiter.api.Test;

/** Single-table queries and queries without FROM, run through parser, analyzer, planner and the in-memory fragment runner. */
class PlannerQueryTest {

    private final QueryFixture fixture = new QueryFixture();

    @Test
    void projectsAndFiltersRows() {
        assertThat(fixture.rows("SELECT hostname, measure_value::double AS v FROM \"tidemark\".\"cpu\""
                + " WHERE measure_name = 'cpu' AND measure_value::double > 25 ORDER BY v"))
                .containsExactly(row("h1", 30.0), row("h2", 50.0), row("h2", 70.0), row("h3", 90.0), row("h3", 95.0));
    }

    @Test
    void distinctFromOnTimeFiltersRowsAsWritten() {
        String at = "TIMESTAMP '2026-01-01 00:00:00'";
        assertThat(fixture.rows("SELECT count(*) FROM \"tidemark\".\"cpu\" WHERE time IS NOT DISTINCT FROM " + at))
                .containsExactly(row(5L));
        assertThat(fixture.rows("SELECT count(*) FROM \"tidemark\".\"cpu\" WHERE " + at + " IS DISTINCT FROM time"))
                .containsExactly(row(6L));
    }

    @Test
    void resultColumnsAreNamedAsTheAnalyzerNamesThem() {
        StatementPlan plan = fixture.plan("SELECT hostname, measure_value::double + 1 FROM \"tidemark\".\"cpu\"");

        assertThat(plan.columns()).containsExactly(new OutputColumn("hostname", PrimitiveType.VARCHAR),
                new OutputColumn("_col1", PrimitiveType.DOUBLE));
    }

    @Test
    void groupsByBinnedTimeInTheFragments() {
        String sql = "SELECT hostname, bin(time, 1h) AS hour, avg(measure_value::double) AS average, count(*) AS n"
                + " FROM \"tidemark\".\"cpu\" WHERE measure_name = 'cpu' GROUP BY hostname, bin(time, 1h) ORDER BY hostname, hour";

        assertThat(fixture.rows(sql)).containsExactly(
                row("h1", T0, 20.0, 3L), row("h2", T0, 60.0, 3L), row("h3", T0, 90.0, 1L), row("h3", T0 + HOUR, 95.0, 1L));
        assertThat(fixture.explain(sql)).contains("Aggregate(PARTIAL)[keys=[hostname, bin(time, 1h)]");
    }

    @Test
    void havingFiltersGroupsAndOrdinalsNameSelectItems() {
        assertThat(fixture.rows("SELECT hostname, count(*) AS n FROM \"tidemark\".\"cpu\" GROUP BY 1 HAVING count(*) > 3 ORDER BY 1"))
                .containsExactly(row("h1", 4L), row("h2", 4L));
    }

    @Test
    void postAggregationExpressionsReadTheAggregatedChannels() {
        assertThat(fixture.rows("SELECT upper(hostname) AS h, max(measure_value::double) - min(measure_value::double) AS spread"
                + " FROM \"tidemark\".\"cpu\" WHERE measure_name = 'cpu' GROUP BY hostname ORDER BY sum(measure_value::double) DESC"))
                .containsExactly(row("H3", 5.0), row("H2", 20.0), row("H1", 20.0));
    }

    @Test
    void aggregateFilterClauseMasksRows() {
        assertThat(fixture.rows("SELECT count(*) FILTER (WHERE measure_name = 'mem') AS mem, count(measure_value::double) AS vals"
                + " FROM \"tidemark\".\"cpu\""))
                .containsExactly(row(3L, 7L));
    }

    @Test
    void globalAggregationOverNoRowsGivesOneRow() {
        assertThat(fixture.rows("SELECT count(*), sum(measure_value::double) FROM \"tidemark\".\"cpu\" WHERE measure_name = 'nothing'"))
                .containsExactly(row(0L, null));
    }

    @Test
    void orderByWithLimitAndOffsetIsPushedAsTopN() {
        String sql = "SELECT hostname, measure_value::double FROM \"tidemark\".\"cpu\" WHERE measure_name = 'cpu'"
                + " ORDER BY measure_value::double DESC LIMIT 2 OFFSET 1";

        assertThat(fixture.rows(sql)).containsExactly(row("h3", 90.0), row("h2", 70.0));
        assertThat(fixture.explain(sql)).contains("TopN[3 by measure_value::double DESC NULLS LAST]");
    }

    @Test
    void nullsSortLastByDefaultAndFirstWhenAsked() {
        assertThat(fixture.rows("SELECT measure_value::double FROM \"tidemark\".\"cpu\" WHERE hostname = 'h2' AND measure_name = 'cpu'"
                + " ORDER BY 1 DESC")).containsExactly(row(70.0), row(50.0), row((Object) null));
        assertThat(fixture.rows("SELECT region, count(*) FROM \"tidemark\".\"cpu\" GROUP BY region ORDER BY region NULLS FIRST"))
                .containsExactly(row(null, 3L), row("eu", 4L), row("us", 4L));
    }

    @Test
    void orderByAnExpressionNotSelectedUsesAHiddenChannel() {
        assertThat(fixture.rows("SELECT hostname FROM \"tidemark\".\"cpu\" WHERE measure_name = 'mem' ORDER BY measure_value::bigint * -1"))
                .containsExactly(row("h3"), row("h2"), row("h1"));
    }

    @Test
    void limitWithoutOrder() {
        assertThat(fixture.execute("SELECT hostname FROM \"tidemark\".\"cpu\" LIMIT 4").rowCount()).isEqualTo(4);
        assertThat(fixture.execute("SELECT hostname FROM \"tidemark\".\"cpu\" OFFSET 9").rowCount()).isEqualTo(2);
    }

    @Test
    void selectDistinct() {
        assertThat(fixture.rows("SELECT DISTINCT region FROM \"tidemark\".\"cpu\" ORDER BY region"))
                .containsExactly(row("eu"), row("us"), row((Object) null));
    }

    @Test
    void windowFunctionsOverPartitions() {
        assertThat(fixture.rows("SELECT hostname, row_number() OVER (PARTITION BY hostname ORDER BY time) AS rn,"
                + " sum(measure_value::double) OVER (PARTITION BY hostname ORDER BY time) AS running"
                + " FROM \"tidemark\".\"cpu\" WHERE measure_name = 'cpu' ORDER BY hostname, time"))
                .containsExactly(row("h1", 1L, 10.0), row("h1", 2L, 30.0), row("h1", 3L, 60.0),
                        row("h2", 1L, 50.0), row("h2", 2L, 120.0), row("h2", 3L, 120.0),
                        row("h3", 1L, 90.0), row("h3", 2L, 185.0));
    }

    @Test
    void windowsOverAggregates() {
        assertThat(fixture.rows("SELECT hostname, count(*) AS n, rank() OVER (ORDER BY count(*) DESC) AS r"
                + " FROM \"tidemark\".\"cpu\" GROUP BY hostname ORDER BY hostname"))
                .containsExactly(row("h1", 4L, 1L), row("h2", 4L, 1L), row("h3", 3L, 3L));
    }

    @Test
    void selectWithoutFromHasOneRow() {
        assertThat(fixture.rows("SELECT 1 + 1, 'x'")).containsExactly(row(2L, "x"));
    }

    @Test
    void valuesAsQueryAndAsRelation() {
        assertThat(fixture.rows("VALUES 1, 2")).containsExactly(row(1L), row(2L));
        assertThat(fixture.rows("SELECT * FROM (VALUES (1, 'a'), (2.5, 'b')) AS t(n, s) ORDER BY n DESC"))
                .containsExactly(row(2.5, "b"), row(1.0, "a"));
    }

    @Test
    void divisionByZeroFailsTheQuery() {
        assertThatThrownBy(() -> fixture.execute("SELECT measure_value::bigint / 0 FROM \"tidemark\".\"cpu\" WHERE measure_name = 'mem'"))
                .isInstanceOf(QueryFunctionException.class).hasMessageContaining("Division by zero");
    }

    @Test
    void otherStatementsAreRefused() {
        assertThatThrownBy(() -> fixture.plan("SHOW TABLES FROM tidemark"))
                .isInstanceOf(EngineException.class).hasMessage("SHOW TABLES is not supported here");
    }

    @Test
    void executionReleasesTheMemoryItReserved() {
        var context = QueryFixture.context();
        Batch result = fixture.plan("SELECT hostname, count(*) FROM \"tidemark\".\"cpu\" GROUP BY hostname ORDER BY 2").execute(context, fixture.runner);

        assertThat(result.rowCount()).isEqualTo(3);
        assertThat(context.reservedMemory()).isZero();
    }

    @Test
    void windowFramesOfRowsAndRange() {
        assertThat(fixture.rows("SELECT hostname, avg(measure_value::double) OVER (PARTITION BY hostname ORDER BY time"
                + " ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS moving,"
                + " count(*) OVER (PARTITION BY hostname ORDER BY time RANGE BETWEEN INTERVAL '1' MINUTE PRECEDING AND CURRENT ROW) AS recent"
                + " FROM \"tidemark\".\"cpu\" WHERE measure_name = 'cpu' AND hostname <> 'h3' ORDER BY hostname, time"))
                .containsExactly(row("h1", 10.0, 1L), row("h1", 15.0, 2L), row("h1", 25.0, 2L),
                        row("h2", 50.0, 1L), row("h2", 60.0, 2L), row("h2", 70.0, 2L));
    }

    @Test
    void orderByAnExpressionOverAnOutputName() {
        assertThat(fixture.rows("SELECT hostname, count(*) AS n FROM \"tidemark\".\"cpu\" GROUP BY hostname ORDER BY n * -1, hostname DESC"))
                .containsExactly(row("h2", 4L), row("h1", 4L), row("h3", 3L));
    }

    @Test
    void countStarReadsNoColumns() {
        assertThat(fixture.rows("SELECT count(*) FROM \"tidemark\".\"cpu\"")).containsExactly(row(11L));
        assertThat(fixture.runner.requests.get(0).columns()).isEmpty();
    }

    @Test
    void selectStarWithGroupByAndAliasedTable() {
        assertThat(fixture.rows("SELECT t.* FROM (SELECT region FROM \"tidemark\".\"cpu\") t GROUP BY region ORDER BY 1"))
                .containsExactly(row("eu"), row("us"), row((Object) null));
    }

    @Test
    void aQueryOverItsMemoryLimitFailsWithAClearError() {
        var context = new io.tidemark.engine.query.QueryContext("small", io.tidemark.engine.query.expression.EvalContext.utc(QueryFixture.NOW),
                System.nanoTime() + 60_000_000_000L, 64);
        StatementPlan plan = fixture.plan("SELECT * FROM \"tidemark\".\"cpu\"");

        assertThatThrownBy(() -> plan.execute(context, fixture.runner))
                .isInstanceOf(EngineException.class).hasMessageContaining("exceeded its memory limit");
    }

    @Test
    void aCancelledQueryStops() {
        var context = QueryFixture.context();
        context.cancel("user asked");

        assertThatThrownBy(() -> fixture.plan("SELECT hostname FROM \"tidemark\".\"cpu\"").execute(context, fixture.runner))
                .isInstanceOf(EngineException.class).hasMessageContaining("was cancelled: user asked");
    }

    @Test
    void limitZeroReturnsNoRows() {
        assertThat(fixture.execute("SELECT hostname FROM \"tidemark\".\"cpu\" ORDER BY time LIMIT 0").rowCount()).isZero();
        assertThat(fixture.execute("SELECT hostname FROM \"tidemark\".\"cpu\" LIMIT 0").rowCount()).isZero();
    }
}
