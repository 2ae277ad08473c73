package io.tidemark.engine.query.differential;

import static io.tidemark.engine.query.differential.SqlRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself: what counts as the same result, and how a difference is reported. */
class ResultComparisonTest {

    private static SqlRows rows(List<Object>... rows) {
        return new SqlRows(List.of("a", "b"), List.of(rows));
    }

    @Test
    void unorderedResultsCompareAsMultisets() {
        SqlRows expected = rows(row("x", 1L), row(null, 2L), row("x", 1L));
        SqlRows sameRowsOtherOrder = rows(row(null, 2L), row("x", 1L), row("x", 1L));
        SqlRows duplicateLost = rows(row(null, 2L), row("x", 1L), row("y", 1L));

        assertThat(ResultComparison.difference(expected, sameRowsOtherOrder, false)).isEmpty();
        assertThat(ResultComparison.difference(expected, sameRowsOtherOrder, true)).isPresent();
        assertThat(ResultComparison.difference(expected, duplicateLost, false)).hasValueSatisfying(d ->
                assertThat(d).contains("expected [x, 1]").contains("actual   [y, 1]"));
    }

    @Test
    void numbersCompareByValueAndDoublesWithinARelativeTolerance() {
        assertThat(ResultComparison.sameValue(3L, 3.0)).isTrue();
        assertThat(ResultComparison.sameValue(1e15, 1e15 + 0.5)).isTrue();
        assertThat(ResultComparison.sameValue(1.0, 1.0 + 1e-6)).isFalse();
        assertThat(ResultComparison.sameValue(0.0, 1e-15)).isTrue();
        assertThat(ResultComparison.sameValue(Double.NaN, Double.NaN)).isTrue();
        assertThat(ResultComparison.sameValue(Double.POSITIVE_INFINITY, Double.MAX_VALUE)).isFalse();
        assertThat(ResultComparison.sameValue(Long.MAX_VALUE, Long.MAX_VALUE - 1)).isFalse();
        assertThat(ResultComparison.sameValue(null, 0L)).isFalse();
        assertThat(ResultComparison.sameValue(List.of(1L, 2.5), List.of(1L, 2.5))).isTrue();
    }

    @Test
    void rowCountsAndColumnCountsMustMatch() {
        SqlRows two = rows(row("x", 1L), row("y", 2L));
        SqlRows one = rows(row("x", 1L));

        assertThat(ResultComparison.difference(two, one, true)).hasValueSatisfying(d ->
                assertThat(d).contains("expected 2 but got 1").contains("[y, 2]"));
        assertThat(ResultComparison.difference(one, new SqlRows(List.of("a"), List.of(row("x"))), true)).isPresent();
    }

    @Test
    void duckTextQuotesMeasureValueColumnsAndOrderingIsTopLevelOnly() {
        assertThat(DiffQuery.toDuck("SELECT avg(measure_value::double), h.measure_value::bigint, \"measure_value::varchar\" FROM t"))
                .isEqualTo("SELECT avg(\"measure_value::double\"), h.\"measure_value::bigint\", \"measure_value::varchar\" FROM t");
        assertThat(DiffQuery.toDuck("SELECT count_if(x > f(1, ')')), count_if(count_if(y)) FROM t"))
                .isEqualTo("SELECT count(CASE WHEN x > f(1, ')') THEN 1 END), count(CASE WHEN count(CASE WHEN y THEN 1 END) THEN 1 END) FROM t");
        assertThat(DiffQuery.hasTopLevelOrderBy("SELECT x FROM t ORDER BY x")).isTrue();
        assertThat(DiffQuery.hasTopLevelOrderBy("SELECT row_number() OVER (ORDER BY x) FROM t")).isFalse();
        assertThat(DiffQuery.hasTopLevelOrderBy("SELECT 'ORDER BY' FROM (SELECT x FROM t ORDER BY x LIMIT 1) s")).isFalse();
    }
}
