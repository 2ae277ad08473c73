package io.tidemark.engine.query.expression;

import static io.tidemark.engine.query.expression.ExpressionHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CastTest {

    private final ExpressionHarness harness = new ExpressionHarness();

    @Test
    void numbersAmongThemselves() {
        Batch batch = rows(5).with("a", 1L, -1L, 3_000_000_000L, null, 0L).with("x", 2.5, -2.5, 1e20, Double.NaN, 0.49999999999999994).build();
        assertThat(harness.eval("CAST(a AS double)", batch)).containsExactly(1.0, -1.0, 3e9, null, 0.0);
        assertThat(harness.eval("CAST(x AS bigint)", batch.slice(0, 2))).as("half away from zero").containsExactly(3L, -3L);
        assertThat(harness.eval("CAST(x AS bigint)", batch.slice(4, 5))).containsExactly(0L);
        assertThat(harness.eval("CAST(x AS integer)", batch.slice(0, 2))).containsExactly(3L, -3L);
        assertThat(harness.eval("CAST(a AS integer)", batch.slice(0, 2))).containsExactly(1L, -1L);
        assertThatThrownBy(() -> harness.eval("CAST(a AS integer)", batch)).isInstanceOf(QueryFunctionException.class)
                .hasMessage("Out of range for integer: 3000000000");
        assertThatThrownBy(() -> harness.eval("CAST(x AS bigint)", batch.slice(2, 3))).hasMessage("Unable to cast 100000000000000000000.0 to bigint");
        assertThatThrownBy(() -> harness.eval("CAST(x AS bigint)", batch.slice(3, 4))).hasMessage("Unable to cast NaN to bigint");
        assertThat(harness.eval("TRY_CAST(x AS bigint)", batch)).containsExactly(3L, -3L, null, null, 0L);
        assertThat(harness.eval("TRY_CAST(a AS integer)", batch)).containsExactly(1L, -1L, null, null, 0L);
    }

    @Test
    void booleansAndNumbers() {
        assertThat(harness.eval("CAST(p AS bigint)", rows(3).with("p", true, false, null).build())).containsExactly(1L, 0L, null);
        assertThat(harness.eval("CAST(p AS double)", rows(2).with("p", true, false).build())).containsExactly(1.0, 0.0);
        assertThat(harness.eval("CAST(a AS boolean)", rows(3).with("a", 0L, 7L, -1L).build())).containsExactly(false, true, true);
        assertThat(harness.eval("CAST(x AS boolean)", rows(2).with("x", 0.0, 0.1).build())).containsExactly(false, true);
    }

    @Test
    void varcharToEveryPrimitive() {
        assertThat(harness.evalConstant("CAST(' 42 ' AS bigint)")).isEqualTo(42L);
        assertThat(harness.evalConstant("CAST('-7' AS integer)")).isEqualTo(-7L);
        assertThat(harness.evalConstant("CAST('2.5' AS double)")).isEqualTo(2.5);
        assertThat(harness.evalConstant("CAST('1e3' AS double)")).isEqualTo(1000.0);
        assertThat(harness.evalConstant("CAST('NaN' AS double)")).isEqualTo(Double.NaN);
        assertThat(harness.evalConstant("CAST('TRUE' AS boolean)")).isEqualTo(true);
        assertThat(harness.evalConstant("CAST('f' AS boolean)")).isEqualTo(false);
        assertThat(harness.evalConstant("CAST('0' AS boolean)")).isEqualTo(false);
        assertThat(harness.evalConstant("CAST('2026-01-01 10:00:00.5' AS timestamp)")).isEqualTo(ValueFormat.parseTimestamp("2026-01-01 10:00:00.500"));
        assertThat(harness.evalConstant("CAST('2026-01-02' AS date)")).isEqualTo(ValueFormat.parseDate("2026-01-02"));
        assertThat(harness.evalConstant("CAST('10:11:12' AS time)")).isEqualTo(ValueFormat.parseTime("10:11:12"));
    }

    @Test
    void invalidVarcharFailsWithTheValueAndTarget() {
        Batch batch = rows(1).with("s", "abc").build();
        assertThatThrownBy(() -> harness.eval("CAST(s AS bigint)", batch)).isInstanceOf(QueryFunctionException.class).hasMessage("Cannot cast 'abc' to BIGINT");
        assertThatThrownBy(() -> harness.eval("CAST(s AS integer)", batch)).hasMessage("Cannot cast 'abc' to INTEGER");
        assertThatThrownBy(() -> harness.eval("CAST(s AS double)", batch)).hasMessage("Cannot cast 'abc' to DOUBLE");
        assertThatThrownBy(() -> harness.eval("CAST(s AS boolean)", batch)).hasMessage("Cannot cast 'abc' to BOOLEAN");
        assertThatThrownBy(() -> harness.eval("CAST(s AS timestamp)", batch)).hasMessage("Value cannot be cast to timestamp: abc");
        assertThatThrownBy(() -> harness.eval("CAST(s AS date)", batch)).hasMessage("Value cannot be cast to date: abc");
        assertThatThrownBy(() -> harness.eval("CAST(s AS time)", batch)).hasMessage("Value cannot be cast to time: abc");
        assertThat(harness.eval("TRY_CAST(s AS bigint)", batch)).containsOnlyNulls();
        assertThat(harness.eval("TRY_CAST(s AS timestamp)", batch)).containsOnlyNulls();
        assertThat(harness.evalConstant("TRY_CAST('x' AS double)")).isNull();
        assertThatThrownBy(() -> harness.eval("CAST(CAST(a AS varchar) || 'x' AS double)", rows(1).with("a", 1L).build()))
                .hasMessage("Cannot cast '1x' to DOUBLE");
    }

    @Test
    void castOfAConstantThatFailsIsOnlyAnErrorWhenEvaluated() {
        assertThat(harness.eval("CASE WHEN a > 0 THEN CAST('abc' AS bigint) ELSE 0 END", rows(1).with("a", -1L).build())).containsExactly(0L);
    }

    @Test
    void everyPrimitiveToVarchar() {
        Batch batch = rows(1).with("a", -12L).with("x", 2.5).with("y", 1e-5).with("p", true)
                .with("ts", ValueFormat.parseTimestamp("2022-07-07 17:42:32.939")).with("d", ValueFormat.parseDate("2022-07-07"))
                .with("tm", ValueFormat.parseTime("17:41:52.827")).build();
        assertThat(harness.eval("CAST(a AS varchar)", batch)).containsExactly("-12");
        assertThat(harness.eval("CAST(x AS varchar)", batch)).containsExactly("2.5");
        assertThat(harness.eval("CAST(y AS varchar)", batch)).containsExactly("1.0E-5");
        assertThat(harness.eval("CAST(p AS varchar)", batch)).containsExactly("true");
        assertThat(harness.eval("CAST(ts AS varchar)", batch)).containsExactly("2022-07-07 17:42:32.939000000");
        assertThat(harness.eval("CAST(d AS varchar)", batch)).containsExactly("2022-07-07");
        assertThat(harness.eval("CAST(tm AS varchar)", batch)).containsExactly("17:41:52.827000000");
        assertThat(harness.eval("CAST(2h AS varchar)", batch)).containsExactly("0 02:00:00.000000000");
        assertThat(harness.eval("CAST(INTERVAL '3' MONTH AS varchar)", batch)).containsExactly("0-3");
    }

    @Test
    void dateTimeTypesAmongThemselves() {
        Batch batch = rows(2).with("ts", ValueFormat.parseTimestamp("2026-05-06 07:08:09.5"), ValueFormat.parseTimestamp("1969-12-31 23:00:00"))
                .with("d", ValueFormat.parseDate("2026-05-06"), ValueFormat.parseDate("1969-12-31"))
                .with("tm", ValueFormat.parseTime("07:08:09.5"), null).build();
        assertThat(harness.eval("CAST(ts AS date)", batch)).containsExactly(ValueFormat.parseDate("2026-05-06"), ValueFormat.parseDate("1969-12-31"));
        assertThat(harness.eval("CAST(d AS timestamp)", batch.slice(0, 1))).containsExactly(ValueFormat.parseTimestamp("2026-05-06"));
        assertThatThrownBy(() -> harness.eval("CAST(d AS timestamp)", batch)).as("a time before 1970 is refused")
                .hasMessageContaining("Negative time values are not supported");
        assertThat(harness.eval("TRY_CAST(d AS timestamp)", batch)).as("TRY_CAST is not checked")
                .containsExactly(ValueFormat.parseTimestamp("2026-05-06"), ValueFormat.parseTimestamp("1969-12-31"));
        assertThat(harness.eval("CAST(ts AS time)", batch)).containsExactly(ValueFormat.parseTime("07:08:09.5"), ValueFormat.parseTime("23:00:00"));
        assertThat(harness.eval("CAST(tm AS timestamp)", batch)).as("the query's date")
                .containsExactly(ValueFormat.parseTimestamp("2026-03-04 07:08:09.5"), null);
        assertThat(harness.eval("ts > d", batch)).as("date coerced to timestamp").containsExactly(true, true);
    }

    @Test
    void structuredTypesConvertElementByElement() {
        Batch batch = rows(2).with("arr", List.of(1L, 2L), java.util.Arrays.asList(3L, null))
                .with("m", Map.of("k", 1L), null).with("r", List.of("n", 5L), null).build();
        assertThat(harness.eval("CAST(arr AS array(double))", batch)).containsExactly(List.of(1.0, 2.0), java.util.Arrays.asList(3.0, null));
        assertThat(harness.eval("CAST(arr AS array(varchar))", batch)).containsExactly(List.of("1", "2"), java.util.Arrays.asList("3", null));
        assertThat(harness.eval("CAST(m AS map(varchar, double))", batch)).containsExactly(Map.of("k", 1.0), null);
        assertThat(harness.eval("CAST(r AS row(a varchar, b double))", batch)).containsExactly(List.of("n", 5.0), null);
        assertThat(harness.eval("TRY_CAST(ARRAY['1', 'x'] AS array(bigint))", batch)).containsOnlyNulls();
        assertThatThrownBy(() -> harness.eval("CAST(ARRAY['1', 'x'] AS array(bigint))", batch)).hasMessage("Cannot cast 'x' to BIGINT");
    }

    @Test
    void nullCastsToAnything() {
        assertThat(harness.evalConstant("CAST(NULL AS bigint)")).isNull();
        assertThat(harness.compile("CAST(NULL AS array(bigint))").compiled().type().displayName()).isEqualTo("array(bigint)");
    }
}
