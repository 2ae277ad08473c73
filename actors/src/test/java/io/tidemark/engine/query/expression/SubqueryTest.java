package io.tidemark.engine.query.expression;

import static io.tidemark.engine.query.expression.ExpressionHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.type.PrimitiveType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubqueryTest {

    /** Table u's k column: 1, 2, 2, null. */
    private static final List<Long> K = Arrays.asList(1L, 2L, 2L, null);

    /**
     * Runs every subquery over table u's k column. Uncorrelated: the whole column (or, for
     * {@code returning}, a given list). Correlated on t.a: the k values equal to the bound a.
     */
    private static final class FixedRunner implements SubqueryRunner {
        List<Long> returning = K;
        Field correlatedField;
        final List<Optional<InputLayout.BoundValue>> calls = new ArrayList<>();

        @Override
        public Batch run(Query subquery, InputLayout outer, EvalContext context) {
            Optional<InputLayout.BoundValue> bound = correlatedField == null ? Optional.empty() : outer.outerValue(correlatedField);
            calls.add(bound);
            VectorBuilder column = new VectorBuilder(PrimitiveType.BIGINT, 4);
            for (Long k : returning) {
                if (bound.isEmpty() || (k != null && k.equals(bound.get().value()))) {
                    column.append(k);
                }
            }
            Vector values = column.build();
            return new Batch(List.of(values), values.size());
        }
    }

    private final FixedRunner runner = new FixedRunner();
    private final ExpressionHarness harness = new ExpressionHarness(TestFunctions.REGISTRY, runner);
    private final Batch batch = rows(4).with("a", 1L, 2L, 3L, null).build();

    @Test
    void inSubqueryWithNullSemantics() {
        assertThat(harness.eval("a IN (SELECT k FROM \"db\".\"u\")", batch)).containsExactly(true, true, null, null);
        assertThat(harness.eval("a NOT IN (SELECT k FROM \"db\".\"u\")", batch)).containsExactly(false, false, null, null);
        runner.returning = List.of(1L, 2L);
        assertThat(harness.eval("a IN (SELECT k FROM \"db\".\"u\")", batch)).containsExactly(true, true, false, null);
        assertThat(harness.eval("CAST(a AS double) IN (SELECT k FROM \"db\".\"u\")", batch)).as("subquery column converted")
                .containsExactly(true, true, false, null);
    }

    @Test
    void scalarSubqueryHasOneValueNullOrFails() {
        runner.returning = List.of(7L);
        assertThat(harness.eval("a + (SELECT k FROM \"db\".\"u\")", batch)).containsExactly(8L, 9L, 10L, null);
        runner.returning = List.of();
        assertThat(harness.eval("(SELECT k FROM \"db\".\"u\")", batch)).containsOnlyNulls();
        runner.returning = K;
        assertThatThrownBy(() -> harness.eval("(SELECT k FROM \"db\".\"u\")", batch)).isInstanceOf(QueryFunctionException.class)
                .hasMessage("Scalar sub-query has returned multiple rows");
    }

    @Test
    void existsIsTrueWhenTheSubqueryHasRows() {
        assertThat(harness.eval("EXISTS (SELECT k FROM \"db\".\"u\")", batch)).containsExactly(true, true, true, true);
        runner.returning = List.of();
        assertThat(harness.eval("NOT EXISTS (SELECT k FROM \"db\".\"u\")", batch)).containsExactly(true, true, true, true);
    }

    @Test
    void quantifiedComparisons() {
        runner.returning = List.of(1L, 2L);
        assertThat(harness.eval("a >= ALL (SELECT k FROM \"db\".\"u\")", batch)).containsExactly(false, true, true, null);
        assertThat(harness.eval("a > ANY (SELECT k FROM \"db\".\"u\")", batch)).containsExactly(false, true, true, null);
        assertThat(harness.eval("a = SOME (SELECT k FROM \"db\".\"u\")", batch)).containsExactly(true, true, false, null);
        runner.returning = K;
        assertThat(harness.eval("a < ALL (SELECT k FROM \"db\".\"u\")", batch)).as("a null candidate: unknown unless some is false")
                .containsExactly(false, false, false, null);
        assertThat(harness.eval("a >= ALL (SELECT k FROM \"db\".\"u\")", batch)).containsExactly(false, null, null, null);
        runner.returning = List.of();
        assertThat(harness.eval("a > ALL (SELECT k FROM \"db\".\"u\")", batch)).as("ALL over no rows").containsExactly(true, true, true, true);
        assertThat(harness.eval("a > ANY (SELECT k FROM \"db\".\"u\")", batch)).containsExactly(false, false, false, false);
    }

    @Test
    void uncorrelatedSubqueryRunsOncePerQuery() {
        var compiled = harness.compile("a IN (SELECT k FROM \"db\".\"u\")").compiled();
        compiled.evaluate(batch, ExpressionHarness.CONTEXT);
        compiled.evaluate(batch, ExpressionHarness.CONTEXT);
        assertThat(runner.calls).hasSize(1);
        compiled.evaluate(batch, EvalContext.utc(0));
        assertThat(runner.calls).as("another query runs it again").hasSize(2);
    }

    @Test
    void correlatedSubqueryRunsOncePerDistinctOuterValueWithItBound() {
        var exists = harness.compile("EXISTS (SELECT k FROM \"db\".\"u\" WHERE k = t.a)");
        runner.correlatedField = exists.fields().get(0);
        Batch outer = rows(5).with("a", 2L, 1L, 2L, 3L, 1L).build();
        assertThat(ExpressionHarness.values(exists.compiled().evaluate(outer, ExpressionHarness.CONTEXT))).containsExactly(true, true, true, false, true);
        assertThat(runner.calls).extracting(call -> call.map(InputLayout.BoundValue::value).orElse(null)).containsExactly(2L, 1L, 3L);
    }

    @Test
    void correlatedScalarSubqueryGetsOneValuePerRow() {
        var compiled = harness.compile("a * 10 + (SELECT k FROM \"db\".\"u\" WHERE k = t.a)");
        runner.correlatedField = compiled.fields().get(0);
        runner.returning = Arrays.asList(1L, 3L);
        Batch outer = rows(3).with("a", 1L, 2L, 3L).build();
        assertThat(ExpressionHarness.values(compiled.compiled().evaluate(outer, ExpressionHarness.CONTEXT))).containsExactly(11L, null, 33L);
    }
}
