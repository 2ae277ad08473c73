package io.tidemark.engine.query.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ValueFormatTest {

    @Test
    void timestampsAlwaysHaveNineFractionDigits() {
        assertThat(ValueFormat.render(PrimitiveType.TIMESTAMP, ValueFormat.parseTimestamp("2022-07-07 17:42:32.939"))).isEqualTo("2022-07-07 17:42:32.939000000");
        assertThat(ValueFormat.render(PrimitiveType.TIMESTAMP, 0L)).isEqualTo("1970-01-01 00:00:00.000000000");
        assertThat(ValueFormat.render(PrimitiveType.TIMESTAMP, -1L)).isEqualTo("1969-12-31 23:59:59.999999999");
    }

    @Test
    void datesTimesAndIntervals() {
        assertThat(ValueFormat.render(PrimitiveType.DATE, ValueFormat.parseDate("2022-07-07"))).isEqualTo("2022-07-07");
        assertThat(ValueFormat.render(PrimitiveType.TIME, ValueFormat.parseTime("17:41:52.827"))).isEqualTo("17:41:52.827000000");
        long fiveDaysTwentyHours = (5 * 24 + 20) * 3_600_000_000_000L;
        assertThat(ValueFormat.render(PrimitiveType.INTERVAL_DAY_TO_SECOND, fiveDaysTwentyHours)).isEqualTo("5 20:00:00.000000000");
        assertThat(ValueFormat.render(PrimitiveType.INTERVAL_DAY_TO_SECOND, -1_500_000_000L)).isEqualTo("-0 00:00:01.500000000");
        assertThat(ValueFormat.render(PrimitiveType.INTERVAL_YEAR_TO_MONTH, 50L)).isEqualTo("4-2");
        assertThat(ValueFormat.render(PrimitiveType.INTERVAL_YEAR_TO_MONTH, -14L)).isEqualTo("-1-2");
    }

    @Test
    void scalarsAsTimestreamPrintsThem() {
        assertThat(ValueFormat.render(PrimitiveType.BOOLEAN, true)).isEqualTo("true");
        assertThat(ValueFormat.render(PrimitiveType.BOOLEAN, false)).isEqualTo("false");
        assertThat(ValueFormat.render(PrimitiveType.BIGINT, -42L)).isEqualTo("-42");
        assertThat(ValueFormat.render(PrimitiveType.VARCHAR, "text")).isEqualTo("text");
    }

    @Test
    void doublesShortestRoundTripPlainInTheMiddleExponentOutside() {
        assertThat(ValueFormat.renderDouble(2.5)).isEqualTo("2.5");
        assertThat(ValueFormat.renderDouble(35.0)).isEqualTo("35.0");
        assertThat(ValueFormat.renderDouble(2.213363839400643)).isEqualTo("2.213363839400643");
        assertThat(ValueFormat.renderDouble(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(ValueFormat.renderDouble(1e-5)).isEqualTo("1.0E-5");
        assertThat(ValueFormat.renderDouble(1.25e-7)).isEqualTo("1.25E-7");
        assertThat(ValueFormat.renderDouble(0.001)).isEqualTo("0.001");
        assertThat(ValueFormat.renderDouble(12345678.9)).isEqualTo("12345678.9");
        assertThat(ValueFormat.renderDouble(1e21)).isEqualTo("1.0E21");
        assertThat(ValueFormat.renderDouble(-2.5e300)).isEqualTo("-2.5E300");
        assertThat(ValueFormat.renderDouble(Double.MIN_VALUE)).as("one digit reads back; Java prints 4.9E-324").isEqualTo("5.0E-324");
        assertThat(ValueFormat.renderDouble(2e23)).isEqualTo("2.0E23");
        assertThat(ValueFormat.renderDouble(-0.0)).isEqualTo("-0.0");
        assertThat(ValueFormat.renderDouble(Double.NaN)).isEqualTo("NaN");
        assertThat(ValueFormat.renderDouble(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(ValueFormat.renderDouble(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Property(tries = 300)
    void renderedDoublesReadBackExactly(@ForAll double value) {
        assertThat(Double.parseDouble(ValueFormat.renderDouble(value))).isEqualTo(value);
    }

    @Test
    void structuredValues() {
        assertThat(ValueFormat.render(new ArrayType(PrimitiveType.DOUBLE), Arrays.asList(1.0, null))).isEqualTo("[1.0, null]");
        assertThat(ValueFormat.render(new MapType(PrimitiveType.VARCHAR, PrimitiveType.BIGINT), Map.of("a", 1L))).isEqualTo("{a=1}");
        RowType row = new RowType(List.of(RowType.Field.named("time", PrimitiveType.TIMESTAMP), RowType.Field.anonymous(PrimitiveType.BIGINT)));
        assertThat(ValueFormat.render(row, List.of(0L, 5L))).isEqualTo("{time=1970-01-01 00:00:00.000000000, field1=5}");
    }

    @Test
    void parsesTimestampsAsTrinoLiteralsAcceptThem() {
        assertThat(ValueFormat.parseTimestamp("2026-01-01")).isEqualTo(nanos(LocalDateTime.of(2026, 1, 1, 0, 0)));
        assertThat(ValueFormat.parseTimestamp("2026-01-01 10:00")).isEqualTo(nanos(LocalDateTime.of(2026, 1, 1, 10, 0)));
        assertThat(ValueFormat.parseTimestamp(" 2026-01-01T10:00:05 ")).isEqualTo(nanos(LocalDateTime.of(2026, 1, 1, 10, 0, 5)));
        assertThat(ValueFormat.parseTimestamp("2026-1-2 3:04:05.123456789")).isEqualTo(nanos(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 123_456_789)));
        assertThat(ValueFormat.parseTimestamp("1969-12-31 23:59:59.9")).isEqualTo(-100_000_000L);
        for (String bad : List.of("2026-13-01", "2026-02-30", "2026-01-01 24:00:00", "2026-01-01 10:00:00.1234567891", "yesterday", "")) {
            assertThatThrownBy(() -> ValueFormat.parseTimestamp(bad)).isInstanceOf(QueryFunctionException.class)
                    .hasMessage("Value cannot be cast to timestamp: " + bad);
        }
    }

    @Property(tries = 300)
    void timestampTextRoundTrips(@ForAll @LongRange(min = -5_000_000_000_000_000_000L, max = 5_000_000_000_000_000_000L) long nanos) {
        String text = ValueFormat.renderTimestamp(nanos);
        assertThat(ValueFormat.parseTimestamp(text)).isEqualTo(nanos);
        LocalDateTime expected = LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L), ZoneOffset.UTC);
        assertThat(text).isEqualTo(expected.toLocalDate() + " " + String.format("%02d:%02d:%02d.%09d",
                expected.getHour(), expected.getMinute(), expected.getSecond(), expected.getNano()));
    }

    private static long nanos(LocalDateTime time) {
        return time.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + time.getNano();
    }
}
