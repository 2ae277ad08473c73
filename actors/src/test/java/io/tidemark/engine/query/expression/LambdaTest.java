package io.tidemark.engine.query.expression;

import static io.tidemark.engine.query.expression.ExpressionHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.PrimitiveType;
import java.util.List;
import org.junit.jupiter.api.Test;

class LambdaTest {

    private final ExpressionHarness harness = new ExpressionHarness();
    private final Batch batch = rows(3).with("arr", List.of(1L, 2L, 3L), List.of(5L), null).with("a", 10L, 20L, 30L).build();

    @Test
    void lambdaWithoutCapture() {
        assertThat(harness.eval("transform(arr, e -> e * 2)", batch)).containsExactly(List.of(2L, 4L, 6L), List.of(10L), null);
        assertThat(harness.eval("filter(arr, e -> e % 2 = 1)", batch)).containsExactly(List.of(1L, 3L), List.of(5L), null);
    }

    @Test
    void lambdaBodyIsCoercedToTheLambdaResultType() {
        assertThat(harness.compile("transform(arr, e -> e * 1.5)").compiled().type()).isEqualTo(new ArrayType(PrimitiveType.DOUBLE));
        assertThat(harness.eval("transform(arr, e -> e * 1.5)", batch)).containsExactly(List.of(1.5, 3.0, 4.5), List.of(7.5), null);
    }

    @Test
    void lambdaCapturingAColumnSeesEachRowsValue() {
        assertThat(harness.eval("transform(arr, e -> e + a)", batch)).containsExactly(List.of(11L, 12L, 13L), List.of(25L), null);
        assertThat(harness.eval("filter(arr, e -> e * 10 >= a)", batch)).containsExactly(List.of(1L, 2L, 3L), List.of(5L), null);
    }

    @Test
    void nestedLambdaCapturesTheOuterParameter() {
        assertThat(harness.eval("transform(arr, e -> transform(ARRAY[100, 200], f -> f + e))", batch.slice(0, 2)))
                .containsExactly(List.of(List.of(101L, 201L), List.of(102L, 202L), List.of(103L, 203L)), List.of(List.of(105L, 205L)));
    }

    @Test
    void lambdaBodyIsLazyLikeAnyExpression() {
        assertThat(harness.eval("transform(arr, e -> if(e = 2, 0, 6 / (e - 2)))", batch.slice(0, 1))).containsExactly(List.of(-6L, 0L, 6L));
    }
}
