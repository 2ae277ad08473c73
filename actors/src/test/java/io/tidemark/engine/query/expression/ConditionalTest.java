package io.tidemark.engine.query.expression;

import static io.tidemark.engine.query.expression.ExpressionHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.PrimitiveType;
import org.junit.jupiter.api.Test;

class ConditionalTest {

    private final ExpressionHarness harness = new ExpressionHarness();

    private final Batch batch = rows(4).with("a", 0L, 5L, null, -2L).with("b", 1L, null, 3L, 4L).with("x", 0.5, 1.5, 2.5, null).build();

    @Test
    void searchedCaseEvaluatesEachBranchOnlyOnItsRows() {
        assertThat(harness.eval("CASE WHEN a = 0 THEN 0 ELSE 10 / a END", batch)).containsExactly(0L, 2L, null, -5L);
        assertThat(harness.eval("CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN 'neg' END", batch)).containsExactly(null, "pos", null, "neg");
    }

    @Test
    void caseBranchesAreCoercedToTheResultType() {
        var compiled = harness.compile("CASE WHEN a > 0 THEN a ELSE x END").compiled();
        assertThat(compiled.type()).isEqualTo(PrimitiveType.DOUBLE);
        assertThat(harness.eval("CASE WHEN a > 0 THEN a ELSE x END", batch)).containsExactly(0.5, 5.0, 2.5, null);
        assertThat(harness.eval("CASE WHEN a > 0 THEN a ELSE NULL END", batch)).containsExactly(null, 5L, null, null);
    }

    @Test
    void simpleCaseComparesTheOperandOnce() {
        assertThat(harness.eval("CASE a WHEN 0 THEN 'zero' WHEN 5 THEN 'five' ELSE 'other' END", batch))
                .containsExactly("zero", "five", "other", "other");
        assertThat(harness.eval("CASE a WHEN 0 THEN 1 ELSE 100 / a END", batch)).containsExactly(1L, 20L, null, -50L);
        assertThat(harness.eval("CASE a WHEN b THEN 'same' END", batch)).containsExactly(null, null, null, null);
        assertThat(harness.eval("CASE x WHEN 1 THEN 'one' WHEN 1.5 THEN 'one and a half' END", batch))
                .containsExactly(null, "one and a half", null, null);
    }

    @Test
    void ifIsLazyAndDefaultsToNull() {
        assertThat(harness.eval("if(a = 0, 0, 10 / a)", batch)).containsExactly(0L, 2L, null, -5L);
        assertThat(harness.eval("if(a > 0, 'yes')", batch)).containsExactly(null, "yes", null, null);
    }

    @Test
    void coalesceEvaluatesLaterArgumentsOnlyWhereStillNull() {
        assertThat(harness.eval("coalesce(a, b, 99)", batch)).containsExactly(0L, 5L, 3L, -2L);
        assertThat(harness.eval("coalesce(b, 10 / a)", batch)).as("10 / 0 never runs: row 0 has b").containsExactly(1L, 2L, 3L, 4L);
        assertThat(harness.eval("coalesce(x, a)", batch)).containsExactly(0.5, 1.5, 2.5, -2.0);
        assertThat(harness.eval("coalesce(NULL, NULL)", batch)).containsOnlyNulls();
    }

    @Test
    void nullifGivesNullWhereEqual() {
        assertThat(harness.eval("nullif(a, 5)", batch)).containsExactly(0L, null, null, -2L);
        assertThat(harness.eval("nullif(a, b)", batch)).containsExactly(0L, 5L, null, -2L);
    }

    @Test
    void tryTurnsQueryErrorsIntoNullRowByRow() {
        assertThat(harness.eval("try(10 / a)", batch)).containsExactly(null, 2L, null, -5L);
        assertThat(harness.eval("try(CAST(s AS bigint))", rows(3).with("s", "12", "x", " 7 ").build())).containsExactly(12L, null, 7L);
        assertThat(harness.eval("try(length(s))", rows(2).with("s", "boom", "calm").build())).containsExactly(null, 4L);
        assertThat(harness.eval("coalesce(try(10 / a), -1)", batch)).containsExactly(-1L, 2L, -1L, -5L);
    }

    @Test
    void errorsOutsideTryStillFail() {
        assertThatThrownBy(() -> harness.eval("10 / a", batch)).hasMessage("Division by zero");
        assertThatThrownBy(() -> harness.eval("CASE WHEN a >= 0 THEN 10 / a END", batch)).hasMessage("Division by zero");
    }

    @Test
    void scalarFunctionsAreBoundOnceAndReceiveCoercedArguments() {
        assertThat(harness.eval("abs(a)", batch)).containsExactly(0L, 5L, null, 2L);
        assertThat(harness.eval("mod(a, n)", rows(2).with("a", 7L, 8L).with("n", 4L, null).build())).as("integer argument widened to bigint")
                .containsExactly(3L, null);
        assertThatThrownBy(() -> harness.eval("abs(n)", batch)).as("abs(integer) has no implementation registered")
                .isInstanceOf(EngineException.class).hasMessage("line 1:8: Function 'abs' is not implemented");
        assertThat(harness.eval("length(s)", rows(2).with("s", "abc", null).build())).containsExactly(3L, null);
    }
}
