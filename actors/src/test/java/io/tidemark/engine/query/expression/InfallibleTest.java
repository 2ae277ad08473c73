package io.tidemark.engine.query.expression;

import static io.tidemark.engine.query.expression.ExpressionHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.ast.Expression;
import org.junit.jupiter.api.Test;

class InfallibleTest {

    private final ExpressionHarness harness = new ExpressionHarness();

    private boolean cannotFail(String expression) {
        ExpressionHarness.Compiled compiled = harness.compile(expression);
        Expression syntax = compiled.expression();
        return Infallible.cannotFail(syntax, compiled.analysis());
    }

    @Test
    void termsThatCannotRaiseAnError() {
        assertThat(cannotFail("a > 1 AND s = 'x' AND p")).isTrue();
        assertThat(cannotFail("x * 2.0 > y OR a IS NULL")).isTrue();
        assertThat(cannotFail("s LIKE 'a%' AND a IN (1, 2) AND a BETWEEN 1 AND 5")).isTrue();
        assertThat(cannotFail("TRY_CAST(s AS bigint) = 1")).isTrue();
    }

    @Test
    void termsThatMay() {
        assertThat(cannotFail("a / b > 1")).as("division by zero").isFalse();
        assertThat(cannotFail("a + b > 1")).as("overflow").isFalse();
        assertThat(cannotFail("CAST(s AS bigint) = 1")).isFalse();
        assertThat(cannotFail("arr[2] = 1")).isFalse();
        assertThat(cannotFail("s LIKE u")).as("a pattern read per row may be malformed").isFalse();
        assertThat(cannotFail("length(s) = 1")).isFalse();
    }

    @Test
    void lazyOperatorsGiveTheSameResultsEitherWay() {
        Batch batch = rows(4).with("a", 0L, 1L, 2L, null).with("x", 1.0, 2.0, 3.0, 4.0).with("s", "a", "b", "a", null).build();
        assertThat(harness.eval("a > 0 AND x < 3.0 AND s = 'a'", batch)).as("x < 3.0 is false on the last row").containsExactly(false, false, false, false);
        assertThat(harness.eval("a > 0 AND x < 3.5 OR s = 'a'", batch)).containsExactly(true, true, true, null);
        assertThat(harness.eval("CASE WHEN a > 0 THEN x * 2.0 WHEN s = 'a' THEN x ELSE -x END", batch)).containsExactly(1.0, 4.0, 6.0, -4.0);
        assertThat(harness.eval("coalesce(a, CAST(x AS bigint))", batch)).containsExactly(0L, 1L, 2L, 4L);
    }
}
