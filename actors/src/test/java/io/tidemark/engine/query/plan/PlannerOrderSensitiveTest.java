package io.tidemark.engine.query.plan;

import static io.tidemark.engine.query.plan.QueryFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.EngineException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Window functions only in ORDER BY, ordered aggregates and IGNORE NULLS, run end to end over the in-memory fixture. */
class PlannerOrderSensitiveTest {

    private final QueryFixture fixture = new QueryFixture();

    @Test
    void aWindowFunctionOnlyInOrderByOrdersTheRows() {
        assertThat(fixture.rows("SELECT hostname, measure_value::double FROM \"tidemark\".\"cpu\" WHERE measure_name = 'cpu'"
                + " ORDER BY row_number() OVER (ORDER BY time DESC, hostname)"))
                .containsExactly(row("h3", 95.0), row("h1", 30.0), row("h2", null), row("h1", 20.0), row("h2", 70.0),
                        row("h1", 10.0), row("h2", 50.0), row("h3", 90.0));
    }

    @Test
    void aWindowFunctionOnlyInOrderByWithLimitAndPartitions() {
        assertThat(fixture.rows("SELECT hostname, time FROM \"tidemark\".\"cpu\" WHERE measure_name = 'cpu'"
                + " ORDER BY sum(measure_value::double) OVER (PARTITION BY region) DESC, hostname, time LIMIT 4"))
                .extracting(r -> r.get(0))
                .containsExactly("h3", "h3", "h2", "h2");
    }

    @Test
    void anOrderedAggregateSeesItsInputInThatOrder() {
        String sql = "SELECT hostname, array_agg(measure_value::double ORDER BY time DESC) FROM \"tidemark\".\"cpu\""
                + " WHERE measure_name = 'cpu' GROUP BY hostname ORDER BY hostname";

        assertThat(fixture.rows(sql)).containsExactly(row("h1", Arrays.asList(30.0, 20.0, 10.0)),
                row("h2", Arrays.asList(null, 70.0, 50.0)), row("h3", Arrays.asList(95.0, 90.0)));
        assertThat(fixture.explain(sql)).contains("Sort[time DESC NULLS LAST]").doesNotContain("PARTIAL");
    }

    @Test
    void orderedAggregatesOverASubqueryAndWithDistinct() {
        assertThat(fixture.rows("SELECT array_agg(c ORDER BY c DESC), array_agg(DISTINCT c ORDER BY c DESC), count(*)"
                + " FROM (VALUES 2, 3, 1, 3) AS t (c)"))
                .containsExactly(row(List.of(3L, 3L, 2L, 1L), List.of(3L, 2L, 1L), 4L));
    }

    @Test
    void aggregatesOrderingTheirInputDifferentlyAreRefused() {
        assertThatThrownBy(() -> fixture.rows("SELECT array_agg(c ORDER BY c), array_agg(c ORDER BY c DESC) FROM (VALUES 1, 2) AS t (c)"))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("cannot order the inputs of aggregates differently in one query");
    }

    @Test
    void ignoreNullsSkipsNullValuesAndRespectNullsIsTheDefault() {
        assertThat(fixture.rows("SELECT last_value(measure_value::double) IGNORE NULLS OVER (ORDER BY time),"
                + " last_value(measure_value::double) RESPECT NULLS OVER (ORDER BY time),"
                + " lag(measure_value::double) IGNORE NULLS OVER (ORDER BY time DESC)"
                + " FROM \"tidemark\".\"cpu\" WHERE measure_name = 'cpu' AND hostname = 'h2' ORDER BY time"))
                .containsExactly(row(50.0, 50.0, 70.0), row(70.0, 70.0, null), row(70.0, null, null));
    }
}
