package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.FunctionHarness.QUERY_START;
import static io.tidemark.engine.query.function.FunctionHarness.bigint;
import static io.tidemark.engine.query.function.FunctionHarness.column;
import static io.tidemark.engine.query.function.FunctionHarness.date;
import static io.tidemark.engine.query.function.FunctionHarness.doubleValue;
import static io.tidemark.engine.query.function.FunctionHarness.interval;
import static io.tidemark.engine.query.function.FunctionHarness.iso;
import static io.tidemark.engine.query.function.FunctionHarness.isoDate;
import static io.tidemark.engine.query.function.FunctionHarness.nanos;
import static io.tidemark.engine.query.function.FunctionHarness.timestamp;
import static io.tidemark.engine.query.function.FunctionHarness.varchar;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DATE;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.INTERVAL_DAY_TO_SECOND;
import static io.tidemark.sql.type.PrimitiveType.INTERVAL_YEAR_TO_MONTH;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.query.vector.Vector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeFunctionsTest {

    private final FunctionHarness functions = new FunctionHarness(new TimeFunctions());

    @Test
    void binFloorsToEpochAlignedMultiplesIncludingBeforeTheEpoch() {
        Vector times = column(TIMESTAMP, nanos("2022-07-07T17:42:32.939"), null, nanos("1969-12-31T23:59:59.500"), nanos("1970-01-01T00:00"));
        Vector thirtySeconds = column(INTERVAL_DAY_TO_SECOND, 30_000_000_000L, 30_000_000_000L, 3_600_000_000_000L, 86_400_000_000_000L);

        Vector binned = functions.apply("bin", TIMESTAMP, times, thirtySeconds);

        assertThat(binned.type()).isEqualTo(TIMESTAMP);
        assertThat(iso(binned.get(0))).isEqualTo("2022-07-07T17:42:30");
        assertThat(binned.isNull(1)).isTrue();
        assertThat(iso(binned.get(2))).isEqualTo("1969-12-31T23:00");
        assertThat(iso(binned.get(3))).isEqualTo("1970-01-01T00:00");
    }

    @Test
    void binOfAscendingTimesReusesABinOnlyWhileTheRowIsInIt() {
        long minute = 60_000_000_000L;
        long hour = 60 * minute;
        // ascending times crossing bins, a change of interval, a null, times before the epoch and extreme ones
        long[] times = {-hour - 1, -hour, -1, 0, 59 * minute, hour - 1, hour, hour + 1, hour + 2, 2 * hour, 2 * hour, 3 * hour + 5,
                Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE, 7};
        Object[] timeValues = new Object[times.length];
        Object[] intervals = new Object[times.length];
        for (int i = 0; i < times.length; i++) {
            timeValues[i] = i == 8 ? null : times[i];
            intervals[i] = i == 10 || i == 11 ? minute : i >= 12 ? 1L : hour;
        }
        Vector binned = functions.apply("bin", TIMESTAMP, column(TIMESTAMP, timeValues), column(INTERVAL_DAY_TO_SECOND, intervals));
        for (int i = 0; i < times.length; i++) {
            if (i == 8) {
                assertThat(binned.isNull(i)).isTrue();
            } else {
                long interval = (Long) intervals[i];
                assertThat(binned.get(i)).as("row %d", i).isEqualTo(Math.floorDiv(times[i], interval) * interval);
            }
        }
    }

    @Test
    void binRefusesANonPositiveInterval() {
        assertThatThrownBy(() -> functions.call("bin", TIMESTAMP, timestamp("2022-07-07T17:42:32"), interval(Duration.ZERO)))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Bin interval must be positive: 0 nanoseconds");
    }

    @Test
    void nowAndAgoReadTheQueryStart() {
        assertThat(functions.call("now", TIMESTAMP)).isEqualTo(QUERY_START);
        assertThat(iso(functions.call("ago", TIMESTAMP, interval(Duration.ofHours(1))))).isEqualTo("2022-07-07T16:42:32.939");
        assertThat(functions.call("current_timezone", VARCHAR)).isEqualTo("UTC");
        assertThatThrownBy(() -> functions.call("ago", TIMESTAMP, column(INTERVAL_DAY_TO_SECOND, Long.MIN_VALUE)))
                .isInstanceOf(QueryFunctionException.class).hasMessageStartingWith("Timestamp out of range: ago(");
    }

    @Test
    void dateAndLastDayOfMonth() {
        assertThat(isoDate(functions.call("date", DATE, timestamp("1969-12-31T23:00")))).isEqualTo("1969-12-31");
        assertThat(isoDate(functions.call("date", DATE, varchar(" 2020-02-29 ")))).isEqualTo("2020-02-29");
        assertThatThrownBy(() -> functions.call("date", DATE, varchar("2021-02-29")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Value cannot be cast to date: 2021-02-29");
        assertThat(isoDate(functions.call("last_day_of_month", DATE, date("2020-02-10")))).isEqualTo("2020-02-29");
        assertThat(isoDate(functions.call("last_day_of_month", DATE, date("2100-02-10")))).isEqualTo("2100-02-28");
        assertThat(isoDate(functions.call("last_day_of_month", DATE, timestamp("1969-12-31T23:59:59")))).isEqualTo("1969-12-31");
    }

    @Test
    void iso8601ParsesOffsetsToUtcAndFormatsWithMillisOrNanos() {
        assertThat(iso(functions.call("from_iso8601_timestamp", TIMESTAMP, varchar("2022-06-17T08:04:05.000000000+05:00"))))
                .isEqualTo("2022-06-17T03:04:05");
        assertThat(iso(functions.call("from_iso8601_timestamp", TIMESTAMP, varchar("2022-06-17T08:04-0130")))).isEqualTo("2022-06-17T09:34");
        assertThat(iso(functions.call("from_iso8601_timestamp", TIMESTAMP, varchar("2022-06-17")))).isEqualTo("2022-06-17T00:00");
        assertThat(functions.call("from_iso8601_timestamp", TIMESTAMP, varchar("1969-12-31T23:59:59.999999999Z"))).isEqualTo(-1L);
        assertThat(isoDate(functions.call("from_iso8601_date", DATE, varchar("2016-02-29")))).isEqualTo("2016-02-29");

        assertThat(functions.call("to_iso8601", VARCHAR, timestamp("2022-06-17T03:04:05"))).isEqualTo("2022-06-17T03:04:05.000Z");
        assertThat(functions.call("to_iso8601", VARCHAR, timestamp("1969-12-31T23:59:59.123456789"))).isEqualTo("1969-12-31T23:59:59.123456789Z");
        assertThat(functions.call("to_iso8601", VARCHAR, date("2022-06-17"))).isEqualTo("2022-06-17");
    }

    @Test
    void iso8601WeekAndOrdinalDates() {
        assertThat(isoDate(functions.call("from_iso8601_date", DATE, varchar("2020-W10-3")))).isEqualTo("2020-03-04");
        assertThat(isoDate(functions.call("from_iso8601_date", DATE, varchar("2020-W53-5")))).isEqualTo("2021-01-01");
        assertThat(isoDate(functions.call("from_iso8601_date", DATE, varchar("2020-W01")))).isEqualTo("2019-12-30");
        assertThat(isoDate(functions.call("from_iso8601_date", DATE, varchar("2020-366")))).isEqualTo("2020-12-31");
        assertThat(iso(functions.call("from_iso8601_timestamp", TIMESTAMP, varchar("2020-060T10:00Z")))).isEqualTo("2020-02-29T10:00");
        for (String bad : List.of("2021-W53", "2020-W10-8", "2021-366", "2020-000")) {
            assertThatThrownBy(() -> functions.call("from_iso8601_date", DATE, varchar(bad)))
                    .isInstanceOf(QueryFunctionException.class).hasMessage("Invalid format: \"" + bad + "\"");
        }
    }

    @Test
    void iso8601RefusesMalformedAndImpossibleDates() {
        for (String bad : List.of("2020-13-01", "2021-02-29", "2020-01-01T24:00",
                "2020-1-01", "202-01-01", "2020-01-01T10:00+", "2020-01-01 10:00", "")) {
            assertThatThrownBy(() -> functions.call("from_iso8601_timestamp", TIMESTAMP, varchar(bad)))
                    .isInstanceOf(QueryFunctionException.class).hasMessage("Invalid format: \"" + bad + "\"");
        }
        assertThatThrownBy(() -> functions.call("from_iso8601_date", DATE, varchar("2022-06-17T00:00")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Invalid format: \"2022-06-17T00:00\"");
        assertThatThrownBy(() -> functions.call("from_iso8601_timestamp", TIMESTAMP, varchar("2300-01-01")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Timestamp out of range: \"2300-01-01\"");
    }

    @Test
    void epochConversions() {
        assertThat(functions.call("from_milliseconds", TIMESTAMP, bigint(-1))).isEqualTo(-1_000_000L);
        assertThat(functions.call("from_nanoseconds", TIMESTAMP, bigint(-1))).isEqualTo(-1L);
        assertThat(functions.call("from_unixtime", TIMESTAMP, doubleValue(1.5))).isEqualTo(1_500_000_000L);
        assertThat(functions.call("from_unixtime", TIMESTAMP, doubleValue(-0.25))).isEqualTo(-250_000_000L);
        assertThat(functions.call("to_milliseconds", BIGINT, column(TIMESTAMP, -1L))).isEqualTo(-1L);
        assertThat(functions.call("to_milliseconds", BIGINT, column(INTERVAL_DAY_TO_SECOND, -1_500_000L))).isEqualTo(-1L);
        assertThat(functions.call("to_nanoseconds", BIGINT, interval(Duration.ofSeconds(2)))).isEqualTo(2_000_000_000L);
        assertThat(functions.call("to_nanoseconds", BIGINT, column(TIMESTAMP, 42L))).isEqualTo(42L);
        assertThat(functions.call("to_unixtime", DOUBLE, column(TIMESTAMP, -250_000_000L))).isEqualTo(-0.25);

        assertThatThrownBy(() -> functions.call("from_milliseconds", TIMESTAMP, bigint(Long.MAX_VALUE)))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Timestamp out of range: from_milliseconds(9223372036854775807)");
        assertThatThrownBy(() -> functions.call("from_unixtime", TIMESTAMP, doubleValue(Double.NaN)))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Timestamp out of range: from_unixtime(NaN)");
    }

    @Test
    void durations() {
        assertThat(functions.call("parse_duration", INTERVAL_DAY_TO_SECOND, varchar("3.81 d")))
                .isEqualTo(Duration.parse("P3DT19H26M24S").toNanos());
        assertThat(functions.call("parse_duration", INTERVAL_DAY_TO_SECOND, varchar("42.8ms"))).isEqualTo(42_800_000L);
        assertThat(functions.call("parse_duration", INTERVAL_DAY_TO_SECOND, varchar("5ns"))).isEqualTo(5L);
        assertThatThrownBy(() -> functions.call("parse_duration", INTERVAL_DAY_TO_SECOND, varchar("1 fortnight")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Unknown time unit: fortnight");
        assertThatThrownBy(() -> functions.call("parse_duration", INTERVAL_DAY_TO_SECOND, varchar("-1s")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("duration is not a valid data duration string: -1s");

        assertThat(functions.call("human_readable_seconds", VARCHAR, doubleValue(96))).isEqualTo("1 minute, 36 seconds");
        assertThat(functions.call("human_readable_seconds", VARCHAR, doubleValue(3762))).isEqualTo("1 hour, 2 minutes, 42 seconds");
        assertThat(functions.call("human_readable_seconds", VARCHAR, doubleValue(56363463)))
                .isEqualTo("93 weeks, 1 day, 8 hours, 31 minutes, 3 seconds");
        assertThat(functions.call("human_readable_seconds", VARCHAR, doubleValue(0.4))).isEqualTo("0 seconds");
        assertThatThrownBy(() -> functions.call("human_readable_seconds", VARCHAR, doubleValue(Double.NaN)))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Invalid argument found: NaN");
    }

    @Test
    void extractionFromTimestampsUsesIsoWeeks() {
        Vector lastNightOf2020 = timestamp("2020-12-31T23:59:59.123456789");
        assertThat(field("year", lastNightOf2020)).isEqualTo(2020L);
        assertThat(field("quarter", lastNightOf2020)).isEqualTo(4L);
        assertThat(field("month", lastNightOf2020)).isEqualTo(12L);
        assertThat(field("week", lastNightOf2020)).isEqualTo(53L);
        assertThat(field("week_of_year", lastNightOf2020)).isEqualTo(53L);
        assertThat(field("day", lastNightOf2020)).isEqualTo(31L);
        assertThat(field("day_of_month", lastNightOf2020)).isEqualTo(31L);
        assertThat(field("day_of_week", lastNightOf2020)).isEqualTo(4L);
        assertThat(field("dow", lastNightOf2020)).isEqualTo(4L);
        assertThat(field("day_of_year", lastNightOf2020)).isEqualTo(366L);
        assertThat(field("doy", lastNightOf2020)).isEqualTo(366L);
        assertThat(field("hour", lastNightOf2020)).isEqualTo(23L);
        assertThat(field("minute", lastNightOf2020)).isEqualTo(59L);
        assertThat(field("second", lastNightOf2020)).isEqualTo(59L);
        assertThat(field("millisecond", lastNightOf2020)).isEqualTo(123L);
        assertThat(field("nanosecond", lastNightOf2020)).isEqualTo(123_456_789L);

        Vector newYear2021 = timestamp("2021-01-01T00:00");
        assertThat(field("year", newYear2021)).isEqualTo(2021L);
        assertThat(field("week", newYear2021)).isEqualTo(53L);
        assertThat(field("year_of_week", newYear2021)).isEqualTo(2020L);
        assertThat(field("yow", newYear2021)).isEqualTo(2020L);
        assertThat(field("day_of_week", newYear2021)).isEqualTo(5L);
    }

    @Test
    void extractionBeforeTheEpochFloors() {
        Vector lastMilliOf1969 = timestamp("1969-12-31T23:59:59.999");
        assertThat(field("year", lastMilliOf1969)).isEqualTo(1969L);
        assertThat(field("day_of_week", lastMilliOf1969)).isEqualTo(3L);
        assertThat(field("hour", lastMilliOf1969)).isEqualTo(23L);
        assertThat(field("millisecond", lastMilliOf1969)).isEqualTo(999L);
    }

    @Test
    void extractionFromDatesTimesAndIntervals() {
        Vector leapDay = date("2016-02-29");
        assertThat(field("day_of_year", leapDay)).isEqualTo(60L);
        assertThat(field("week", leapDay)).isEqualTo(9L);
        assertThat(field("day_of_week", leapDay)).isEqualTo(1L);
        assertThat(field("quarter", leapDay)).isEqualTo(1L);

        Vector afternoon = FunctionHarness.time("13:45:10.250");
        assertThat(field("hour", afternoon)).isEqualTo(13L);
        assertThat(field("minute", afternoon)).isEqualTo(45L);
        assertThat(field("second", afternoon)).isEqualTo(10L);
        assertThat(field("millisecond", afternoon)).isEqualTo(250L);

        Vector dayAndABit = interval(Duration.parse("P1DT3H4M5.006S"));
        assertThat(field("day", dayAndABit)).isEqualTo(1L);
        assertThat(field("hour", dayAndABit)).isEqualTo(3L);
        assertThat(field("minute", dayAndABit)).isEqualTo(4L);
        assertThat(field("second", dayAndABit)).isEqualTo(5L);
        assertThat(field("millisecond", dayAndABit)).isEqualTo(6L);
        Vector negative = interval(Duration.parse("-P1DT3H"));
        assertThat(field("day", negative)).isEqualTo(-1L);
        assertThat(field("hour", negative)).isEqualTo(-3L);

        Vector twoYearsTwoMonths = column(INTERVAL_YEAR_TO_MONTH, 26L);
        assertThat(field("year", twoYearsTwoMonths)).isEqualTo(2L);
        assertThat(field("month", twoYearsTwoMonths)).isEqualTo(2L);
    }

    @Test
    void extractionKeepsNullRowsNull() {
        Vector years = functions.apply("year", BIGINT, column(TIMESTAMP, nanos("2000-01-01T00:00"), null));
        assertThat(years.get(0)).isEqualTo(2000L);
        assertThat(years.isNull(1)).isTrue();
    }

    @Test
    void bindersRefuseTypesTheyDoNotHandle() {
        assertThat(functions.binds("bin", List.of(TIMESTAMP, BIGINT), TIMESTAMP)).isFalse();
        assertThat(functions.binds("hour", List.of(DATE), BIGINT)).isFalse();
        assertThat(functions.binds("year", List.of(VARCHAR), BIGINT)).isFalse();
    }

    private Object field(String name, Vector value) {
        return functions.call(name, BIGINT, value);
    }
}
