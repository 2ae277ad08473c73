package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.FunctionHarness.bigint;
import static io.tidemark.engine.query.function.FunctionHarness.column;
import static io.tidemark.engine.query.function.FunctionHarness.date;
import static io.tidemark.engine.query.function.FunctionHarness.iso;
import static io.tidemark.engine.query.function.FunctionHarness.isoDate;
import static io.tidemark.engine.query.function.FunctionHarness.nanos;
import static io.tidemark.engine.query.function.FunctionHarness.time;
import static io.tidemark.engine.query.function.FunctionHarness.timestamp;
import static io.tidemark.engine.query.function.FunctionHarness.varchar;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DATE;
import static io.tidemark.sql.type.PrimitiveType.TIME;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.query.vector.Vector;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class CalendarUnitFunctionsTest {

    private final FunctionHarness functions = new FunctionHarness(new TimeFunctions());

    @Test
    void dateTruncOfATimestampToEachUnit() {
        Vector thursday = timestamp("2022-07-07T17:42:32.939");
        assertThat(truncate("millisecond", timestamp("2022-07-07T17:42:32.939999"))).isEqualTo("2022-07-07T17:42:32.939");
        assertThat(truncate("second", thursday)).isEqualTo("2022-07-07T17:42:32");
        assertThat(truncate("minute", thursday)).isEqualTo("2022-07-07T17:42");
        assertThat(truncate("hour", thursday)).isEqualTo("2022-07-07T17:00");
        assertThat(truncate("day", thursday)).isEqualTo("2022-07-07T00:00");
        assertThat(truncate("week", thursday)).isEqualTo("2022-07-04T00:00");
        assertThat(truncate("MONTH", thursday)).isEqualTo("2022-07-01T00:00");
        assertThat(truncate("quarter", thursday)).isEqualTo("2022-07-01T00:00");
        assertThat(truncate("year", thursday)).isEqualTo("2022-01-01T00:00");
    }

    @Test
    void dateTruncBeforeTheEpochFloors() {
        assertThat(truncate("hour", timestamp("1969-12-31T23:59:59.500"))).isEqualTo("1969-12-31T23:00");
        assertThat(truncate("week", timestamp("1970-01-01T12:00"))).isEqualTo("1969-12-29T00:00");
        assertThat(truncate("quarter", timestamp("1969-12-31T23:59"))).isEqualTo("1969-10-01T00:00");
    }

    @Test
    void dateTruncReadsEachRowsUnitAndKeepsNulls() {
        Vector units = column(VARCHAR, "day", "month", null, "year");
        Vector times = column(TIMESTAMP, nanos("2020-05-17T10:00"), nanos("2020-05-17T10:00"), nanos("2020-05-17T10:00"), null);

        Vector truncated = functions.apply("date_trunc", TIMESTAMP, units, times);

        assertThat(iso(truncated.get(0))).isEqualTo("2020-05-17T00:00");
        assertThat(iso(truncated.get(1))).isEqualTo("2020-05-01T00:00");
        assertThat(truncated.isNull(2)).isTrue();
        assertThat(truncated.isNull(3)).isTrue();
    }

    @Test
    void dateTruncOfADate() {
        assertThat(isoDate(functions.call("date_trunc", DATE, varchar("quarter"), date("2020-05-17")))).isEqualTo("2020-04-01");
        assertThat(isoDate(functions.call("date_trunc", DATE, varchar("week"), date("2020-05-17")))).isEqualTo("2020-05-11");
        assertThatThrownBy(() -> functions.call("date_trunc", DATE, varchar("hour"), date("2020-05-17")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("'hour' is not a valid date field for date_trunc");
    }

    @Test
    void unknownUnitsAreRefusedWithTheFunctionsName() {
        assertThatThrownBy(() -> truncate("fortnight", timestamp("2020-05-17T10:00")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Invalid unit for date_trunc: 'fortnight'");
        assertThatThrownBy(() -> functions.call("date_add", TIMESTAMP, varchar("days"), bigint(1), timestamp("2020-05-17T10:00")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Invalid unit for date_add: 'days'");
        assertThatThrownBy(() -> functions.call("date_diff", BIGINT, varchar(""), timestamp("2020-05-17T10:00"), timestamp("2020-05-17T10:00")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Invalid unit for date_diff: ''");
    }

    @Test
    void dateAddClampsToTheEndOfShorterMonths() {
        assertThat(add("month", 1, "2020-01-31T10:00")).isEqualTo("2020-02-29T10:00");
        assertThat(add("month", 1, "2021-01-31T10:00")).isEqualTo("2021-02-28T10:00");
        assertThat(add("year", 1, "2020-02-29T00:00")).isEqualTo("2021-02-28T00:00");
        assertThat(add("quarter", -1, "2020-05-31T00:00")).isEqualTo("2020-02-29T00:00");
        assertThat(add("day", -1, "1970-01-01T00:00")).isEqualTo("1969-12-31T00:00");
        assertThat(add("hour", 25, "2020-02-28T23:30")).isEqualTo("2020-03-01T00:30");
        assertThat(add("millisecond", 1500, "2020-02-28T23:30")).isEqualTo("2020-02-28T23:30:01.500");
        assertThat(add("week", -1, "2020-03-03T00:00")).isEqualTo("2020-02-25T00:00");
    }

    @Test
    void dateAddOnDatesAndTimes() {
        assertThat(isoDate(functions.call("date_add", DATE, varchar("week"), bigint(2), date("2020-02-20")))).isEqualTo("2020-03-05");
        assertThat(isoDate(functions.call("date_add", DATE, varchar("month"), bigint(-1), date("2020-03-31")))).isEqualTo("2020-02-29");
        assertThat(functions.call("date_add", TIME, varchar("hour"), bigint(3), time("23:00"))).isEqualTo(LocalTime.parse("02:00").toNanoOfDay());
        assertThat(functions.call("date_add", TIME, varchar("minute"), bigint(-1), time("00:00"))).isEqualTo(LocalTime.parse("23:59").toNanoOfDay());
        assertThatThrownBy(() -> functions.call("date_add", DATE, varchar("hour"), bigint(1), date("2020-02-20")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("'hour' is not a valid date field for date_add");
        assertThatThrownBy(() -> functions.call("date_add", TIME, varchar("day"), bigint(1), time("10:00")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("'day' is not a valid time field for date_add");
    }

    @Test
    void dateAddOutOfTheTimestampRangeFails() {
        assertThatThrownBy(() -> add("year", 1000, "2020-01-01T00:00"))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Value out of range for date_add: 1000 year(s)");
    }

    @Test
    void dateAddOfDatesBeyondTheLongRangeFails() {
        assertThatThrownBy(() -> functions.call("date_add", DATE, varchar("month"), bigint(Long.MAX_VALUE / 2), date("2020-01-01")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Value out of range for date_add: " + Long.MAX_VALUE / 2 + " month(s)");
    }

    @Test
    void dateDiffCountsWholeUnitsTowardZero() {
        assertThat(diff("day", "2020-01-01T00:00", "2020-03-01T00:00")).isEqualTo(60L);
        assertThat(diff("month", "2020-01-31T00:00", "2020-02-29T00:00")).isEqualTo(1L);
        assertThat(diff("month", "2021-01-31T00:00", "2021-02-28T00:00")).isEqualTo(1L);
        assertThat(diff("month", "2020-01-31T00:00", "2020-02-28T00:00")).isEqualTo(0L);
        assertThat(diff("month", "2020-02-29T00:00", "2020-01-31T00:00")).isEqualTo(-1L);
        assertThat(diff("month", "2020-01-15T12:00", "2020-02-15T11:59")).isEqualTo(0L);
        assertThat(diff("year", "2020-02-29T00:00", "2021-02-28T00:00")).isEqualTo(1L);
        assertThat(diff("year", "2020-03-01T00:00", "2021-02-28T00:00")).isEqualTo(0L);
        assertThat(diff("quarter", "2020-01-15T00:00", "2020-07-14T00:00")).isEqualTo(1L);
        assertThat(diff("hour", "2020-01-01T10:00", "2020-01-01T09:30")).isEqualTo(0L);
        assertThat(diff("minute", "2020-01-01T10:00", "2020-01-01T09:30")).isEqualTo(-30L);
        assertThat(diff("second", "1969-12-31T23:59:59", "1970-01-01T00:00:01")).isEqualTo(2L);
    }

    @Test
    void dateDiffOnDatesAndTimes() {
        assertThat(functions.call("date_diff", BIGINT, varchar("week"), date("2020-01-01"), date("2020-01-15"))).isEqualTo(2L);
        assertThat(functions.call("date_diff", BIGINT, varchar("month"), date("2020-01-31"), date("2020-02-29"))).isEqualTo(1L);
        assertThat(functions.call("date_diff", BIGINT, varchar("second"), time("10:00"), time("10:01:30.500"))).isEqualTo(90L);
        assertThatThrownBy(() -> functions.call("date_diff", BIGINT, varchar("hour"), date("2020-01-01"), date("2020-01-02")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("'hour' is not a valid date field for date_diff");
    }

    @Test
    void dateDiffOfDatesCoversDatesBeyondTheTimestampRange() {
        assertThat(functions.call("date_diff", BIGINT, varchar("day"), date("0001-01-01"), date("9999-12-31"))).isEqualTo(3_652_058L);
        assertThat(functions.call("date_diff", BIGINT, varchar("year"), date("9999-12-31"), date("0001-01-01"))).isEqualTo(-9998L);
    }

    @Test
    void truncatingBelowTheEarliestTimestampFails() {
        assertThatThrownBy(() -> functions.call("date_trunc", TIMESTAMP, varchar("day"), column(TIMESTAMP, Long.MIN_VALUE)))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Timestamp out of range for date_trunc: " + Long.MIN_VALUE);
    }

    private String truncate(String unit, Vector value) {
        return iso(functions.call("date_trunc", TIMESTAMP, varchar(unit), value));
    }

    private String add(String unit, long amount, String start) {
        return iso(functions.call("date_add", TIMESTAMP, varchar(unit), bigint(amount), timestamp(start)));
    }

    private Object diff(String unit, String start, String end) {
        return functions.call("date_diff", BIGINT, varchar(unit), timestamp(start), timestamp(end));
    }
}
