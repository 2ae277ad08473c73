package io.tidemark.engine.query.function;

/**
 * Proleptic Gregorian calendar arithmetic on primitive epoch days and epoch nanoseconds (UTC), so
 * the extraction and truncation functions run without a {@code LocalDate} per row. The day
 * conversions are Howard Hinnant's {@code civil_from_days}/{@code days_from_civil}, exact for
 * every {@code long} day a timestamp or date can hold.
 */
public final class EpochCalendar {

    static final long NANOS_PER_MICRO = 1_000L;
    static final long NANOS_PER_MILLI = 1_000_000L;
    static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;
    static final long NANOS_PER_HOUR = 60 * NANOS_PER_MINUTE;
    static final long NANOS_PER_DAY = 24 * NANOS_PER_HOUR;
    static final long NANOS_PER_WEEK = 7 * NANOS_PER_DAY;

    /** Days from 0000-03-01 (the start of the era-aligned year) to 1970-01-01. */
    private static final long EPOCH_SHIFT = 719_468;
    private static final long DAYS_PER_ERA = 146_097;

    private EpochCalendar() {
    }

    static long epochDay(long nanos) {
        return Math.floorDiv(nanos, NANOS_PER_DAY);
    }

    static long nanosOfDay(long nanos) {
        return Math.floorMod(nanos, NANOS_PER_DAY);
    }

    /**
     * The epoch nanos of a UTC day and time of day, throwing {@link ArithmeticException} outside
     * the long range. The day before the first representable midnight is computed from its end,
     * so the earliest timestamps (1677-09-21) do not overflow on the way.
     */
    static long toNanos(long epochDay, long nanosOfDay) {
        if (epochDay < 0) {
            return Math.addExact(Math.multiplyExact(epochDay + 1, NANOS_PER_DAY), nanosOfDay - NANOS_PER_DAY);
        }
        return Math.addExact(Math.multiplyExact(epochDay, NANOS_PER_DAY), nanosOfDay);
    }

    static long year(long epochDay) {
        long shifted = epochDay + EPOCH_SHIFT;
        long era = era(shifted);
        int dayOfEra = (int) (shifted - era * DAYS_PER_ERA);
        int yearOfEra = yearOfEra(dayOfEra);
        long year = yearOfEra + era * 400;
        return marchBasedMonth(dayOfMarchYear(dayOfEra, yearOfEra)) >= 10 ? year + 1 : year;
    }

    /** 1..12. */
    static int month(long epochDay) {
        int dayOfEra = dayOfEra(epochDay);
        int marchMonth = marchBasedMonth(dayOfMarchYear(dayOfEra, yearOfEra(dayOfEra)));
        return marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
    }

    /** 1..31. */
    static int dayOfMonth(long epochDay) {
        int dayOfEra = dayOfEra(epochDay);
        int dayOfMarchYear = dayOfMarchYear(dayOfEra, yearOfEra(dayOfEra));
        return dayOfMarchYear - (153 * marchBasedMonth(dayOfMarchYear) + 2) / 5 + 1;
    }

    /** 1..366. */
    static int dayOfYear(long epochDay) {
        return (int) (epochDay - daysFromCivil(year(epochDay), 1, 1) + 1);
    }

    /** ISO day of week: Monday 1 … Sunday 7 (1970-01-01 was a Thursday). */
    static int dayOfWeek(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7L) + 1;
    }

    /** 1..4. */
    static int quarter(long epochDay) {
        return (month(epochDay) - 1) / 3 + 1;
    }

    /** ISO-8601 week of the week-based year, 1..53 (week 1 holds the year's first Thursday). */
    static int isoWeek(long epochDay) {
        long thursday = epochDay - dayOfWeek(epochDay) + 4;
        return (dayOfYear(thursday) - 1) / 7 + 1;
    }

    /** The year the ISO week of {@code epochDay} belongs to: the year of that week's Thursday. */
    static long isoWeekYear(long epochDay) {
        return year(epochDay - dayOfWeek(epochDay) + 4);
    }

    public static boolean isLeapYear(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    public static int lengthOfMonth(long year, int month) {
        switch (month) {
            case 2:
                return isLeapYear(year) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /**
     * The epoch day of {@code year-month-day} (month 1..12; day 1..31, not checked against the
     * month); {@link ArithmeticException} when it is past the long range.
     */
    static long daysFromCivil(long year, int month, int day) {
        long marchYear = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(marchYear, 400L);
        long yearOfEra = marchYear - era * 400;
        long dayOfMarchYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfMarchYear;
        return Math.addExact(Math.multiplyExact(era, DAYS_PER_ERA), dayOfEra - EPOCH_SHIFT);
    }

    static long firstDayOfMonth(long epochDay) {
        return epochDay - dayOfMonth(epochDay) + 1;
    }

    static long lastDayOfMonth(long epochDay) {
        long year = year(epochDay);
        int month = month(epochDay);
        return daysFromCivil(year, month, lengthOfMonth(year, month));
    }

    /**
     * {@code epochDay} moved by {@code months}, the day of month clamped to the target month's
     * length (Jan 31 + 1 month = Feb 28/29), as Trino's {@code date_add} does.
     */
    static long plusMonths(long epochDay, long months) {
        long monthIndex = Math.addExact(Math.multiplyExact(year(epochDay), 12L) + month(epochDay) - 1, months);
        long year = Math.floorDiv(monthIndex, 12L);
        int month = (int) Math.floorMod(monthIndex, 12L) + 1;
        return daysFromCivil(year, month, Math.min(dayOfMonth(epochDay), lengthOfMonth(year, month)));
    }

    /** Months since 0000-01: {@code year * 12 + month - 1}. */
    static long monthIndex(long epochDay) {
        return year(epochDay) * 12 + month(epochDay) - 1;
    }

    /**
     * The 400-year era of a day counted from 0000-03-01. Days of the timestamp range take the
     * 32-bit division (the JIT turns it into a multiplication); only far dates take the 64-bit one.
     */
    private static long era(long shiftedDay) {
        if (shiftedDay >= 0 && shiftedDay <= Integer.MAX_VALUE) {
            return (int) shiftedDay / (int) DAYS_PER_ERA;
        }
        return Math.floorDiv(shiftedDay, DAYS_PER_ERA);
    }

    /** 0..146096: the day within its 400-year era. */
    private static int dayOfEra(long epochDay) {
        long shifted = epochDay + EPOCH_SHIFT;
        return (int) (shifted - era(shifted) * DAYS_PER_ERA);
    }

    /** 0..399. */
    private static int yearOfEra(int dayOfEra) {
        return (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    }

    /** 0..365: the day within the March-based year. */
    private static int dayOfMarchYear(int dayOfEra, int yearOfEra) {
        return dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    }

    /** 0 (March) .. 11 (February). */
    private static int marchBasedMonth(int dayOfMarchYear) {
        return (5 * dayOfMarchYear + 2) / 153;
    }
}
