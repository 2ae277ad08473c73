package io.tidemark.engine.query.expression;

import static io.tidemark.engine.query.expression.ExpressionHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.PrimitiveType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArithmeticTest {

    private final ExpressionHarness harness = new ExpressionHarness();

    private final Batch numbers = rows(4)
            .with("a", 7L, -7L, null, 10L)
            .with("b", 2L, 2L, 3L, null)
            .with("n", 5L, 6L, null, 1L)
            .with("x", 1.5, -0.5, null, 4.0)
            .with("y", 0.5, 0.0, 1.0, null)
            .build();

    @Test
    void columnReferencesReadTheirChannelWithoutCopying() {
        var compiled = harness.compile("a").compiled();
        assertThat(compiled.evaluate(numbers, ExpressionHarness.CONTEXT)).isSameAs(numbers.column(0));
    }

    @Test
    void bigintArithmeticPropagatesNullsAndTruncatesDivision() {
        assertThat(harness.eval("a + b", numbers)).containsExactly(9L, -5L, null, null);
        assertThat(harness.eval("a - b", numbers)).containsExactly(5L, -9L, null, null);
        assertThat(harness.eval("a * b", numbers)).containsExactly(14L, -14L, null, null);
        assertThat(harness.eval("a / b", numbers)).containsExactly(3L, -3L, null, null);
        assertThat(harness.eval("a % b", numbers)).containsExactly(1L, -1L, null, null);
        assertThat(harness.eval("-a", numbers)).containsExactly(-7L, 7L, null, -10L);
    }

    @Test
    void columnOperatorConstantOnEitherSide() {
        assertThat(harness.eval("a + 1", numbers)).containsExactly(8L, -6L, null, 11L);
        assertThat(harness.eval("100 - a", numbers)).containsExactly(93L, 107L, null, 90L);
        assertThat(harness.eval("x * 2", numbers)).containsExactly(3.0, -1.0, null, 8.0);
        assertThat(harness.eval("1 / x", numbers)).containsExactly(1 / 1.5, -2.0, null, 0.25);
        assertThat(harness.eval("a + NULL", numbers)).containsExactly(null, null, null, null);
    }

    @Test
    void integerWidensToBigintAndBigintToDouble() {
        assertThat(harness.compile("n + a").compiled().type()).isEqualTo(PrimitiveType.BIGINT);
        assertThat(harness.eval("n + a", numbers)).containsExactly(12L, -1L, null, 11L);
        assertThat(harness.eval("a + x", numbers)).containsExactly(8.5, -7.5, null, 14.0);
        assertThat(harness.eval("a / 2.0", numbers)).containsExactly(3.5, -3.5, null, 5.0);
    }

    @Test
    void doublesFollowIeee() {
        assertThat(harness.eval("x / y", numbers)).containsExactly(3.0, Double.NEGATIVE_INFINITY, null, null);
        assertThat(harness.eval("y / y", rows(1).with("y", 0.0).build()).get(0)).isEqualTo(Double.NaN);
        assertThat(harness.eval("x % y", numbers)).containsExactly(0.0, Double.NaN, null, null);
    }

    @Test
    void bigintOverflowIsAnErrorNamingTheOperands() {
        Batch extreme = rows(1).with("a", Long.MAX_VALUE).with("b", Long.MIN_VALUE).build();
        assertThatThrownBy(() -> harness.eval("a + 1", extreme)).isInstanceOf(QueryFunctionException.class)
                .hasMessage("bigint addition overflow: 9223372036854775807 + 1");
        assertThatThrownBy(() -> harness.eval("b - 1", extreme)).hasMessage("bigint subtraction overflow: -9223372036854775808 - 1");
        assertThatThrownBy(() -> harness.eval("a * 2", extreme)).hasMessage("bigint multiplication overflow: 9223372036854775807 * 2");
        assertThatThrownBy(() -> harness.eval("b / -1", extreme)).hasMessage("bigint division overflow: -9223372036854775808 / -1");
        assertThatThrownBy(() -> harness.eval("-b", extreme)).hasMessage("bigint negation overflow: -9223372036854775808");
    }

    @Test
    void integerArithmeticStaysInThe32BitRange() {
        Batch big = rows(1).with("n", (long) Integer.MAX_VALUE).build();
        assertThat(harness.compile("n + n").compiled().type()).isEqualTo(PrimitiveType.INTEGER);
        assertThatThrownBy(() -> harness.eval("n + n", big)).hasMessage("integer addition overflow: 2147483647 + 2147483647");
    }

    @Test
    void integerDivisionAndModulusByZeroFail() {
        Batch zero = rows(2).with("a", 1L, 2L).with("b", 1L, 0L).build();
        assertThatThrownBy(() -> harness.eval("a / b", zero)).isInstanceOf(QueryFunctionException.class).hasMessage("Division by zero");
        assertThatThrownBy(() -> harness.eval("a % b", zero)).hasMessage("Division by zero");
        assertThatThrownBy(() -> harness.eval("a / 0", zero)).hasMessage("Division by zero");
    }

    @Test
    void timestampPlusAndMinusDayToSecondIntervals() {
        Batch times = rows(2).with("ts", ValueFormat.parseTimestamp("2026-01-31 23:30:00"), null).build();
        assertThat(render(harness.eval("ts + 1h", times))).containsExactly("2026-02-01 00:30:00.000000000", null);
        assertThat(render(harness.eval("ts - INTERVAL '1' DAY", times))).containsExactly("2026-01-30 23:30:00.000000000", null);
        assertThat(render(harness.eval("1ns + ts", times))).containsExactly("2026-01-31 23:30:00.000000001", null);
    }

    @Test
    void timestampPlusMonthsUsesTheCalendarAndClampsTheDay() {
        Batch times = rows(3).with("ts", ValueFormat.parseTimestamp("2026-01-31 10:00:00"), ValueFormat.parseTimestamp("2024-03-31 00:00:00"),
                ValueFormat.parseTimestamp("2025-12-15 01:02:03.5")).build();
        assertThat(render(harness.eval("ts + INTERVAL '1' MONTH", times)))
                .containsExactly("2026-02-28 10:00:00.000000000", "2024-04-30 00:00:00.000000000", "2026-01-15 01:02:03.500000000");
        assertThat(render(harness.eval("ts - INTERVAL '1' MONTH", times)))
                .containsExactly("2025-12-31 10:00:00.000000000", "2024-02-29 00:00:00.000000000", "2025-11-15 01:02:03.500000000");
        assertThat(render(harness.eval("ts + INTERVAL '1-2' YEAR TO MONTH", times)).get(0)).isEqualTo("2027-03-31 10:00:00.000000000");
    }

    @Test
    void dateArithmeticTakesWholeDaysAndMonths() {
        Batch dates = rows(1).with("d", ValueFormat.parseDate("2024-02-29")).build();
        assertThat(harness.eval("d + INTERVAL '1' YEAR", dates)).containsExactly(ValueFormat.parseDate("2025-02-28"));
        assertThat(harness.eval("d - 2d", dates)).containsExactly(ValueFormat.parseDate("2024-02-27"));
        assertThatThrownBy(() -> harness.eval("d + 1h", dates)).hasMessage("Cannot add hour, minutes or seconds to a date");
    }

    @Test
    void timePlusIntervalWrapsAroundMidnight() {
        Batch times = rows(1).with("tm", ValueFormat.parseTime("23:00:00")).build();
        assertThat(harness.eval("tm + 2h", times)).containsExactly(ValueFormat.parseTime("01:00:00"));
        assertThat(harness.eval("tm - 24h", times)).containsExactly(ValueFormat.parseTime("23:00:00"));
    }

    @Test
    void intervalsAddAndScale() {
        assertThat(ValueFormat.render(PrimitiveType.INTERVAL_DAY_TO_SECOND, harness.evalConstant("INTERVAL '6' DAY - INTERVAL '4' HOUR")))
                .isEqualTo("5 20:00:00.000000000");
        assertThat(ValueFormat.render(PrimitiveType.INTERVAL_YEAR_TO_MONTH, harness.evalConstant("INTERVAL '4' YEAR + INTERVAL '2' MONTH")))
                .isEqualTo("4-2");
        assertThat(harness.evalConstant("1h * 3")).isEqualTo(3 * 3_600_000_000_000L);
        assertThat(harness.evalConstant("2 * 1m")).isEqualTo(120_000_000_000L);
        assertThat(harness.evalConstant("1h / 4")).isEqualTo(900_000_000_000L);
        assertThat(harness.evalConstant("1h * 0.5")).isEqualTo(1_800_000_000_000L);
        assertThat(harness.evalConstant("-1h")).isEqualTo(-3_600_000_000_000L);
    }

    private static java.util.List<String> render(java.util.List<Object> timestamps) {
        return Arrays.asList(timestamps.stream().map(t -> t == null ? null : ValueFormat.renderTimestamp((Long) t)).toArray(String[]::new));
    }
}
