package io.tidemark.engine.query.aggregate;

import static io.tidemark.engine.query.aggregate.AggregateRun.column;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.SqlType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ApproxPercentileTest {

    private static final int ROWS = 100_000;

    private static Vector constant(SqlType type, Object value, int rows) {
        return Vector.constant(type, value, rows);
    }

    private static Object percentile(SqlType returnType, Vector... arguments) {
        List<SqlType> types = java.util.Arrays.stream(arguments).map(Vector::type).toList();
        AggregateFunction function = AggregateRun.bind("approx_percentile", types, returnType, false);
        int rows = arguments[0].size();
        return AggregateRun.onePass(function, new int[rows], 1, arguments, rows).get(0);
    }

    private static Vector uniform() {
        double[] values = new double[ROWS];
        Random random = new Random(7);
        for (int i = 0; i < ROWS; i++) {
            values[i] = random.nextDouble();
        }
        return Vector.ofDoubles(DOUBLE, values, null, ROWS);
    }

    @Test
    void uniformQuantilesAreWithinTheDigestsError() {
        Vector values = uniform();
        for (double p : new double[] {0.01, 0.25, 0.5, 0.9, 0.99}) {
            assertThat((Double) percentile(DOUBLE, values, constant(DOUBLE, p, ROWS))).as("p=%s", p).isCloseTo(p, within(0.01));
        }
        @SuppressWarnings("unchecked")
        List<Object> several = (List<Object>) percentile(new ArrayType(DOUBLE), values, constant(new ArrayType(DOUBLE), List.of(0.1, 0.5), ROWS));
        assertThat((Double) several.get(0)).isCloseTo(0.1, within(0.01));
        assertThat((Double) several.get(1)).isCloseTo(0.5, within(0.01));
    }

    @Test
    void normalQuantilesMatchTheDistribution() {
        double[] values = new double[ROWS];
        Random random = new Random(11);
        for (int i = 0; i < ROWS; i++) {
            values[i] = 100 + 15 * random.nextGaussian();
        }
        Vector column = Vector.ofDoubles(DOUBLE, values, null, ROWS);
        assertThat((Double) percentile(DOUBLE, column, constant(DOUBLE, 0.5, ROWS))).isCloseTo(100, within(0.5));
        assertThat((Double) percentile(DOUBLE, column, constant(DOUBLE, 0.975, ROWS))).isCloseTo(100 + 1.96 * 15, within(0.8));
    }

    @Test
    void bigintInputGivesRoundedBigintsAndWeightsCountAsRepeats() {
        Vector values = column(BIGINT, 1L, 2L, 3L, 4L, 100L);
        assertThat(percentile(BIGINT, values, constant(DOUBLE, 0.5, 5))).isEqualTo(3L);
        Vector weights = column(BIGINT, 1L, 1L, 1L, 1L, 1000L);
        assertThat(percentile(BIGINT, values, weights, constant(DOUBLE, 0.5, 5))).isEqualTo(100L);
        assertThat(percentile(BIGINT, values, weights, constant(DOUBLE, 0.5, 5), constant(DOUBLE, 0.001, 5))).isEqualTo(100L);
        assertThat(percentile(new ArrayType(BIGINT), values, weights, constant(new ArrayType(DOUBLE), List.of(0.0, 1.0), 5)))
                .isEqualTo(List.of(1L, 100L));
    }

    @Test
    void nullValuesAreSkippedAndNoValueGivesNull() {
        assertThat(percentile(DOUBLE, column(DOUBLE, null, 5.0, null), constant(DOUBLE, 0.5, 3))).isEqualTo(5.0);
        assertThat(percentile(DOUBLE, column(DOUBLE, (Object) null), constant(DOUBLE, 0.5, 1))).isNull();
    }

    @Test
    void invalidPercentilesAccuraciesAndWeightsFail() {
        Vector values = column(DOUBLE, 1.0, 2.0);
        assertThatThrownBy(() -> percentile(DOUBLE, values, constant(DOUBLE, 1.5, 2)))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Percentile must be between 0 and 1");
        assertThatThrownBy(() -> percentile(new ArrayType(DOUBLE), values, constant(new ArrayType(DOUBLE), List.of(0.5, -0.1), 2)))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Percentile must be between 0 and 1");
        assertThatThrownBy(() -> percentile(DOUBLE, values, column(BIGINT, 1L, 1L), constant(DOUBLE, 0.5, 2), constant(DOUBLE, 1.0, 2)))
                .isInstanceOf(QueryFunctionException.class).hasMessageStartingWith("Percentile accuracy must be exclusively between 0 and 1");
        assertThatThrownBy(() -> percentile(DOUBLE, values, column(BIGINT, 1L, 0L), constant(DOUBLE, 0.5, 2)))
                .isInstanceOf(QueryFunctionException.class).hasMessageContaining("weight must be a positive integer");
    }

    @Test
    void mergedDigestsEstimateLikeOnePass() {
        Vector values = uniform();
        AggregateFunction function = AggregateRun.bind("approx_percentile", List.of(DOUBLE, DOUBLE), DOUBLE, false);
        Object merged = AggregateRun.fragmented(function, new int[ROWS], 1, new Vector[] {values, constant(DOUBLE, 0.75, ROWS)},
                new int[] {0, 10_000, 55_000, ROWS}).get(0);
        assertThat((Double) merged).isCloseTo(0.75, within(0.01));
    }
}
