package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_DAY;
import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_HOUR;
import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_MILLI;
import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_MINUTE;
import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_SECOND;
import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_WEEK;

import io.tidemark.engine.query.vector.Vector;
import java.util.Locale;

/**
 * The unit argument of {@code date_trunc}, {@code date_add} and {@code date_diff}
 * ({@code 'second'}, {@code 'month'} …, case-insensitive). Units up to a week have a fixed length
 * in nanoseconds (all time math is UTC, so a day is always 24 hours); month, quarter and year are
 * counted in calendar months.
 */
enum CalendarUnit {
    MILLISECOND(NANOS_PER_MILLI, 0),
    SECOND(NANOS_PER_SECOND, 0),
    MINUTE(NANOS_PER_MINUTE, 0),
    HOUR(NANOS_PER_HOUR, 0),
    DAY(NANOS_PER_DAY, 0),
    WEEK(NANOS_PER_WEEK, 0),
    MONTH(0, 1),
    QUARTER(0, 3),
    YEAR(0, 12);

    private static final CalendarUnit[] ALL = values();

    /** The unit's length in nanoseconds, 0 for the calendar-month units. */
    final long nanos;
    /** The unit's length in months, 0 for the fixed-length units. */
    final int months;

    CalendarUnit(long nanos, int months) {
        this.nanos = nanos;
        this.months = months;
    }

    boolean isFixedLength() {
        return months == 0;
    }

    /** True for the units a date can be moved or truncated by: day and longer. */
    boolean appliesToDates() {
        return compareTo(DAY) >= 0;
    }

    /** True for the units a time of day can be moved by: millisecond … hour. */
    boolean appliesToTimes() {
        return compareTo(HOUR) <= 0;
    }

    /**
     * Reads each row's unit from a varchar vector. The unit is almost always one literal, so the
     * parsed unit of the previous row is reused while the text stays the same (a reference
     * comparison first: a constant vector repeats one String).
     */
    static final class Reader {
        private final String function;
        private final String typeName;
        private final boolean dates;
        private final boolean times;
        private String lastText;
        private CalendarUnit lastUnit;

        /** {@code typeName} is the value argument's type, named in the error when the unit does not fit it. */
        Reader(String function, String typeName, boolean dates, boolean times) {
            this.function = function;
            this.typeName = typeName;
            this.dates = dates;
            this.times = times;
        }

        CalendarUnit unit(Vector units, int row) {
            String text = (String) units.getObject(row);
            if (text != lastText && !text.equals(lastText)) {
                lastUnit = parse(text);
                lastText = text;
            }
            return lastUnit;
        }

        private CalendarUnit parse(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            for (CalendarUnit unit : ALL) {
                if (unit.name().toLowerCase(Locale.ROOT).equals(lower)) {
                    if ((dates && !unit.appliesToDates()) || (times && !unit.appliesToTimes())) {
                        throw new QueryFunctionException("'" + text + "' is not a valid " + typeName + " field for " + function);
                    }
                    return unit;
                }
            }
            throw new QueryFunctionException("Invalid unit for " + function + ": '" + text + "'");
        }
    }
}
