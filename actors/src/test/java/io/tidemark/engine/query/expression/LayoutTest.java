package io.tidemark.engine.query.expression;

import static io.tidemark.engine.query.expression.ExpressionHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.parser.SqlParser;
import io.tidemark.sql.type.PrimitiveType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutTest {

    private final ExpressionHarness harness = new ExpressionHarness();

    @Test
    void anExpressionAnEarlierStepComputedIsReadFromItsChannel() {
        var sum = new SqlParser().parseExpression("sum(a)");
        var compiled = harness.compile("SELECT sum(a) * 2 FROM \"db\".\"t\"", fields -> InputLayout.of(List.of()).withComputed(sum, 0));
        Batch aggregated = new Batch(List.of(Vector.ofLongs(PrimitiveType.BIGINT, new long[] {21, 5}, null, 2)), 2);
        assertThat(ExpressionHarness.values(compiled.compiled().evaluate(aggregated, ExpressionHarness.CONTEXT))).containsExactly(42L, 10L);
    }

    @Test
    void aGroupKeyMatchesBySyntax() {
        var key = new SqlParser().parseExpression("A + b");
        var compiled = harness.compile("SELECT (a + b) * 10 FROM \"db\".\"t\"", fields -> InputLayout.of(List.of()).withComputed(key, 0));
        Batch grouped = new Batch(List.of(Vector.ofLongs(PrimitiveType.BIGINT, new long[] {3}, null, 1)), 1);
        assertThat(ExpressionHarness.values(compiled.compiled().evaluate(grouped, ExpressionHarness.CONTEXT))).containsExactly(30L);
    }

    @Test
    void aLambdaCapturesAnExpressionAnEarlierStepComputed() {
        SqlParser parser = new SqlParser();
        var compiled = harness.compile("SELECT transform(array_agg(a), e -> e + sum(a)) FROM \"db\".\"t\"",
                fields -> InputLayout.of(List.of()).withComputed(parser.parseExpression("array_agg(a)"), 0)
                        .withComputed(parser.parseExpression("sum(a)"), 1));
        Batch aggregated = new Batch(List.of(Vector.ofObjects(new io.tidemark.sql.type.ArrayType(PrimitiveType.BIGINT),
                new Object[] {List.of(1L, 2L), List.of(10L)}, 2), Vector.ofLongs(PrimitiveType.BIGINT, new long[] {3, 10}, null, 2)), 2);
        assertThat(ExpressionHarness.values(compiled.compiled().evaluate(aggregated, ExpressionHarness.CONTEXT)))
                .containsExactly(List.of(4L, 5L), List.of(20L));
    }

    @Test
    void aLambdaParameterNeverMatchesAComputedExpressionOfTheSameSpelling() {
        var key = new SqlParser().parseExpression("a");
        var compiled = harness.compile("SELECT transform(arr, a -> a * 2) FROM \"db\".\"t\"",
                fields -> InputLayout.of(fields).withComputed(key, 0));
        Batch batch = rows(1).with("a", 100L).with("arr", List.of(1L, 2L)).build();
        assertThat(ExpressionHarness.values(compiled.compiled().evaluate(batch, ExpressionHarness.CONTEXT))).containsExactly(List.of(2L, 4L));
    }

    @Test
    void anAggregateNobodyComputedCannotBeCompiled() {
        assertThatThrownBy(() -> harness.compile("sum(a) + 1")).isInstanceOf(EngineException.class)
                .hasMessage("line 1:8: cannot compile aggregate function 'sum' here: its value must come from an earlier step of the plan");
    }

    @Test
    void anOuterBoundFieldReadsItsValue() {
        var compiled = harness.compile("SELECT a + b FROM \"db\".\"t\"", fields -> {
            List<Field> withoutA = new ArrayList<>(fields);
            withoutA.set(0, null);
            return InputLayout.of(withoutA).withOuter(fields.get(0), new InputLayout.BoundValue(PrimitiveType.BIGINT, 100L));
        });
        assertThat(ExpressionHarness.values(compiled.compiled().evaluate(rows(2).with("b", 1L, null).build(), ExpressionHarness.CONTEXT)))
                .containsExactly(101L, null);
    }

    @Test
    void aColumnTheLayoutDoesNotHoldIsAnError() {
        assertThatThrownBy(() -> harness.compile("SELECT a FROM \"db\".\"t\"", fields -> InputLayout.of(List.of())))
                .isInstanceOf(EngineException.class).hasMessageStartingWith("line 1:8: cannot compile a reference to a column the input does not hold");
    }
}
