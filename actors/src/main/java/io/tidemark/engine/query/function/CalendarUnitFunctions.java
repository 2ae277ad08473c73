package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_DAY;
import static io.tidemark.engine.query.function.EpochCalendar.dayOfMonth;
import static io.tidemark.engine.query.function.EpochCalendar.epochDay;
import static io.tidemark.engine.query.function.EpochCalendar.nanosOfDay;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DATE;
import static io.tidemark.sql.type.PrimitiveType.TIME;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import java.util.List;
import java.util.Locale;

/**
 * {@code date_trunc(unit, x)}, {@code date_add(unit, n, x)} and {@code date_diff(unit, a, b)} over
 * timestamps, dates and times, with Trino's (Joda's) calendar rules in UTC: adding months clamps
 * the day to the target month's length, and a difference counts whole units from {@code a} to
 * {@code b}, truncated toward zero (Jan 31 → Feb 28 is 0 months, Jan 31 → Feb 29 of a leap year
 * is 1 since the end is its month's last day). One loop per call over the LONG storage; the unit
 * is parsed once per distinct text (see {@link CalendarUnit.Reader}).
 */
final class CalendarUnitFunctions {

    private CalendarUnitFunctions() {
    }

    static void register(ScalarFunctionRegistry.Builder registry) {
        registry.add("date_trunc", Overloads.exact(List.of(VARCHAR, TIMESTAMP), (arguments, rowCount, context) ->
                perRowUnit(arguments[0], arguments[1], TIMESTAMP, rowCount,
                        new CalendarUnit.Reader("date_trunc", "timestamp", false, false), CalendarUnitFunctions::truncateTimestamp)));
        registry.add("date_trunc", Overloads.exact(List.of(VARCHAR, DATE), (arguments, rowCount, context) ->
                perRowUnit(arguments[0], arguments[1], DATE, rowCount,
                        new CalendarUnit.Reader("date_trunc", "date", true, false), CalendarUnitFunctions::truncateDate)));

        registry.add("date_add", Overloads.exact(List.of(VARCHAR, BIGINT, TIMESTAMP), (arguments, rowCount, context) ->
                add(arguments, rowCount, TIMESTAMP, new CalendarUnit.Reader("date_add", "timestamp", false, false))));
        registry.add("date_add", Overloads.exact(List.of(VARCHAR, BIGINT, DATE), (arguments, rowCount, context) ->
                add(arguments, rowCount, DATE, new CalendarUnit.Reader("date_add", "date", true, false))));
        registry.add("date_add", Overloads.exact(List.of(VARCHAR, BIGINT, TIME), (arguments, rowCount, context) ->
                add(arguments, rowCount, TIME, new CalendarUnit.Reader("date_add", "time", false, true))));

        registry.add("date_diff", Overloads.exact(List.of(VARCHAR, TIMESTAMP, TIMESTAMP), (arguments, rowCount, context) ->
                diff(arguments, rowCount, TIMESTAMP, new CalendarUnit.Reader("date_diff", "timestamp", false, false))));
        registry.add("date_diff", Overloads.exact(List.of(VARCHAR, DATE, DATE), (arguments, rowCount, context) ->
                diff(arguments, rowCount, DATE, new CalendarUnit.Reader("date_diff", "date", true, false))));
        registry.add("date_diff", Overloads.exact(List.of(VARCHAR, TIME, TIME), (arguments, rowCount, context) ->
                diff(arguments, rowCount, TIME, new CalendarUnit.Reader("date_diff", "time", false, true))));
    }

    /** The operation of one row given its unit. */
    private interface UnitOperation {
        long apply(CalendarUnit unit, long value);
    }

    private static Vector perRowUnit(Vector units, Vector values, PrimitiveType resultType, int rowCount, CalendarUnit.Reader reader,
            UnitOperation operation) {
        long[] in = values.longs();
        long[] out = new long[rowCount];
        boolean[] nulls = Overloads.unionNulls(rowCount, units, values);
        for (int i = 0; i < rowCount; i++) {
            if (nulls == null || !nulls[i]) {
                try {
                    out[i] = operation.apply(reader.unit(units, i), in[i]);
                } catch (ArithmeticException overflow) {
                    throw new QueryFunctionException("Timestamp out of range for date_trunc: " + in[i], overflow);
                }
            }
        }
        return Vector.ofLongs(resultType, out, nulls, rowCount);
    }

    static long truncateTimestamp(CalendarUnit unit, long nanos) {
        if (unit.compareTo(CalendarUnit.DAY) <= 0) {
            return Math.multiplyExact(Math.floorDiv(nanos, unit.nanos), unit.nanos);
        }
        return EpochCalendar.toNanos(truncateDate(unit, epochDay(nanos)), 0);
    }

    static long truncateDate(CalendarUnit unit, long epochDay) {
        switch (unit) {
            case DAY:
                return epochDay;
            case WEEK:
                return epochDay - EpochCalendar.dayOfWeek(epochDay) + 1;
            case MONTH:
                return EpochCalendar.firstDayOfMonth(epochDay);
            case QUARTER:
                return EpochCalendar.daysFromCivil(EpochCalendar.year(epochDay), (EpochCalendar.quarter(epochDay) - 1) * 3 + 1, 1);
            case YEAR:
                return EpochCalendar.daysFromCivil(EpochCalendar.year(epochDay), 1, 1);
            default:
                throw new IllegalArgumentException("cannot truncate a date to a unit shorter than a day: unit=" + unit);
        }
    }

    private static Vector add(Vector[] arguments, int rowCount, PrimitiveType type, CalendarUnit.Reader reader) {
        Vector units = arguments[0];
        Vector amounts = arguments[1];
        Vector values = arguments[2];
        long[] amount = amounts.longs();
        long[] in = values.longs();
        long[] out = new long[rowCount];
        boolean[] nulls = Overloads.unionNulls(rowCount, units, amounts, values);
        for (int i = 0; i < rowCount; i++) {
            if (nulls == null || !nulls[i]) {
                CalendarUnit unit = reader.unit(units, i);
                try {
                    out[i] = type == TIMESTAMP ? addToTimestamp(unit, amount[i], in[i])
                            : type == DATE ? addToDate(unit, amount[i], in[i]) : addToTime(unit, amount[i], in[i]);
                } catch (ArithmeticException overflow) {
                    throw new QueryFunctionException(
                            "Value out of range for date_add: " + amount[i] + " " + unit.name().toLowerCase(Locale.ROOT) + "(s)", overflow);
                }
            }
        }
        return Vector.ofLongs(type, out, nulls, rowCount);
    }

    static long addToTimestamp(CalendarUnit unit, long amount, long nanos) {
        if (unit.isFixedLength()) {
            return Math.addExact(nanos, Math.multiplyExact(amount, unit.nanos));
        }
        long day = EpochCalendar.plusMonths(epochDay(nanos), Math.multiplyExact(amount, (long) unit.months));
        return EpochCalendar.toNanos(day, nanosOfDay(nanos));
    }

    static long addToDate(CalendarUnit unit, long amount, long epochDay) {
        if (unit.isFixedLength()) {
            return Math.addExact(epochDay, Math.multiplyExact(amount, unit.nanos / NANOS_PER_DAY));
        }
        return EpochCalendar.plusMonths(epochDay, Math.multiplyExact(amount, (long) unit.months));
    }

    /** A time of day wraps around midnight, as Trino's {@code date_add} on time does. */
    static long addToTime(CalendarUnit unit, long amount, long nanosOfDay) {
        long unitsPerDay = NANOS_PER_DAY / unit.nanos;
        return Math.floorMod(nanosOfDay + Math.floorMod(amount, unitsPerDay) * unit.nanos, NANOS_PER_DAY);
    }

    private static Vector diff(Vector[] arguments, int rowCount, PrimitiveType type, CalendarUnit.Reader reader) {
        Vector units = arguments[0];
        long[] start = arguments[1].longs();
        long[] end = arguments[2].longs();
        boolean[] nulls = Overloads.unionNulls(rowCount, arguments);
        long[] out = new long[rowCount];
        for (int i = 0; i < rowCount; i++) {
            if (nulls == null || !nulls[i]) {
                CalendarUnit unit = reader.unit(units, i);
                try {
                    out[i] = type == DATE ? daysBetween(unit, start[i], end[i]) : between(unit, start[i], end[i]);
                } catch (ArithmeticException overflow) {
                    throw new QueryFunctionException("Value out of range for date_diff: " + start[i] + ", " + end[i], overflow);
                }
            }
        }
        return Vector.ofLongs(BIGINT, out, nulls, rowCount);
    }

    /** Whole units from {@code start} to {@code end} (both epoch nanos), negative when end is earlier. */
    static long between(CalendarUnit unit, long start, long end) {
        if (unit.isFixedLength()) {
            return Math.subtractExact(end, start) / unit.nanos;
        }
        return monthsBetween(epochDay(start), nanosOfDay(start), epochDay(end), nanosOfDay(end)) / unit.months;
    }

    /** Whole units (a day or longer) from one epoch day to another. */
    static long daysBetween(CalendarUnit unit, long startDay, long endDay) {
        if (unit.isFixedLength()) {
            return Math.subtractExact(endDay, startDay) / (unit.nanos / NANOS_PER_DAY);
        }
        return monthsBetween(startDay, 0, endDay, 0) / unit.months;
    }

    /**
     * Joda's month difference: the calendar months between the two instants, less one when the
     * end's offset into its month is smaller than the start's; when the end is its month's last
     * day, a later day of month at the start counts as that last day.
     */
    static long monthsBetween(long startDay, long startNanosOfDay, long endDay, long endNanosOfDay) {
        if (endDay < startDay || (endDay == startDay && endNanosOfDay < startNanosOfDay)) {
            return -monthsBetween(endDay, endNanosOfDay, startDay, startNanosOfDay);
        }
        long months = EpochCalendar.monthIndex(endDay) - EpochCalendar.monthIndex(startDay);
        int endDayOfMonth = dayOfMonth(endDay);
        int startDayOfMonth = dayOfMonth(startDay);
        if (endDay == EpochCalendar.lastDayOfMonth(endDay) && startDayOfMonth > endDayOfMonth) {
            startDayOfMonth = endDayOfMonth;
        }
        long endOffset = (endDayOfMonth - 1) * NANOS_PER_DAY + endNanosOfDay;
        long startOffset = (startDayOfMonth - 1) * NANOS_PER_DAY + startNanosOfDay;
        return endOffset < startOffset ? months - 1 : months;
    }
}
