package io.tidemark.engine.query.fragment;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.fragment.ValueBound.Operator;
import io.tidemark.storage.chunk.ColumnStats;
import org.junit.jupiter.api.Test;

/**
 * A bound rules a chunk out only when its stats prove no present value satisfies it (IEEE
 * comparisons, as the engine's: -0.0 equals 0.0), rules out a chunk without values, and never one
 * that may hold NaN, nor for a NaN constant or non-DOUBLE stats.
 */
class ValueBoundTest {

    private static ColumnStats.DoubleStats values(double min, double max) {
        return new ColumnStats.DoubleStats(10, min, max, (min + max) * 5, min, max);
    }

    @Test
    void eachOperatorAgainstTheChunksExtremes() {
        ColumnStats.DoubleStats stats = values(10, 90);
        assertThat(new ValueBound(0, Operator.GREATER, 90).mayHold(stats)).isFalse();
        assertThat(new ValueBound(0, Operator.GREATER, 89.99).mayHold(stats)).isTrue();
        assertThat(new ValueBound(0, Operator.GREATER_OR_EQUAL, 90).mayHold(stats)).isTrue();
        assertThat(new ValueBound(0, Operator.GREATER_OR_EQUAL, 90.01).mayHold(stats)).isFalse();
        assertThat(new ValueBound(0, Operator.LESS, 10).mayHold(stats)).isFalse();
        assertThat(new ValueBound(0, Operator.LESS, 10.01).mayHold(stats)).isTrue();
        assertThat(new ValueBound(0, Operator.LESS_OR_EQUAL, 10).mayHold(stats)).isTrue();
        assertThat(new ValueBound(0, Operator.LESS_OR_EQUAL, 9.99).mayHold(stats)).isFalse();
        assertThat(new ValueBound(0, Operator.EQUAL, 50).mayHold(stats)).isTrue();
        assertThat(new ValueBound(0, Operator.EQUAL, 9).mayHold(stats)).isFalse();
        assertThat(new ValueBound(0, Operator.EQUAL, 91).mayHold(stats)).isFalse();
    }

    @Test
    void signedZerosAreEqual() {
        assertThat(new ValueBound(0, Operator.GREATER_OR_EQUAL, 0).mayHold(values(-5, -0.0))).isTrue();
        assertThat(new ValueBound(0, Operator.LESS_OR_EQUAL, -0.0).mayHold(values(0.0, 5))).isTrue();
        assertThat(new ValueBound(0, Operator.GREATER, 0).mayHold(values(-5, -0.0))).isFalse();
    }

    @Test
    void noValuesNeverPassAndNanIsNeverRuledOut() {
        assertThat(new ValueBound(0, Operator.GREATER, 0).mayHold(new ColumnStats.DoubleStats(0, Double.NaN, Double.NaN, 0,
                Double.NaN, Double.NaN))).isFalse();
        ColumnStats.DoubleStats withNan = new ColumnStats.DoubleStats(10, 1, 2, Double.NaN, 1, 2);
        assertThat(new ValueBound(0, Operator.GREATER, 100).mayHold(withNan)).isTrue();
        assertThat(new ValueBound(0, Operator.GREATER, Double.NaN).mayHold(values(1, 2))).isTrue();
        assertThat(new ValueBound(0, Operator.GREATER, 100).mayHold(new ColumnStats.LongStats(10, 1, 2, 15, false, 1, 2))).isTrue();
    }
}
