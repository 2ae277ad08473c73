package io.tidemark.engine.query.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.expression.EvalContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a node rebuilding a shipped fragment looks it up among: every fragment of a statement's
 * plan, with its scan as of the given query start, and fingerprints that tell apart pipelines whose
 * EXPLAIN lines are equal but whose projections differ.
 */
class PlanFragmentsTest {

    private static final long HOUR_NANOS = 3_600_000_000_000L;

    private final QueryFixture fixture = new QueryFixture();

    @Test
    void everyFragmentIsListedWithItsScanAsOfTheQueryStart() {
        StatementPlan plan = fixture.plan("SELECT c.hostname, h.rack FROM \"tidemark\".\"cpu\" c JOIN \"tidemark\".\"hosts\" h"
                + " ON c.hostname = h.hostname WHERE c.time > ago(1h)");

        List<PlanFragments.Fragment> fragments = PlanFragments.of(plan, EvalContext.utc(10 * HOUR_NANOS));

        assertThat(fragments).extracting(f -> f.request().table()).containsExactlyInAnyOrder("cpu", "hosts");
        PlanFragments.Fragment cpu = fragments.stream().filter(f -> f.request().table().equals("cpu")).findFirst()
                .orElseThrow();
        assertThat(cpu.request().fromNanos()).isEqualTo(9 * HOUR_NANOS + 1);
        assertThat(PlanFragments.of(plan, EvalContext.utc(11 * HOUR_NANOS)).stream()
                .filter(f -> f.request().table().equals("cpu")).findFirst().orElseThrow().request().fromNanos())
                .isEqualTo(10 * HOUR_NANOS + 1);
    }

    @Test
    void explainRunsNoFragment() {
        assertThat(PlanFragments.of(fixture.plan("EXPLAIN SELECT hostname FROM \"tidemark\".\"cpu\""),
                EvalContext.utc(0))).isEmpty();
    }

    @Test
    void pipelinesDifferingOnlyInTheirProjectionUnderATopNHaveDifferentFingerprints() {
        StatementPlan plan = fixture.plan("(SELECT measure_value::double + 1 AS v FROM \"tidemark\".\"cpu\" ORDER BY time"
                + " LIMIT 3) UNION ALL (SELECT measure_value::double + 2 AS v FROM \"tidemark\".\"cpu\" ORDER BY time LIMIT 3)");

        List<PlanFragments.Fragment> fragments = PlanFragments.of(plan, EvalContext.utc(0));

        assertThat(fragments).hasSize(2);
        assertThat(fragments.get(0).request()).isEqualTo(fragments.get(1).request());
        assertThat(fragments.get(0).pipeline().describe()).isEqualTo(fragments.get(1).pipeline().describe());
        assertThat(fragments.get(0).pipeline().fingerprint()).isNotEqualTo(fragments.get(1).pipeline().fingerprint());
    }
}
