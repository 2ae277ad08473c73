package io.tidemark.engine.query.plan;

import static io.tidemark.engine.query.plan.QueryFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Joins, UNNEST, set operations, WITH and subqueries, run end to end over the in-memory tables. */
class PlannerRelationTest {

    private static final String MEM = "(SELECT hostname, measure_value::bigint AS v FROM \"tidemark\".\"cpu\" WHERE measure_name = 'mem') c";
    private static final String HOSTS = "(SELECT hostname, rack FROM \"tidemark\".\"hosts\") h";

    private final QueryFixture fixture = new QueryFixture();

    @Test
    void innerJoinOnEquiKeys() {
        assertThat(fixture.rows("SELECT c.hostname, h.rack FROM \"tidemark\".\"cpu\" c JOIN \"tidemark\".\"hosts\" h"
                + " ON c.hostname = h.hostname WHERE c.measure_name = 'mem' ORDER BY 1"))
                .containsExactly(row("h1", "r1"), row("h2", "r2"));
    }

    @Test
    void outerJoinsPadWithNulls() {
        assertThat(fixture.rows("SELECT c.hostname, h.rack FROM " + MEM + " LEFT JOIN " + HOSTS + " ON c.hostname = h.hostname ORDER BY 1"))
                .containsExactly(row("h1", "r1"), row("h2", "r2"), row("h3", null));
        assertThat(fixture.rows("SELECT c.hostname, h.rack FROM " + MEM + " RIGHT JOIN " + HOSTS + " ON c.hostname = h.hostname ORDER BY 2"))
                .containsExactly(row("h1", "r1"), row("h2", "r2"), row(null, "r4"));
        assertThat(fixture.rows("SELECT c.hostname, h.rack FROM " + MEM + " FULL JOIN " + HOSTS + " ON c.hostname = h.hostname"
                + " ORDER BY 1, 2")).containsExactly(row("h1", "r1"), row("h2", "r2"), row("h3", null), row(null, "r4"));
    }

    @Test
    void crossAndImplicitJoins() {
        assertThat(fixture.rows("SELECT count(*) FROM " + MEM + " CROSS JOIN " + HOSTS)).containsExactly(row(9L));
        assertThat(fixture.rows("SELECT count(*) FROM " + MEM + ", " + HOSTS + " WHERE c.hostname < h.hostname")).containsExactly(row(4L));
    }

    @Test
    void joinConditionResidualFiltersPairs() {
        assertThat(fixture.rows("SELECT c.hostname FROM " + MEM + " JOIN " + HOSTS + " ON c.hostname = h.hostname AND h.rack <> 'r1'"))
                .containsExactly(row("h2"));
        assertThat(fixture.rows("SELECT c.hostname, h.rack FROM " + MEM + " LEFT JOIN " + HOSTS + " ON c.hostname = h.hostname AND c.v > 150"
                + " ORDER BY 1")).containsExactly(row("h1", null), row("h2", "r2"), row("h3", null));
    }

    @Test
    void usingKeepsOneColumnFilledFromEitherSide() {
        assertThat(fixture.rows("SELECT hostname, rack FROM " + MEM + " FULL JOIN " + HOSTS + " USING (hostname) ORDER BY hostname"))
                .containsExactly(row("h1", "r1"), row("h2", "r2"), row("h3", null), row("h4", "r4"));
        assertThat(fixture.rows("SELECT * FROM " + MEM + " JOIN " + HOSTS + " USING (hostname) ORDER BY 1"))
                .containsExactly(row("h1", 100L, "r1"), row("h2", 200L, "r2"));
    }

    @Test
    void unnestWithOrdinalityAndLateralUnnest() {
        assertThat(fixture.rows("SELECT x, o FROM UNNEST(ARRAY[10, 20, 30]) WITH ORDINALITY AS t(x, o)"))
                .containsExactly(row(10L, 1L), row(20L, 2L), row(30L, 3L));
        assertThat(fixture.rows("SELECT h.hostname, x FROM " + HOSTS + " CROSS JOIN UNNEST(ARRAY[1, 2]) AS t(x) ORDER BY 1, 2"))
                .containsExactly(row("h1", 1L), row("h1", 2L), row("h2", 1L), row("h2", 2L), row("h4", 1L), row("h4", 2L));
        assertThat(fixture.rows("SELECT h.hostname, x FROM " + HOSTS + " LEFT JOIN UNNEST(CASE WHEN h.hostname = 'h1' THEN ARRAY[7] END)"
                + " AS t(x) ON true ORDER BY 1")).containsExactly(row("h1", 7L), row("h2", null), row("h4", null));
    }

    @Test
    void setOperations() {
        String hosts = "SELECT hostname FROM \"tidemark\".\"hosts\"";
        String cpu = "SELECT hostname FROM \"tidemark\".\"cpu\"";
        assertThat(fixture.rows(hosts + " UNION " + cpu + " ORDER BY 1")).containsExactly(row("h1"), row("h2"), row("h3"), row("h4"));
        assertThat(fixture.execute(hosts + " UNION ALL " + cpu).rowCount()).isEqualTo(14);
        assertThat(fixture.rows(hosts + " INTERSECT " + cpu + " ORDER BY 1")).containsExactly(row("h1"), row("h2"));
        assertThat(fixture.rows(cpu + " EXCEPT " + hosts)).containsExactly(row("h3"));
    }

    @Test
    void setOperationBranchesAreCoercedToTheCommonType() {
        assertThat(fixture.rows("SELECT 1 UNION ALL SELECT 2.5 ORDER BY 1 DESC")).containsExactly(row(2.5), row(1.0));
    }

    @Test
    void nestedQueriesKeepTheirOwnOrderAndLimit() {
        assertThat(fixture.rows("SELECT hostname FROM (SELECT hostname FROM \"tidemark\".\"hosts\" ORDER BY hostname DESC LIMIT 2)"
                + " ORDER BY hostname")).containsExactly(row("h2"), row("h4"));
    }

    @Test
    void withQueryRunsOncePerExecution() {
        List<List<Object>> rows = fixture.rows("WITH m AS (SELECT hostname, measure_value::bigint AS v FROM \"tidemark\".\"cpu\""
                + " WHERE measure_name = 'mem') SELECT a.hostname, b.v FROM m a JOIN m b ON a.v = b.v ORDER BY 1");

        assertThat(rows).containsExactly(row("h1", 100L), row("h2", 200L), row("h3", 300L));
        assertThat(fixture.runner.requests).hasSize(1);
    }

    @Test
    void scalarAndInSubqueries() {
        assertThat(fixture.rows("SELECT hostname FROM \"tidemark\".\"hosts\" WHERE hostname = (SELECT min(hostname) FROM \"tidemark\".\"cpu\")"))
                .containsExactly(row("h1"));
        assertThat(fixture.rows("SELECT hostname FROM \"tidemark\".\"hosts\" WHERE hostname IN (SELECT hostname FROM \"tidemark\".\"cpu\")"
                + " ORDER BY 1")).containsExactly(row("h1"), row("h2"));
    }

    @Test
    void correlatedSubqueries() {
        assertThat(fixture.rows("SELECT hostname FROM \"tidemark\".\"hosts\" h WHERE EXISTS (SELECT 1 FROM \"tidemark\".\"cpu\" c"
                + " WHERE c.hostname = h.hostname AND c.measure_name = 'mem') ORDER BY 1")).containsExactly(row("h1"), row("h2"));
        assertThat(fixture.rows("SELECT hostname, (SELECT count(*) FROM \"tidemark\".\"cpu\" c WHERE c.hostname = h.hostname) AS n"
                + " FROM \"tidemark\".\"hosts\" h ORDER BY 1")).containsExactly(row("h1", 4L), row("h2", 4L), row("h4", 0L));
    }

    @Test
    void scalarSubqueryWithSeveralRowsIsAnError() {
        assertThatThrownBy(() -> fixture.execute("SELECT (SELECT hostname FROM \"tidemark\".\"hosts\")"))
                .hasMessageContaining("Scalar sub-query has returned multiple rows");
    }

    @Test
    void uncorrelatedSubqueryRunsOnce() {
        fixture.rows("SELECT hostname FROM \"tidemark\".\"cpu\" WHERE measure_value::double > (SELECT avg(measure_value::double)"
                + " FROM \"tidemark\".\"cpu\")");

        assertThat(fixture.runner.requests).hasSize(2);
    }

    @Test
    void aSubqueryReadsTheWithQueriesOfItsEnclosingQuery() {
        assertThat(fixture.rows("WITH known AS (SELECT hostname FROM \"tidemark\".\"hosts\") SELECT DISTINCT hostname"
                + " FROM \"tidemark\".\"cpu\" WHERE hostname NOT IN (SELECT hostname FROM known) OR hostname = (SELECT max(hostname) FROM known)"))
                .containsExactly(row("h3"));
        assertThat(fixture.runner.requests).hasSize(2);
    }

    @Test
    void nestedCorrelatedSubqueries() {
        assertThat(fixture.rows("SELECT h.hostname FROM \"tidemark\".\"hosts\" h WHERE EXISTS (SELECT 1 FROM \"tidemark\".\"cpu\" c"
                + " WHERE c.hostname = h.hostname AND c.measure_value::bigint = (SELECT max(d.measure_value::bigint)"
                + " FROM \"tidemark\".\"cpu\" d WHERE d.hostname = h.hostname)) ORDER BY 1"))
                .containsExactly(row("h1"), row("h2"));
    }

    @Test
    void correlatedSubqueryInTheSelectListOfAGroupedQuery() {
        assertThat(fixture.rows("SELECT c.hostname, count(*) AS n, (SELECT min(h.rack) FROM \"tidemark\".\"hosts\" h"
                + " WHERE h.hostname = c.hostname) AS rack FROM \"tidemark\".\"cpu\" c GROUP BY c.hostname ORDER BY 1"))
                .containsExactly(row("h1", 4L, "r1"), row("h2", 4L, "r2"), row("h3", 3L, null));
    }

    @Test
    void joinKeysOfDifferentTypesMeetInTheirCommonType() {
        assertThat(fixture.rows("SELECT a.x, c.hostname FROM (VALUES 100, 300, 400) AS a(x) JOIN " + MEM
                + " ON a.x = c.v ORDER BY 1")).containsExactly(row(100L, "h1"), row(300L, "h3"));
    }

    @Test
    void valuesWithNullsTakeTheColumnsCommonType() {
        assertThat(fixture.rows("SELECT s, n FROM (VALUES (1, NULL), (NULL, 'b')) AS t(n, s) ORDER BY n NULLS FIRST"))
                .containsExactly(row("b", null), row(null, 1L));
    }

    @Test
    void whereConjunctsOnTheNullPaddedSideOfAnOuterJoinRunAfterTheJoin() {
        assertThat(fixture.rows("SELECT c.hostname FROM \"tidemark\".\"cpu\" c LEFT JOIN \"tidemark\".\"hosts\" h"
                + " ON c.hostname = h.hostname WHERE h.rack IS NULL AND c.measure_name = 'mem'")).containsExactly(row("h3"));
        assertThat(fixture.rows("SELECT h.hostname FROM \"tidemark\".\"cpu\" c RIGHT JOIN \"tidemark\".\"hosts\" h"
                + " ON c.hostname = h.hostname AND c.measure_name = 'mem' WHERE c.hostname IS NULL")).containsExactly(row("h4"));
        assertThat(fixture.rows("SELECT c.hostname, h.rack FROM \"tidemark\".\"cpu\" c JOIN \"tidemark\".\"hosts\" h"
                + " ON c.hostname = h.hostname WHERE c.measure_name = 'mem' AND h.rack <> 'r2'")).containsExactly(row("h1", "r1"));
    }
}
