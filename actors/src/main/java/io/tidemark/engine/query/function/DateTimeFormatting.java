package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_HOUR;
import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_MINUTE;
import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_SECOND;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;

import io.tidemark.engine.query.vector.Vector;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalField;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.function.Function;

/**
 * {@code format_datetime}/{@code parse_datetime} (Joda-Time patterns) and
 * {@code date_format}/{@code date_parse} (MySQL specifiers); patterns are translated by
 * {@link DateTimePatterns}. Timestamps print in UTC. Parsing reads the fields the pattern names
 * and fills the rest as Joda does (year 1970, January, day 1, midnight); a parsed offset or zone
 * converts the result to UTC. A pattern is compiled once per distinct text in a batch.
 */
final class DateTimeFormatting {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private DateTimeFormatting() {
    }

    static void register(ScalarFunctionRegistry.Builder registry) {
        registry.add("format_datetime", Overloads.exact(List.of(TIMESTAMP, VARCHAR), formatter(DateTimePatterns::joda)));
        registry.add("parse_datetime", Overloads.exact(List.of(VARCHAR, VARCHAR), parser(DateTimePatterns::joda)));
        registry.add("date_format", Overloads.exact(List.of(TIMESTAMP, VARCHAR), formatter(pattern -> DateTimePatterns.mysql(pattern, false))));
        registry.add("date_parse", Overloads.exact(List.of(VARCHAR, VARCHAR), parser(pattern -> DateTimePatterns.mysql(pattern, true))));
    }

    /** The formatter of the previous row while the pattern text stays the same. */
    private static final class LastPattern {
        private final Function<String, DateTimeFormatter> compiler;
        private String pattern;
        private DateTimeFormatter formatter;

        LastPattern(Function<String, DateTimeFormatter> compiler) {
            this.compiler = compiler;
        }

        DateTimeFormatter formatter(String text) {
            if (text != pattern && !text.equals(pattern)) {
                formatter = compiler.apply(text);
                pattern = text;
            }
            return formatter;
        }
    }

    private static ScalarFunction formatter(Function<String, DateTimeFormatter> compiler) {
        return (arguments, rowCount, context) -> {
            LastPattern patterns = new LastPattern(compiler);
            Object[] out = new Object[rowCount];
            for (int i = 0; i < rowCount; i++) {
                if (!arguments[0].isNull(i) && !arguments[1].isNull(i)) {
                    out[i] = format(patterns.formatter((String) arguments[1].getObject(i)), arguments[0].getLong(i));
                }
            }
            return Vector.ofObjects(VARCHAR, out, rowCount);
        };
    }

    private static ScalarFunction parser(Function<String, DateTimeFormatter> compiler) {
        return (arguments, rowCount, context) -> {
            LastPattern patterns = new LastPattern(compiler);
            long[] out = new long[rowCount];
            boolean[] nulls = Overloads.unionNulls(rowCount, arguments);
            for (int i = 0; i < rowCount; i++) {
                if (nulls == null || !nulls[i]) {
                    out[i] = parse(patterns.formatter((String) arguments[1].getObject(i)), (String) arguments[0].getObject(i));
                }
            }
            return Vector.ofLongs(TIMESTAMP, out, nulls, rowCount);
        };
    }

    static String format(DateTimeFormatter formatter, long nanos) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
        try {
            return formatter.format(ZonedDateTime.ofInstant(instant, UTC));
        } catch (DateTimeException unprintable) {
            throw new QueryFunctionException("Cannot format " + Iso8601.formatTimestamp(nanos) + ": " + unprintable.getMessage(), unprintable);
        }
    }

    /** The epoch nanos {@code text} denotes under {@code formatter}, or Joda's {@code Invalid format: "…"} error. */
    static long parse(DateTimeFormatter formatter, String text) {
        ParsePosition position = new ParsePosition(0);
        TemporalAccessor fields = formatter.parseUnresolved(text, position);
        if (fields == null || position.getIndex() < text.length()) {
            int at = fields == null ? position.getErrorIndex() : position.getIndex();
            throw new QueryFunctionException(at >= text.length()
                    ? "Invalid format: \"" + text + "\" is too short"
                    : "Invalid format: \"" + text + "\" is malformed at \"" + text.substring(Math.max(at, 0)) + "\"");
        }
        try {
            return resolve(fields);
        } catch (DateTimeException invalid) {
            throw new QueryFunctionException("Invalid format: \"" + text + "\": " + invalid.getMessage(), invalid);
        } catch (ArithmeticException overflow) {
            throw new QueryFunctionException("Timestamp out of range: \"" + text + "\"", overflow);
        }
    }

    private static long resolve(TemporalAccessor fields) {
        long epochDay = resolveDate(fields);
        long hour;
        if (fields.isSupported(ChronoField.HOUR_OF_DAY)) {
            hour = valid(fields, ChronoField.HOUR_OF_DAY, 0);
        } else if (fields.isSupported(ChronoField.CLOCK_HOUR_OF_DAY)) {
            hour = valid(fields, ChronoField.CLOCK_HOUR_OF_DAY, 24) % 24;
        } else {
            long hourOfHalfDay = fields.isSupported(ChronoField.CLOCK_HOUR_OF_AMPM)
                    ? valid(fields, ChronoField.CLOCK_HOUR_OF_AMPM, 12) % 12
                    : valid(fields, ChronoField.HOUR_OF_AMPM, 0);
            hour = hourOfHalfDay + 12 * valid(fields, ChronoField.AMPM_OF_DAY, 0);
        }
        long nanosOfDay = hour * NANOS_PER_HOUR
                + valid(fields, ChronoField.MINUTE_OF_HOUR, 0) * NANOS_PER_MINUTE
                + valid(fields, ChronoField.SECOND_OF_MINUTE, 0) * NANOS_PER_SECOND
                + valid(fields, ChronoField.NANO_OF_SECOND, 0);
        long offsetNanos = offsetSeconds(fields, epochDay, nanosOfDay) * NANOS_PER_SECOND;
        return EpochCalendar.toNanos(epochDay, nanosOfDay - offsetNanos);
    }

    private static long resolveDate(TemporalAccessor fields) {
        long year;
        if (fields.isSupported(ChronoField.YEAR)) {
            year = valid(fields, ChronoField.YEAR, 1970);
        } else if (fields.isSupported(ChronoField.YEAR_OF_ERA)) {
            long yearOfEra = valid(fields, ChronoField.YEAR_OF_ERA, 1970);
            year = valid(fields, ChronoField.ERA, 1) == 1 ? yearOfEra : 1 - yearOfEra;
        } else {
            year = 1970;
        }
        if (fields.isSupported(IsoFields.WEEK_BASED_YEAR) || fields.isSupported(IsoFields.WEEK_OF_WEEK_BASED_YEAR)) {
            long weekYear = fields.isSupported(IsoFields.WEEK_BASED_YEAR) ? fields.getLong(IsoFields.WEEK_BASED_YEAR) : year;
            long january4 = EpochCalendar.daysFromCivil(weekYear, 1, 4);
            long firstMonday = january4 - EpochCalendar.dayOfWeek(january4) + 1;
            return firstMonday + (valid(fields, IsoFields.WEEK_OF_WEEK_BASED_YEAR, 1) - 1) * 7 + valid(fields, ChronoField.DAY_OF_WEEK, 1) - 1;
        }
        if (fields.isSupported(ChronoField.DAY_OF_YEAR)) {
            long dayOfYear = valid(fields, ChronoField.DAY_OF_YEAR, 1);
            if (dayOfYear == 366 && !EpochCalendar.isLeapYear(year)) {
                throw new DateTimeException("day of year 366 in the non-leap year " + year);
            }
            return EpochCalendar.daysFromCivil(year, 1, 1) + dayOfYear - 1;
        }
        int month = (int) valid(fields, ChronoField.MONTH_OF_YEAR, 1);
        long day = valid(fields, ChronoField.DAY_OF_MONTH, 1);
        if (day > EpochCalendar.lengthOfMonth(year, month)) {
            throw new DateTimeException("day " + day + " does not exist in month " + month + " of " + year);
        }
        return EpochCalendar.daysFromCivil(year, month, (int) day);
    }

    /** The parsed offset from UTC in seconds: an explicit offset, else a zone's offset at that local time, else 0. */
    private static long offsetSeconds(TemporalAccessor fields, long epochDay, long nanosOfDay) {
        if (fields.isSupported(ChronoField.OFFSET_SECONDS)) {
            return fields.getLong(ChronoField.OFFSET_SECONDS);
        }
        ZoneId zone = fields.query(TemporalQueries.zoneId());
        if (zone == null) {
            return 0;
        }
        LocalDateTime local = LocalDateTime.of(LocalDate.ofEpochDay(epochDay), LocalTime.ofNanoOfDay(nanosOfDay));
        return zone.getRules().getOffset(local).getTotalSeconds();
    }

    /** The parsed value of {@code field} checked against its range, or {@code absent} if the text did not give it. */
    private static long valid(TemporalAccessor fields, TemporalField field, long absent) {
        if (!fields.isSupported(field)) {
            return absent;
        }
        long value = fields.getLong(field);
        field.range().checkValidValue(value, field);
        return value;
    }
}
