package io.tidemark.engine.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.sql.parser.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryShapeTest {

    static final long TEN_SECONDS = 10_000_000_000L;

    @Test
    void aBinnedAggregateOverOneTableIsIncrementalAndKeyedByItsGroupKeys() {
        QueryShape shape = QueryShape.of("SELECT bin(time, 10s) AS t, hostname, avg(cpu) FROM devops.cpu"
                + " WHERE time > ago(5m) GROUP BY 1, 2");

        assertThat(shape.incremental()).isTrue();
        assertThat(shape.binColumn()).isZero();
        assertThat(shape.keyColumns()).hasValueSatisfying(keys -> assertThat(keys).containsExactly(0, 1));
        assertThat(shape.tables()).containsExactly("devops.cpu");
        assertThat(shape.binStart(25_000_000_000L)).isEqualTo(20_000_000_000L);
        assertThat(shape.binEnd(25_000_000_000L)).isEqualTo(30_000_000_000L);
        assertThat(shape.binStart(-1)).isEqualTo(-TEN_SECONDS);
    }

    @Test
    void theRestrictedQueryAddsTheTimeRangeToTheWhereClauseAndParses() {
        QueryShape shape = QueryShape.of("SELECT hostname, bin(time, 1m) AS t, max(cpu) AS top FROM devops.cpu"
                + " WHERE hostname <> 'x' OR cpu > 1 GROUP BY hostname, bin(time, 1m) HAVING max(cpu) > 0");

        String restricted = shape.restrictedTo(60_000_000_000L, 180_000_000_000L);

        assertThat(shape.binColumn()).isEqualTo(1);
        assertThat(restricted).contains("time >= from_nanoseconds(60000000000)")
                .contains("time < from_nanoseconds(180000000000)").contains("HAVING");
        assertThat(QueryShape.of(restricted).incremental()).isTrue();
        assertThat(restricted).contains("(hostname <> 'x' OR cpu > 1) AND");
    }

    @Test
    void textsDifferingInSpacingAndCaseOutsideQuotesAreOneQuery() {
        String a = QueryShape.of("SELECT hostname FROM devops.cpu WHERE region = 'EU'").normalisedText();
        String b = QueryShape.of("select   HOSTNAME\nfrom DevOps.Cpu where Region='EU'").normalisedText();
        String c = QueryShape.of("select hostname from devops.cpu where region = 'eu'").normalisedText();

        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT hostname, avg(cpu) FROM devops.cpu GROUP BY hostname",
        "SELECT bin(time, 10s) AS t, avg(cpu) FROM devops.cpu GROUP BY 1 LIMIT 5",
        "SELECT bin(time, 10s) AS t, avg(cpu) FROM devops.cpu GROUP BY 1, hostname",
        "SELECT DISTINCT bin(time, 10s) AS t, avg(cpu) FROM devops.cpu GROUP BY 1",
        "SELECT bin(time, 10s) AS t, avg(cpu) FROM devops.cpu WHERE cpu > (SELECT 1) GROUP BY 1",
        "SELECT bin(time, 10s) AS t, sum(avg(cpu)) OVER () FROM devops.cpu GROUP BY 1",
        "SELECT bin(time, 10s) AS t, avg(a.cpu) FROM devops.cpu a JOIN devops.mem b ON a.hostname = b.hostname GROUP BY 1",
        "SELECT bin(measure_value::timestamp, 10s) AS t, count(*) FROM devops.cpu GROUP BY 1",
        "SELECT * FROM devops.cpu"
    })
    void otherShapesAreReEvaluatedInFull(String sql) {
        assertThat(QueryShape.of(sql).incremental()).isFalse();
    }

    @Test
    void aQueryWithoutGroupByIsKeyedByTheWholeRowAndAGroupKeyMissingFromTheSelectListToo() {
        assertThat(QueryShape.of("SELECT hostname, cpu FROM devops.cpu").keyColumns()).isEmpty();
        assertThat(QueryShape.of("SELECT avg(cpu) FROM devops.cpu GROUP BY hostname").keyColumns()).isEmpty();
        assertThat(QueryShape.of("SELECT hostname AS h, avg(cpu) FROM devops.cpu GROUP BY h").keyColumns())
                .hasValueSatisfying(keys -> assertThat(keys).containsExactly(0));
    }

    @Test
    void aSyntaxErrorIsTheParsersWithItsPosition() {
        assertThatThrownBy(() -> QueryShape.of("SELECT FROM devops.cpu")).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("line 1:8: ");
    }
}
