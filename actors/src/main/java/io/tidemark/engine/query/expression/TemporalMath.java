package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.function.EpochCalendar;

/**
 * Calendar arithmetic on the primitive encodings of {@link io.tidemark.engine.query.vector.Storage}
 * (timestamps in nanoseconds since the epoch, dates in days since the epoch, UTC), without
 * allocating: the proleptic Gregorian civil-date conversions of H. Hinnant's {@code chrono}
 * algorithms.
 */
final class TemporalMath {

    static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long NANOS_PER_DAY = 86_400L * NANOS_PER_SECOND;

    private TemporalMath() {
    }

    /** Days since the epoch of a civil date. */
    static long daysFromCivil(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        int shiftedMonth = month > 2 ? month - 3 : month + 9;
        long dayOfYear = (153L * shiftedMonth + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }

    /** The civil date of a day number packed as {@code year * 10000 + month * 100 + day} (year may be negative). */
    static long civilFromDays(long days) {
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long dayOfEra = z - era * 146097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return year * 10000 + (year < 0 ? -(month * 100 + day) : month * 100 + day);
    }

    static long year(long packed) {
        return packed / 10000;
    }

    static int month(long packed) {
        return (int) (Math.abs(packed) / 100 % 100);
    }

    static int day(long packed) {
        return (int) (Math.abs(packed) % 100);
    }

    /** A date plus calendar months; the day is clamped to the target month's length (Jan 31 + 1 month = Feb 28/29). */
    static long plusMonths(long epochDay, long months) {
        long civil = civilFromDays(epochDay);
        long monthIndex = year(civil) * 12 + (month(civil) - 1) + months;
        long year = Math.floorDiv(monthIndex, 12);
        int month = Math.floorMod(monthIndex, 12) + 1;
        int day = Math.min(day(civil), EpochCalendar.lengthOfMonth(year, month));
        return daysFromCivil(year, month, day);
    }

    /** A timestamp plus calendar months, keeping the time of day. */
    static long timestampPlusMonths(long epochNanos, long months) {
        long days = Math.floorDiv(epochNanos, NANOS_PER_DAY);
        long nanosOfDay = Math.floorMod(epochNanos, NANOS_PER_DAY);
        return plusMonths(days, months) * NANOS_PER_DAY + nanosOfDay;
    }
}
