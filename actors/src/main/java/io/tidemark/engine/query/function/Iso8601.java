package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_HOUR;
import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_MILLI;
import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_MINUTE;
import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_SECOND;

/**
 * ISO-8601 text for {@code from_iso8601_*}, {@code to_iso8601} and {@code date(varchar)}.
 * Parses the extended date forms Joda's ISO parser reads: calendar {@code yyyy[-MM[-dd]]}, week
 * {@code yyyy-Www[-d]} and ordinal {@code yyyy-DDD}; then for a timestamp optionally
 * {@code THH[:mm[:ss[.f…]]]} (1–9 fraction digits, {@code ,} also accepted) and an offset
 * {@code Z}, {@code ±HH}, {@code ±HHmm} or {@code ±HH:mm}; the result is converted to UTC. A
 * missing month or day is 1, a missing time 00:00. Formats a timestamp as
 * {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, with nine fraction digits when the value has sub-millisecond
 * precision.
 */
final class Iso8601 {

    private final String text;
    private int position;

    private Iso8601(String text) {
        this.text = text;
    }

    static long parseTimestamp(String text) {
        Iso8601 parser = new Iso8601(text);
        long epochDay = parser.date();
        long nanosOfDay = 0;
        long offsetNanos = 0;
        if (parser.accept('T')) {
            nanosOfDay = parser.time();
            if (parser.position < text.length()) {
                offsetNanos = parser.offset();
            }
        }
        parser.end();
        try {
            return EpochCalendar.toNanos(epochDay, nanosOfDay - offsetNanos);
        } catch (ArithmeticException overflow) {
            throw new QueryFunctionException("Timestamp out of range: \"" + text + "\"", overflow);
        }
    }

    static long parseDate(String text) {
        Iso8601 parser = new Iso8601(text);
        long epochDay = parser.date();
        parser.end();
        return epochDay;
    }

    static String formatTimestamp(long nanos) {
        long epochDay = EpochCalendar.epochDay(nanos);
        long nanosOfDay = EpochCalendar.nanosOfDay(nanos);
        StringBuilder out = new StringBuilder(35);
        appendDate(out, epochDay).append('T');
        appendPadded(out, nanosOfDay / NANOS_PER_HOUR, 2).append(':');
        appendPadded(out, nanosOfDay % NANOS_PER_HOUR / NANOS_PER_MINUTE, 2).append(':');
        appendPadded(out, nanosOfDay % NANOS_PER_MINUTE / NANOS_PER_SECOND, 2).append('.');
        long fraction = nanosOfDay % NANOS_PER_SECOND;
        if (fraction % NANOS_PER_MILLI == 0) {
            appendPadded(out, fraction / NANOS_PER_MILLI, 3);
        } else {
            appendPadded(out, fraction, 9);
        }
        return out.append('Z').toString();
    }

    static String formatDate(long epochDay) {
        return appendDate(new StringBuilder(10), epochDay).toString();
    }

    /** {@code yyyy-MM-dd}; a year outside 0..9999 gets its sign, as ISO-8601's expanded years. */
    static StringBuilder appendDate(StringBuilder out, long epochDay) {
        long year = EpochCalendar.year(epochDay);
        if (year < 0) {
            appendPadded(out.append('-'), -year, 4);
        } else {
            appendPadded(year > 9999 ? out.append('+') : out, year, 4);
        }
        appendPadded(out.append('-'), EpochCalendar.month(epochDay), 2).append('-');
        return appendPadded(out, EpochCalendar.dayOfMonth(epochDay), 2);
    }

    static StringBuilder appendPadded(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }

    private long date() {
        boolean negative = accept('-');
        if (!negative) {
            accept('+');
        }
        long year = digits(4, 9);
        long signedYear = negative ? -year : year;
        int month = 1;
        int day = 1;
        if (accept('-')) {
            if (accept('W')) {
                return weekDate(signedYear);
            }
            if (digitsAhead() == 3) {
                return ordinalDate(signedYear);
            }
            month = (int) field(2, 1, 12);
            if (accept('-')) {
                day = (int) digits(2, 2);
            }
        }
        if (day < 1 || day > EpochCalendar.lengthOfMonth(signedYear, month)) {
            throw invalid();
        }
        return EpochCalendar.daysFromCivil(signedYear, month, day);
    }

    /** {@code yyyy-Www[-d]}: ISO week {@code ww} of the week-based year, day 1 (Monday) to 7. */
    private long weekDate(long weekYear) {
        long week = field(2, 1, 53);
        long dayOfWeek = accept('-') ? field(1, 1, 7) : 1;
        long january4 = EpochCalendar.daysFromCivil(weekYear, 1, 4);
        long epochDay = january4 - EpochCalendar.dayOfWeek(january4) + 1 + (week - 1) * 7 + dayOfWeek - 1;
        if (EpochCalendar.isoWeekYear(epochDay) != weekYear) {
            throw invalid();
        }
        return epochDay;
    }

    /** {@code yyyy-DDD}: day {@code DDD} of the year. */
    private long ordinalDate(long year) {
        long dayOfYear = field(3, 1, EpochCalendar.isLeapYear(year) ? 366 : 365);
        return EpochCalendar.daysFromCivil(year, 1, 1) + dayOfYear - 1;
    }

    private int digitsAhead() {
        int end = position;
        while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        return end - position;
    }

    private long time() {
        long nanos = field(2, 0, 23) * NANOS_PER_HOUR;
        if (accept(':')) {
            nanos += field(2, 0, 59) * NANOS_PER_MINUTE;
            if (accept(':')) {
                nanos += field(2, 0, 59) * NANOS_PER_SECOND;
                if (accept('.') || accept(',')) {
                    int start = position;
                    long fraction = digits(1, 9);
                    for (int i = position - start; i < 9; i++) {
                        fraction *= 10;
                    }
                    nanos += fraction;
                }
            }
        }
        return nanos;
    }

    private long offset() {
        if (accept('Z')) {
            return 0;
        }
        boolean negative = accept('-');
        if (!negative && !accept('+')) {
            throw invalid();
        }
        long nanos = field(2, 0, 23) * NANOS_PER_HOUR;
        boolean colon = accept(':');
        if (colon || position < text.length()) {
            nanos += field(2, 0, 59) * NANOS_PER_MINUTE;
        }
        return negative ? -nanos : nanos;
    }

    private long field(int width, long min, long max) {
        long value = digits(width, width);
        if (value < min || value > max) {
            throw invalid();
        }
        return value;
    }

    /** Reads between {@code min} and {@code max} ASCII digits. */
    private long digits(int min, int max) {
        int start = position;
        long value = 0;
        while (position < text.length() && position - start < max && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
            value = value * 10 + (text.charAt(position++) - '0');
        }
        if (position - start < min) {
            throw invalid();
        }
        return value;
    }

    private boolean accept(char expected) {
        if (position < text.length() && text.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }

    private void end() {
        if (position != text.length()) {
            throw invalid();
        }
    }

    private QueryFunctionException invalid() {
        return new QueryFunctionException("Invalid format: \"" + text + "\"");
    }
}
