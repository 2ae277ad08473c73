package io.tidemark.engine.query.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.expression.EvalContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a node rebuilding a shipped fragment looks it up among: every fragment of a statement's
 * plan, with its scan as of the given query start, and fingerprints that hold what the EXPLAIN lines
 * leave out (the projection under a top-N).
 */
class PlanFragmentsTest {

    private static final long HOUR_NANOS = 3_600_000_000_000L;

    private final QueryFixture fixture = new QueryFixture();

    @Test
    void everyFragmentIsListedWithItsScanAsOfTheQueryStart() {
        StatementPlan join = fixture.plan("SELECT c.hostname, h.rack FROM \"tidemark\".\"cpu\" c JOIN \"tidemark\".\"hosts\" h"
                + " ON c.hostname = h.hostname");
        assertThat(PlanFragments.of(join, EvalContext.utc(0))).extracting(f -> f.request().table())
                .containsExactlyInAnyOrder("cpu", "hosts");

        StatementPlan recent = fixture.plan("SELECT hostname FROM \"tidemark\".\"cpu\" WHERE time > ago(1h)");
        assertThat(PlanFragments.of(recent, EvalContext.utc(10 * HOUR_NANOS))).singleElement()
                .satisfies(f -> assertThat(f.request().fromNanos()).isEqualTo(9 * HOUR_NANOS + 1));
        assertThat(PlanFragments.of(recent, EvalContext.utc(11 * HOUR_NANOS))).singleElement()
                .satisfies(f -> assertThat(f.request().fromNanos()).isEqualTo(10 * HOUR_NANOS + 1));
    }

    @Test
    void explainRunsNoFragment() {
        assertThat(PlanFragments.of(fixture.plan("EXPLAIN SELECT hostname FROM \"tidemark\".\"cpu\""),
                EvalContext.utc(0))).isEmpty();
    }

    @Test
    void theFingerprintHoldsTheProjectionExplainLeavesOutUnderATopN() {
        StatementPlan plan = fixture.plan("(SELECT measure_value::double + 1 AS v FROM \"tidemark\".\"cpu\" ORDER BY time"
                + " LIMIT 3) UNION ALL (SELECT measure_value::double + 2 AS v FROM \"tidemark\".\"cpu\" ORDER BY time LIMIT 3)"
                + " UNION ALL (SELECT measure_value::double AS v FROM \"tidemark\".\"cpu\" ORDER BY measure_value::double LIMIT 3)");

        List<PlanFragments.Fragment> fragments = PlanFragments.of(plan, EvalContext.utc(0));

        assertThat(fragments).hasSize(3);
        // the first two fragments compute the same (the additions run in the final part)
        assertThat(fragments.get(0).pipeline().fingerprint()).isEqualTo(fragments.get(1).pipeline().fingerprint());
        assertThat(fragments.get(2).pipeline().fingerprint()).isNotEqualTo(fragments.get(0).pipeline().fingerprint());
        assertThat(fragments.get(0).pipeline().describe()).noneMatch(line -> line.startsWith("Project["));
        assertThat(fragments.get(0).pipeline().fingerprint()).contains("Project[time, measure_value::double, time]");
    }
}
