package io.tidemark.engine.query.plan;

import static io.tidemark.engine.query.plan.QueryFixture.HOUR;
import static io.tidemark.engine.query.plan.QueryFixture.NOW;
import static io.tidemark.engine.query.plan.QueryFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.fragment.ScanColumn;
import io.tidemark.engine.query.fragment.ScanRequest;
import io.tidemark.sql.analyzer.ColumnRole;
import io.tidemark.sql.type.PrimitiveType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScanRequestDerivationTest {

    private final QueryFixture fixture = new QueryFixture();

    private ScanRequest request(String sql) {
        List<RemoteSourceNode> remotes = remotes(((QueryPlan) fixture.plan(sql)).root());
        assertThat(remotes).hasSize(1);
        return remotes.get(0).scan().request(EvalContext.utc(NOW));
    }

    static List<RemoteSourceNode> remotes(PlanNode node) {
        List<RemoteSourceNode> found = new ArrayList<>();
        if (node instanceof RemoteSourceNode remote) {
            found.add(remote);
        }
        node.sources().forEach(source -> found.addAll(remotes(source)));
        return found;
    }

    @Test
    void readsOnlyTheReferencedColumnsInCatalogOrder() {
        ScanRequest request = request("SELECT measure_value::double, hostname FROM \"tidemark\".\"cpu\" WHERE measure_name = 'cpu'");

        assertThat(request.database()).isEqualTo("tidemark");
        assertThat(request.table()).isEqualTo("cpu");
        assertThat(request.columns()).containsExactly(
                new ScanColumn("hostname", PrimitiveType.VARCHAR, ColumnRole.DIMENSION),
                new ScanColumn("measure_name", PrimitiveType.VARCHAR, ColumnRole.MEASURE_NAME),
                new ScanColumn("measure_value::double", PrimitiveType.DOUBLE, ColumnRole.MEASURE_VALUE));
    }

    @Test
    void selectStarReadsEveryColumn() {
        ScanRequest request = request("SELECT * FROM \"tidemark\".\"cpu\"");

        assertThat(request.columns()).extracting(ScanColumn::name)
                .containsExactly("hostname", "region", "measure_name", "time", "measure_value::double", "measure_value::bigint");
    }

    @Test
    void withoutTimeBoundsTheWholeTimeRangeIsRead() {
        ScanRequest request = request("SELECT hostname FROM \"tidemark\".\"cpu\"");

        assertThat(request.fromNanos()).isEqualTo(Long.MIN_VALUE);
        assertThat(request.toNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(request.values()).isEmpty();
    }

    @Test
    void strictBoundsExcludeTheirEndpoints() {
        ScanRequest request = request("SELECT hostname FROM \"tidemark\".\"cpu\" WHERE time > TIMESTAMP '2026-01-01 00:00:00'"
                + " AND time < TIMESTAMP '2026-01-01 01:00:00'");

        assertThat(request.fromNanos()).isEqualTo(T0 + 1);
        assertThat(request.toNanos()).isEqualTo(T0 + HOUR - 1);
    }

    @Test
    void inclusiveBoundsAndBetweenKeepTheirEndpoints() {
        ScanRequest inclusive = request("SELECT hostname FROM \"tidemark\".\"cpu\" WHERE time >= TIMESTAMP '2026-01-01 00:00:00'"
                + " AND TIMESTAMP '2026-01-01 01:00:00' >= time");
        ScanRequest between = request("SELECT hostname FROM \"tidemark\".\"cpu\" WHERE time BETWEEN TIMESTAMP '2026-01-01 00:00:00'"
                + " AND TIMESTAMP '2026-01-01 01:00:00'");

        assertThat(inclusive.fromNanos()).isEqualTo(T0);
        assertThat(inclusive.toNanos()).isEqualTo(T0 + HOUR);
        assertThat(between.fromNanos()).isEqualTo(T0);
        assertThat(between.toNanos()).isEqualTo(T0 + HOUR);
    }

    @Test
    void agoIsEvaluatedAtTheQueryStart() {
        ScanRequest request = request("SELECT hostname FROM \"tidemark\".\"cpu\" WHERE time >= ago(1h)");

        assertThat(request.fromNanos()).isEqualTo(NOW - HOUR);
        assertThat(request.toNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void severalBoundsIntersect() {
        ScanRequest request = request("SELECT hostname FROM \"tidemark\".\"cpu\" WHERE time >= ago(2h) AND time >= ago(1h)"
                + " AND time <= now() AND time = TIMESTAMP '2026-01-01 01:30:00'");

        assertThat(request.fromNanos()).isEqualTo(T0 + HOUR + HOUR / 2);
        assertThat(request.toNanos()).isEqualTo(T0 + HOUR + HOUR / 2);
    }

    @Test
    void measureNameAndDimensionValuesArePassedForPruning() {
        ScanRequest request = request("SELECT hostname FROM \"tidemark\".\"cpu\" c WHERE c.measure_name = 'cpu'"
                + " AND hostname IN ('h1', 'h2') AND region <> 'eu'");

        assertThat(request.values()).isEqualTo(Map.of("measure_name", Set.of("cpu"), "hostname", Set.of("h1", "h2")));
    }

    @Test
    void aTableJoinedWithAnotherGetsNoPruningFromTheWhereClause() {
        List<RemoteSourceNode> remotes = remotes(((QueryPlan) fixture.plan("SELECT c.hostname FROM \"tidemark\".\"cpu\" c"
                + " JOIN \"tidemark\".\"hosts\" h ON c.hostname = h.hostname WHERE c.measure_name = 'cpu'")).root());

        assertThat(remotes).hasSize(2);
        ScanRequest cpu = remotes.get(0).scan().request(EvalContext.utc(NOW));
        assertThat(cpu.values()).isEmpty();
        assertThat(cpu.columns()).extracting(ScanColumn::name).containsExactly("hostname", "measure_name");
    }
}
