package io.tidemark.engine.query.plan;

import static io.tidemark.engine.query.plan.QueryFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

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
}
