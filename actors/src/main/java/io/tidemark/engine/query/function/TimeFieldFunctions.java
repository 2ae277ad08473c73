package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_DAY;
import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_HOUR;
import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_MILLI;
import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_MINUTE;
import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_SECOND;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DATE;
import static io.tidemark.sql.type.PrimitiveType.INTERVAL_DAY_TO_SECOND;
import static io.tidemark.sql.type.PrimitiveType.INTERVAL_YEAR_TO_MONTH;
import static io.tidemark.sql.type.PrimitiveType.TIME;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;

import io.tidemark.sql.type.SqlType;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * The extraction functions ({@code year(x)} … {@code nanosecond(x)}), all bigint, as primitive
 * loops over the LONG storage of timestamps (epoch nanos), dates (epoch days), times (nanos of
 * day) and intervals. Calendar fields are ISO: weeks start on Monday, {@code day_of_week} is 1
 * (Monday) … 7, {@code week}/{@code year_of_week} follow ISO-8601 week numbering. Interval fields
 * are the components of the interval's own value, truncated toward zero as Trino does
 * ({@code hour(interval '1' day + interval '3' hour)} is 3, {@code day(…)} is 1).
 */
final class TimeFieldFunctions {

    private TimeFieldFunctions() {
    }

    static void register(ScalarFunctionRegistry.Builder registry) {
        dateField(registry, EpochCalendar::year, "year");
        dateField(registry, EpochCalendar::quarter, "quarter");
        dateField(registry, EpochCalendar::month, "month");
        dateField(registry, EpochCalendar::isoWeek, "week", "week_of_year");
        dateField(registry, EpochCalendar::dayOfMonth, "day", "day_of_month");
        dateField(registry, EpochCalendar::dayOfWeek, "day_of_week", "dow");
        dateField(registry, EpochCalendar::dayOfYear, "day_of_year", "doy");
        dateField(registry, EpochCalendar::isoWeekYear, "year_of_week", "yow");

        timeOfDayField(registry, "hour", nanosOfDay -> nanosOfDay / NANOS_PER_HOUR);
        timeOfDayField(registry, "minute", nanosOfDay -> nanosOfDay % NANOS_PER_HOUR / NANOS_PER_MINUTE);
        timeOfDayField(registry, "second", nanosOfDay -> nanosOfDay % NANOS_PER_MINUTE / NANOS_PER_SECOND);
        timeOfDayField(registry, "millisecond", nanosOfDay -> nanosOfDay % NANOS_PER_SECOND / NANOS_PER_MILLI);
        timeOfDayField(registry, "nanosecond", nanosOfDay -> nanosOfDay % NANOS_PER_SECOND);

        field(registry, "year", INTERVAL_YEAR_TO_MONTH, months -> months / 12);
        field(registry, "month", INTERVAL_YEAR_TO_MONTH, months -> months % 12);
        field(registry, "day", INTERVAL_DAY_TO_SECOND, nanos -> nanos / NANOS_PER_DAY);
        field(registry, "day_of_month", INTERVAL_DAY_TO_SECOND, nanos -> nanos / NANOS_PER_DAY);
        field(registry, "hour", INTERVAL_DAY_TO_SECOND, nanos -> nanos % NANOS_PER_DAY / NANOS_PER_HOUR);
        field(registry, "minute", INTERVAL_DAY_TO_SECOND, nanos -> nanos % NANOS_PER_HOUR / NANOS_PER_MINUTE);
        field(registry, "second", INTERVAL_DAY_TO_SECOND, nanos -> nanos % NANOS_PER_MINUTE / NANOS_PER_SECOND);
        field(registry, "millisecond", INTERVAL_DAY_TO_SECOND, nanos -> nanos % NANOS_PER_SECOND / NANOS_PER_MILLI);
    }

    /** A field of the calendar day, for dates (epoch days) and timestamps (their UTC day). */
    private static void dateField(ScalarFunctionRegistry.Builder registry, LongUnaryOperator ofEpochDay, String... names) {
        for (String name : names) {
            field(registry, name, DATE, ofEpochDay);
            field(registry, name, TIMESTAMP, nanos -> ofEpochDay.applyAsLong(EpochCalendar.epochDay(nanos)));
        }
    }

    /** A field of the time of day, for times (nanos of day) and timestamps (their UTC time of day). */
    private static void timeOfDayField(ScalarFunctionRegistry.Builder registry, String name, LongUnaryOperator ofNanosOfDay) {
        field(registry, name, TIME, ofNanosOfDay);
        field(registry, name, TIMESTAMP, nanos -> ofNanosOfDay.applyAsLong(EpochCalendar.nanosOfDay(nanos)));
    }

    private static void field(ScalarFunctionRegistry.Builder registry, String name, SqlType argument, LongUnaryOperator f) {
        registry.add(name, Overloads.exact(List.of(argument),
                (arguments, rowCount, context) -> FunctionSupport.mapLongs(arguments[0], BIGINT, f, rowCount)));
    }
}
