package io.tidemark.engine.query.expression;

import static io.tidemark.engine.query.expression.ExpressionHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.PrimitiveType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructureTest {

    private final ExpressionHarness harness = new ExpressionHarness();

    private final Batch batch = rows(2)
            .with("arr", List.of(10L, 20L, 30L), null)
            .with("m", Map.of("x", 1L), Map.of("y", 2L))
            .with("r", List.of("first", 1L), Arrays.asList(null, 2L))
            .with("a", 2L, 1L)
            .build();

    @Test
    void arraySubscriptIsOneBasedWithTrinoErrors() {
        assertThat(harness.eval("arr[1]", batch)).containsExactly(10L, null);
        assertThat(harness.eval("arr[a]", batch)).containsExactly(20L, null);
        assertThatThrownBy(() -> harness.eval("arr[5]", batch)).hasMessage("Array subscript must be less than or equal to array length: 5 > 3");
        assertThatThrownBy(() -> harness.eval("arr[0]", batch)).hasMessage("SQL array indices start at 1");
        assertThatThrownBy(() -> harness.eval("arr[-1]", batch)).hasMessage("Array subscript is negative: -1");
    }

    @Test
    void mapSubscriptFailsOnAMissingKey() {
        assertThat(harness.eval("m['x']", batch.slice(0, 1))).containsExactly(1L);
        assertThatThrownBy(() -> harness.eval("m['x']", batch)).hasMessage("Key not present in map: x");
    }

    @Test
    void rowFieldsByNameAndPosition() {
        assertThat(harness.eval("r.name", batch)).containsExactly("first", null);
        assertThat(harness.eval("r.v", batch)).containsExactly(1L, 2L);
        assertThat(harness.eval("r[2]", batch)).containsExactly(1L, 2L);
        assertThat(harness.eval("t.r.v", batch)).containsExactly(1L, 2L);
    }

    @Test
    void constructorsCoerceElements() {
        assertThat(harness.eval("ARRAY[a, 2.5, NULL]", batch)).containsExactly(Arrays.asList(2.0, 2.5, null), Arrays.asList(1.0, 2.5, null));
        assertThat(harness.eval("ROW(a, 'k')", batch)).containsExactly(List.of(2L, "k"), List.of(1L, "k"));
        assertThat(harness.eval("ROW(a, 'k')[1]", batch)).containsExactly(2L, 1L);
    }

    @Test
    void concatenationOfStringsAndArrays() {
        Batch strings = rows(2).with("s", "ab", null).with("u", "cd", "x").build();
        assertThat(harness.eval("s || u", strings)).containsExactly("abcd", null);
        assertThat(harness.eval("s || '-' || u", strings)).containsExactly("ab-cd", null);
        assertThat(harness.eval("arr || ARRAY[40]", batch)).containsExactly(List.of(10L, 20L, 30L, 40L), null);
        assertThat(harness.eval("arr || a", batch)).containsExactly(List.of(10L, 20L, 30L, 2L), null);
        assertThat(harness.eval("0 || arr", batch)).containsExactly(List.of(0L, 10L, 20L, 30L), null);
    }

    @Test
    void extractEveryFieldFromEveryType() {
        Batch times = rows(1).with("ts", ValueFormat.parseTimestamp("2021-01-03 14:25:36.5")).with("d", ValueFormat.parseDate("2021-01-03"))
                .with("tm", ValueFormat.parseTime("14:25:36")).build();
        Map<String, Long> expected = Map.ofEntries(Map.entry("YEAR", 2021L), Map.entry("QUARTER", 1L), Map.entry("MONTH", 1L),
                Map.entry("WEEK", 53L), Map.entry("DAY", 3L), Map.entry("DAY_OF_MONTH", 3L), Map.entry("DAY_OF_WEEK", 7L), Map.entry("DOW", 7L),
                Map.entry("DAY_OF_YEAR", 3L), Map.entry("DOY", 3L), Map.entry("YEAR_OF_WEEK", 2020L), Map.entry("YOW", 2020L),
                Map.entry("HOUR", 14L), Map.entry("MINUTE", 25L), Map.entry("SECOND", 36L));
        expected.forEach((field, value) -> assertThat(harness.eval("EXTRACT(" + field + " FROM ts)", times)).as(field).containsExactly(value));
        assertThat(harness.eval("EXTRACT(DOY FROM d)", times)).containsExactly(3L);
        assertThat(harness.eval("EXTRACT(MINUTE FROM tm)", times)).containsExactly(25L);
        assertThat(harness.eval("EXTRACT(HOUR FROM INTERVAL '3 04:05:06' DAY TO SECOND)", times)).containsExactly(4L);
        assertThat(harness.eval("EXTRACT(DAY FROM INTERVAL '3 04:05:06' DAY TO SECOND)", times)).containsExactly(3L);
        assertThat(harness.eval("EXTRACT(MONTH FROM INTERVAL '1-7' YEAR TO MONTH)", times)).containsExactly(7L);
        assertThat(harness.eval("EXTRACT(YEAR FROM ts)", rows(1).build())).containsOnlyNulls();
    }

    @Test
    void currentTimeFunctionsComeFromTheQueryStart() {
        assertThat(harness.evalConstant("current_timestamp")).isEqualTo(ExpressionHarness.CONTEXT.queryStartNanos());
        assertThat(harness.evalConstant("localtimestamp")).isEqualTo(ExpressionHarness.CONTEXT.queryStartNanos());
        assertThat(harness.evalConstant("current_date")).isEqualTo(ValueFormat.parseDate("2026-03-04"));
        assertThat(harness.evalConstant("current_time")).isEqualTo(ValueFormat.parseTime("05:06:07.123456789"));
        assertThat(harness.evalConstant("localtime")).isEqualTo(ValueFormat.parseTime("05:06:07.123456789"));
    }

    @Test
    void literalsOfEveryKind() {
        assertThat(harness.evalConstant("42")).isEqualTo(42L);
        assertThat(harness.evalConstant("1.5")).isEqualTo(1.5);
        assertThat(harness.compile("1.5").compiled().type()).as("decimal literals are double").isEqualTo(PrimitiveType.DOUBLE);
        assertThat(harness.evalConstant("1e3")).isEqualTo(1000.0);
        assertThat(harness.evalConstant("'it''s'")).isEqualTo("it's");
        assertThat(harness.evalConstant("true")).isEqualTo(true);
        assertThat(harness.evalConstant("NULL")).isNull();
        assertThat(harness.evalConstant("TIMESTAMP '2026-01-01 00:00:00.000000001'")).isEqualTo(1_767_225_600_000_000_001L);
        assertThat(harness.evalConstant("DATE '1970-01-11'")).isEqualTo(10L);
        assertThat(harness.evalConstant("TIME '00:00:01'")).isEqualTo(1_000_000_000L);
        assertThat(harness.evalConstant("BIGINT '5'")).isEqualTo(5L);
        assertThat(harness.evalConstant("DOUBLE '0.5'")).isEqualTo(0.5);
        assertThat(harness.evalConstant("INTERVAL '3 04:05:06.5' DAY TO SECOND")).isEqualTo(((3 * 24 + 4) * 3600 + 5 * 60 + 6) * 1_000_000_000L + 500_000_000L);
        assertThat(harness.evalConstant("INTERVAL '1.25' SECOND")).isEqualTo(1_250_000_000L);
        assertThat(harness.evalConstant("INTERVAL '2:30' HOUR TO MINUTE")).isEqualTo(150 * 60_000_000_000L);
        assertThat(harness.evalConstant("INTERVAL - '2' DAY")).isEqualTo(-2 * 86_400_000_000_000L);
        assertThat(harness.evalConstant("INTERVAL '1-2' YEAR TO MONTH")).isEqualTo(14L);
        assertThat(harness.evalConstant("15m")).isEqualTo(15 * 60_000_000_000L);
        assertThat(harness.evalConstant("1ns")).isEqualTo(1L);
        assertThat(harness.evalConstant("2d")).isEqualTo(2 * 86_400_000_000_000L);
        assertThatThrownBy(() -> harness.compile("BIGINT 'x'")).isInstanceOf(EngineException.class).hasMessage("line 1:8: Cannot cast 'x' to BIGINT");
    }

    @Test
    void parametersMustBeBound() {
        assertThatThrownBy(() -> harness.compile("a + @limit")).isInstanceOf(EngineException.class)
                .hasMessage("line 1:12: Query parameters are not bound");
    }
}
