package io.tidemark.engine.query.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.analyzer.OutputColumn;
import io.tidemark.sql.type.PrimitiveType;
import org.junit.jupiter.api.Test;

class ExplainTest {

    private final QueryFixture fixture = new QueryFixture();

    @Test
    void explainIsOneVarcharRowAndRunsNothing() {
        StatementPlan plan = fixture.plan("EXPLAIN SELECT hostname FROM \"tidemark\".\"cpu\"");
        Batch result = plan.execute(QueryFixture.context(), fixture.runner);

        assertThat(plan.columns()).containsExactly(new OutputColumn("Query Plan", PrimitiveType.VARCHAR));
        assertThat(result.rowCount()).isEqualTo(1);
        assertThat(fixture.runner.requests).isEmpty();
    }

    @Test
    void groupedQuerySplitsIntoPartialAndFinalAggregation() {
        String text = fixture.explain("SELECT hostname, avg(measure_value::double) AS avg_cpu FROM \"tidemark\".\"cpu\""
                + " WHERE measure_name = 'cpu' AND time >= TIMESTAMP '2026-01-01 00:00:00' GROUP BY hostname ORDER BY avg_cpu DESC");

        assertThat(text).isEqualTo(String.join("\n",
                "Output[hostname, avg_cpu]",
                "    Sort[avg_cpu DESC NULLS LAST]",
                "        Project[hostname, avg(measure_value::double)]",
                "            Aggregate(FINAL)[keys=[hostname], avg(measure_value::double)]",
                "                RemoteFragment[tidemark.cpu, time=[2026-01-01T00:00:00Z, max], measure_name in (cpu)]   -- runs on the node owning each shard",
                "                    Aggregate(PARTIAL)[keys=[hostname], avg(measure_value::double)] (chunk stats)",
                "                        Filter[(measure_name = 'cpu' AND time >= TIMESTAMP '2026-01-01 00:00:00')] (implied by the scan's pruning)",
                "                            Scan[columns=[hostname, measure_name, time, measure_value::double]]"));
    }

    @Test
    void agoBoundsAreShownAsOfTheQueryStart() {
        String text = fixture.explain("SELECT hostname FROM \"tidemark\".\"cpu\" WHERE time > ago(1h)");

        assertThat(text).contains("RemoteFragment[tidemark.cpu, time=[2026-01-01T01:00:00.000000001Z, max]]");
    }

    @Test
    void joinPlansAFragmentPerTableAndJoinsInTheFinalPart() {
        String text = fixture.explain("SELECT c.hostname, h.rack FROM \"tidemark\".\"cpu\" c JOIN \"tidemark\".\"hosts\" h"
                + " ON c.hostname = h.hostname AND h.rack <> 'r1' LIMIT 5");

        assertThat(text).isEqualTo(String.join("\n",
                "Output[hostname, rack]",
                "    Limit[limit=5]",
                "        Project[c.hostname, h.rack]",
                "            Join(INNER)[c.hostname = h.hostname, filter=h.rack <> 'r1']",
                "                Project[#0, c.hostname]",
                "                    RemoteFragment[tidemark.cpu, time=[min, max]]   -- runs on the node owning each shard",
                "                        Scan[columns=[hostname]]",
                "                Project[#0, #1, h.hostname]",
                "                    RemoteFragment[tidemark.hosts, time=[min, max]]   -- runs on the node owning each shard",
                "                        Scan[columns=[hostname, rack]]"));
    }

    @Test
    void pushedTopNAppearsInTheFragmentAndAgainInTheFinalPart() {
        String text = fixture.explain("SELECT hostname FROM \"tidemark\".\"cpu\" ORDER BY time DESC LIMIT 3");

        assertThat(text).isEqualTo(String.join("\n",
                "Output[hostname]",
                "    Project[#0]",
                "        TopN[3 by time DESC NULLS LAST]",
                "            Project[hostname, time]",
                "                RemoteFragment[tidemark.cpu, time=[min, max]]   -- runs on the node owning each shard",
                "                    TopN[3 by time DESC NULLS LAST]",
                "                        Scan[columns=[hostname, time]]"));
    }

    @Test
    void aWithQueryReadTwiceIsShownOnce() {
        String text = fixture.explain("WITH m AS (SELECT hostname FROM \"tidemark\".\"hosts\") SELECT a.hostname FROM m a CROSS JOIN m b");

        assertThat(text).isEqualTo(String.join("\n",
                "Output[hostname]",
                "    Project[a.hostname]",
                "        Join(CROSS)",
                "            With[m]",
                "                Project[hostname]",
                "                    RemoteFragment[tidemark.hosts, time=[min, max]]   -- runs on the node owning each shard",
                "                        Scan[columns=[hostname]]",
                "            With[m] (shown above)"));
    }

    @Test
    void setOperationsAndValues() {
        assertThat(fixture.explain("SELECT 1 UNION SELECT 2.5")).isEqualTo(String.join("\n",
                "Output[_col0]",
                "    Union",
                "        Project[CAST(#0 AS double)]",
                "            Project[1]",
                "                SingleRow",
                "        Project[2.5]",
                "            SingleRow"));
        assertThat(fixture.explain("VALUES (1, 'a') EXCEPT ALL VALUES (2, 'b')")).isEqualTo(String.join("\n",
                "Output[_col0, _col1]",
                "    Except(ALL)",
                "        Values[1 row]",
                "        Values[1 row]"));
    }

    @Test
    void fragmentsSendOnlyTheColumnsReadAfterWhereAndAtMostOffsetPlusLimitRows() {
        String text = fixture.explain("SELECT upper(hostname) FROM \"tidemark\".\"cpu\" WHERE measure_name = 'cpu' AND region = 'us'"
                + " LIMIT 2 OFFSET 1");

        assertThat(text).isEqualTo(String.join("\n",
                "Output[_col0]",
                "    Limit[offset=1, limit=2]",
                "        Project[upper(hostname)]",
                "            RemoteFragment[tidemark.cpu, time=[min, max], measure_name in (cpu), region in (us)]   -- runs on the node owning each shard",
                "                Limit[3]",
                "                    Project[hostname]",
                "                        Filter[(measure_name = 'cpu' AND region = 'us')] (implied by the scan's pruning)",
                "                            Scan[columns=[hostname, region, measure_name]]"));
        assertThat(fixture.execute("SELECT upper(hostname) FROM \"tidemark\".\"cpu\" WHERE measure_name = 'cpu' AND region = 'us'"
                + " LIMIT 2 OFFSET 1").rowCount()).isEqualTo(2);
    }

    @Test
    void whereConjunctsOverOneJoinedTableAlsoRunInItsFragment() {
        String text = fixture.explain("SELECT c.hostname FROM \"tidemark\".\"cpu\" c JOIN \"tidemark\".\"hosts\" h ON c.hostname = h.hostname"
                + " WHERE c.measure_name = 'mem' AND h.rack <> 'r2' AND c.region <> h.rack");

        assertThat(text).isEqualTo(String.join("\n",
                "Output[hostname]",
                "    Project[c.hostname]",
                "        Filter[(c.measure_name = 'mem' AND h.rack <> 'r2' AND c.region <> h.rack)]",
                "            Join(INNER)[c.hostname = h.hostname]",
                "                Project[#0, #1, #2, c.hostname]",
                "                    RemoteFragment[tidemark.cpu, time=[min, max]]   -- runs on the node owning each shard",
                "                        Filter[(c.measure_name = 'mem')]",
                "                            Scan[columns=[hostname, region, measure_name]]",
                "                Project[#0, #1, h.hostname]",
                "                    RemoteFragment[tidemark.hosts, time=[min, max]]   -- runs on the node owning each shard",
                "                        Filter[(h.rack <> 'r2')]",
                "                            Scan[columns=[hostname, rack]]"));
    }

    @Test
    void whereEqualitiesBetweenImplicitlyJoinedTablesBecomeJoinKeys() {
        String text = fixture.explain("SELECT count(*) FROM \"tidemark\".\"cpu\" a, \"tidemark\".\"hosts\" b, \"tidemark\".\"hosts\" c"
                + " WHERE a.hostname = b.hostname AND c.hostname = b.hostname AND a.region < c.rack");

        assertThat(text).contains("Join(INNER)[b.hostname = c.hostname]", "Join(INNER)[a.hostname = b.hostname]")
                .doesNotContain("CROSS");
        assertThat(fixture.rows("SELECT count(*) FROM \"tidemark\".\"cpu\" a, \"tidemark\".\"hosts\" b, \"tidemark\".\"hosts\" c"
                + " WHERE a.hostname = b.hostname AND c.hostname = b.hostname AND a.region < c.rack")).containsExactly(QueryFixture.row(4L));
    }
}
