package io.tidemark.engine.query.expression;

import static io.tidemark.engine.query.expression.ExpressionHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.query.vector.Batch;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredicateTest {

    private final ExpressionHarness harness = new ExpressionHarness();

    /** Every pair of true, false and null: p is the row's left operand, q the right. */
    private final Batch truthTable = rows(9)
            .with("p", true, true, true, false, false, false, null, null, null)
            .with("q", true, false, null, true, false, null, true, false, null)
            .build();

    @Test
    void andFollowsThreeValuedLogic() {
        assertThat(harness.eval("p AND q", truthTable)).containsExactly(true, false, null, false, false, false, null, false, null);
    }

    @Test
    void orFollowsThreeValuedLogic() {
        assertThat(harness.eval("p OR q", truthTable)).containsExactly(true, true, true, true, false, null, true, null, null);
    }

    @Test
    void truthTablesHoldWhenTheLaterTermOnlyRunsOnUndecidedRows() {
        // if(true, q) is q, but a function call may fail, so it is evaluated only on the rows still undecided
        assertThat(harness.eval("p AND if(true, q)", truthTable)).containsExactly(true, false, null, false, false, false, null, false, null);
        assertThat(harness.eval("p OR if(true, q)", truthTable)).containsExactly(true, true, true, true, false, null, true, null, null);
        assertThat(harness.eval("if(true, p) AND q AND if(true, p)", truthTable)).containsExactly(true, false, null, false, false, false, null, false, null);
    }

    @Test
    void notKeepsNull() {
        assertThat(harness.eval("NOT p", truthTable)).containsExactly(false, false, false, true, true, true, null, null, null);
    }

    @Test
    void andDoesNotEvaluateLaterTermsOnRowsAlreadyFalse() {
        Batch batch = rows(3).with("a", 0L, 5L, null).build();
        assertThat(harness.eval("a <> 0 AND 10 / a > 1", batch)).containsExactly(false, true, null);
        assertThat(harness.eval("a = 0 OR 10 / a > 1", batch)).containsExactly(true, true, null);
    }

    @Test
    void isNullAndIsNotNull() {
        assertThat(harness.eval("p IS NULL", truthTable)).containsExactly(false, false, false, false, false, false, true, true, true);
        assertThat(harness.eval("p IS NOT NULL", truthTable)).containsExactly(true, true, true, true, true, true, false, false, false);
    }

    @Test
    void comparisonsOfEveryStorage() {
        Batch batch = rows(3).with("a", 1L, 2L, null).with("b", 2L, 2L, 1L).with("x", 1.0, Double.NaN, -0.0).with("y", 1.0, Double.NaN, 0.0)
                .with("s", "apple", "pear", "fig").with("u", "banana", "pear", null).with("p", true, false, true).with("q", false, false, null)
                .build();
        assertThat(harness.eval("a < b", batch)).containsExactly(true, false, null);
        assertThat(harness.eval("a <= b", batch)).containsExactly(true, true, null);
        assertThat(harness.eval("a > b", batch)).containsExactly(false, false, null);
        assertThat(harness.eval("a >= b", batch)).containsExactly(false, true, null);
        assertThat(harness.eval("a = b", batch)).containsExactly(false, true, null);
        assertThat(harness.eval("a <> b", batch)).containsExactly(true, false, null);
        assertThat(harness.eval("a != b", batch)).containsExactly(true, false, null);
        assertThat(harness.eval("x = y", batch)).as("NaN equals nothing, -0.0 = 0.0").containsExactly(true, false, true);
        assertThat(harness.eval("x < 1.5", batch)).containsExactly(true, false, true);
        assertThat(harness.eval("2 > a", batch)).containsExactly(true, false, null);
        assertThat(harness.eval("s < u", batch)).containsExactly(true, false, null);
        assertThat(harness.eval("s = 'pear'", batch)).containsExactly(false, true, false);
        assertThat(harness.eval("p > q", batch)).containsExactly(true, false, null);
        assertThat(harness.eval("a = x", batch)).as("bigint compared as double").containsExactly(true, false, null);
    }

    @Test
    void comparisonsOfArraysAndRows() {
        Batch batch = rows(2).with("arr", List.of(1L, 2L), List.of(1L, 3L)).build();
        assertThat(harness.eval("arr = ARRAY[1, 2]", batch)).containsExactly(true, false);
        assertThat(harness.eval("arr < ARRAY[1, 3]", batch)).containsExactly(true, false);
        assertThat(harness.evalConstant("ROW(1, 'a') = ROW(1, 'a')")).isEqualTo(true);
        assertThat(harness.evalConstant("ROW(1, 'a') < ROW(1, 'b')")).isEqualTo(true);
    }

    @Test
    void isDistinctFromTreatsNullsAsValues() {
        assertThat(harness.eval("p IS DISTINCT FROM q", truthTable)).containsExactly(false, true, true, true, false, true, true, true, false);
        assertThat(harness.eval("p IS NOT DISTINCT FROM q", truthTable)).containsExactly(true, false, false, false, true, false, false, false, true);
    }

    @Test
    void betweenIncludesBothEndsAndPropagatesNull() {
        Batch batch = rows(5).with("a", 1L, 5L, 10L, 11L, null).with("b", 3L, 3L, 3L, 3L, 3L).build();
        assertThat(harness.eval("a BETWEEN 1 AND 10", batch)).containsExactly(true, true, true, false, null);
        assertThat(harness.eval("a NOT BETWEEN 1 AND 10", batch)).containsExactly(false, false, false, true, null);
        assertThat(harness.eval("a BETWEEN b AND 10", batch)).containsExactly(false, true, true, false, null);
        assertThat(harness.eval("a BETWEEN NULL AND 4", batch)).as("known false when above max").containsExactly(null, false, false, false, null);
        assertThat(harness.eval("a BETWEEN 0.5 AND 5.5", batch)).containsExactly(true, true, false, false, null);
    }

    @Test
    void inListOfConstantsWithNullSemantics() {
        Batch batch = rows(4).with("a", 1L, 2L, 3L, null).with("x", 1.0, -0.0, Double.NaN, null).with("s", "a", "b", "c", null).build();
        assertThat(harness.eval("a IN (1, 3, 5)", batch)).containsExactly(true, false, true, null);
        assertThat(harness.eval("a NOT IN (1, 3, 5)", batch)).containsExactly(false, true, false, null);
        assertThat(harness.eval("a IN (1, NULL)", batch)).containsExactly(true, null, null, null);
        assertThat(harness.eval("a NOT IN (1, NULL)", batch)).containsExactly(false, null, null, null);
        assertThat(harness.eval("x IN (0.0, 1)", batch)).containsExactly(true, true, false, null);
        assertThat(harness.eval("s IN ('a', 'c')", batch)).containsExactly(true, false, true, null);
        assertThat(harness.eval("a IN (0, 2.0)", batch)).as("compared as double").containsExactly(false, true, false, null);
    }

    @Test
    void inListWithColumnItemsComparesRowByRow() {
        Batch batch = rows(3).with("a", 1L, 2L, 3L).with("b", 1L, null, 4L).build();
        assertThat(harness.eval("a IN (b, 10)", batch)).containsExactly(true, null, false);
        assertThat(harness.eval("a IN (b + 1, 7)", batch)).containsExactly(false, null, false);
    }

    @Test
    void likeWithWildcardsAndEscape() {
        Batch batch = rows(5).with("s", "abc", "a_c", "xabcx", "a%c", null).with("u", "a%", "a\\_c", "%b%", "a!%c", "x").build();
        assertThat(harness.eval("s LIKE 'a%'", batch)).containsExactly(true, true, false, true, null);
        assertThat(harness.eval("s LIKE 'a_c'", batch)).containsExactly(true, true, false, true, null);
        assertThat(harness.eval("s NOT LIKE '%b%'", batch)).containsExactly(false, true, false, true, null);
        assertThat(harness.eval("s LIKE 'a!_c' ESCAPE '!'", batch)).containsExactly(false, true, false, false, null);
        assertThat(harness.eval("s LIKE u", batch)).containsExactly(true, false, true, false, null);
        assertThat(harness.eval("s LIKE u ESCAPE '!'", batch)).containsExactly(true, false, true, true, null);
        assertThat(harness.eval("'a.c' LIKE 'a.c'", batch)).as("regex characters are literal").containsOnly(true);
        assertThat(harness.eval("'line\nbreak' LIKE 'line%'", batch)).containsOnly(true);
        assertThatThrownBy(() -> harness.eval("s LIKE 'a!x' ESCAPE '!'", batch))
                .hasMessage("line 1:8: Escape character must be followed by '%', '_' or the escape character itself");
        assertThatThrownBy(() -> harness.eval("s LIKE 'a' ESCAPE '!!'", batch)).hasMessageContaining("Escape string must be a single character");
    }

    @Test
    void comparisonWithNullLiteralIsNull() {
        assertThat(harness.eval("a = NULL", rows(2).with("a", 1L, null).build())).isEqualTo(Arrays.asList(null, null));
        assertThat(harness.eval("NULL IS DISTINCT FROM a", rows(2).with("a", 1L, null).build())).containsExactly(true, false);
    }
}
