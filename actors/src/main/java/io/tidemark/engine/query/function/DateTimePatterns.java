package io.tidemark.engine.query.function;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalField;
import java.util.Locale;

/**
 * Translates the two pattern languages of the formatting functions into {@link DateTimeFormatter}s:
 * Joda-Time patterns ({@code format_datetime}/{@code parse_datetime}, e.g. {@code yyyy-MM-dd HH:mm:ss})
 * and MySQL specifiers ({@code date_format}/{@code date_parse}, e.g. {@code %Y-%m-%d %H:%i:%s}).
 * The formatters only print and read fields; {@link DateTimeFormatting} resolves parsed fields into
 * a timestamp with Joda's defaults (1970-01-01 00:00 for what the text does not give). Week fields
 * are ISO (Monday first, week 1 holds the first Thursday) whatever the locale; text is English.
 */
final class DateTimePatterns {

    private DateTimePatterns() {
    }

    /** A Joda-Time pattern: letters are fields (the count sets the width or text style), {@code '…'} quotes text. */
    static DateTimeFormatter joda(String pattern) {
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                i = quoted(pattern, i, builder);
                continue;
            }
            int end = i;
            while (end < pattern.length() && pattern.charAt(end) == c) {
                end++;
            }
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                jodaField(builder, c, end - i, pattern.substring(i, end));
            } else {
                builder.appendLiteral(pattern.substring(i, end));
            }
            i = end;
        }
        return builder.toFormatter(Locale.ENGLISH);
    }

    private static void jodaField(DateTimeFormatterBuilder builder, char letter, int count, String component) {
        switch (letter) {
            case 'G':
                builder.appendText(ChronoField.ERA, TextStyle.SHORT);
                break;
            case 'y':
                year(builder, ChronoField.YEAR, count);
                break;
            case 'Y':
                year(builder, ChronoField.YEAR_OF_ERA, count);
                break;
            case 'x':
                year(builder, IsoFields.WEEK_BASED_YEAR, count);
                break;
            case 'w':
                number(builder, IsoFields.WEEK_OF_WEEK_BASED_YEAR, count, 2);
                break;
            case 'e':
                number(builder, ChronoField.DAY_OF_WEEK, count, 1);
                break;
            case 'E':
                builder.appendText(ChronoField.DAY_OF_WEEK, count >= 4 ? TextStyle.FULL : TextStyle.SHORT);
                break;
            case 'D':
                number(builder, ChronoField.DAY_OF_YEAR, count, 3);
                break;
            case 'M':
                if (count >= 3) {
                    builder.appendText(ChronoField.MONTH_OF_YEAR, count >= 4 ? TextStyle.FULL : TextStyle.SHORT);
                } else {
                    number(builder, ChronoField.MONTH_OF_YEAR, count, 2);
                }
                break;
            case 'd':
                number(builder, ChronoField.DAY_OF_MONTH, count, 2);
                break;
            case 'a':
                builder.appendText(ChronoField.AMPM_OF_DAY, TextStyle.SHORT);
                break;
            case 'K':
                number(builder, ChronoField.HOUR_OF_AMPM, count, 2);
                break;
            case 'h':
                number(builder, ChronoField.CLOCK_HOUR_OF_AMPM, count, 2);
                break;
            case 'H':
                number(builder, ChronoField.HOUR_OF_DAY, count, 2);
                break;
            case 'k':
                number(builder, ChronoField.CLOCK_HOUR_OF_DAY, count, 2);
                break;
            case 'm':
                number(builder, ChronoField.MINUTE_OF_HOUR, count, 2);
                break;
            case 's':
                number(builder, ChronoField.SECOND_OF_MINUTE, count, 2);
                break;
            case 'S':
                builder.appendFraction(ChronoField.NANO_OF_SECOND, Math.min(count, 9), Math.min(count, 9), false);
                break;
            case 'z':
                builder.appendZoneText(count >= 4 ? TextStyle.FULL : TextStyle.SHORT);
                break;
            case 'Z':
                if (count == 1) {
                    builder.appendOffset("+HHMM", "+0000");
                } else if (count == 2) {
                    builder.appendOffset("+HH:MM", "+00:00");
                } else {
                    builder.appendZoneId();
                }
                break;
            default:
                throw new QueryFunctionException("Illegal pattern component: " + component);
        }
    }

    /** Two letters give a two-digit year (parsed into 1950..2049, as Joda does); more give at least that many digits. */
    private static void year(DateTimeFormatterBuilder builder, TemporalField field, int count) {
        if (count == 2) {
            builder.appendValueReduced(field, 2, 2, 1950);
        } else {
            builder.appendValue(field, count, 10, SignStyle.NORMAL);
        }
    }

    /** At least {@code count} digits, zero-padded; parsing reads up to the field's natural width. */
    private static void number(DateTimeFormatterBuilder builder, TemporalField field, int count, int naturalWidth) {
        builder.appendValue(field, count, Math.max(count, naturalWidth), SignStyle.NOT_NEGATIVE);
    }

    /** Appends the quoted text starting at {@code start}; {@code ''} is a quote. Returns the index after it. */
    private static int quoted(String pattern, int start, DateTimeFormatterBuilder builder) {
        if (start + 1 < pattern.length() && pattern.charAt(start + 1) == '\'') {
            builder.appendLiteral('\'');
            return start + 2;
        }
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '\'') {
                    text.append('\'');
                    i += 2;
                    continue;
                }
                builder.appendLiteral(text.toString());
                return i + 1;
            }
            text.append(c);
            i++;
        }
        throw new QueryFunctionException("Illegal pattern: unterminated quote in " + pattern);
    }

    /**
     * MySQL {@code date_format} specifiers as Trino supports them. {@code %f} prints six digits
     * (microseconds) and parses one to nine; {@code %y} parses into 1970..2069. The week-numbering
     * specifiers Trino rejects ({@code %D %U %u %V %w %X}) are rejected with its message.
     */
    static DateTimeFormatter mysql(String pattern, boolean parsing) {
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                builder.appendLiteral(c);
                i++;
                continue;
            }
            mysqlSpecifier(builder, pattern.charAt(i + 1), parsing);
            i += 2;
        }
        return builder.toFormatter(Locale.ENGLISH);
    }

    private static void mysqlSpecifier(DateTimeFormatterBuilder builder, char specifier, boolean parsing) {
        switch (specifier) {
            case 'a':
                builder.appendText(ChronoField.DAY_OF_WEEK, TextStyle.SHORT);
                break;
            case 'b':
                builder.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT);
                break;
            case 'c':
                number(builder, ChronoField.MONTH_OF_YEAR, 1, 2);
                break;
            case 'd':
                builder.appendValue(ChronoField.DAY_OF_MONTH, 2);
                break;
            case 'e':
                number(builder, ChronoField.DAY_OF_MONTH, 1, 2);
                break;
            case 'f':
                builder.appendFraction(ChronoField.NANO_OF_SECOND, parsing ? 1 : 6, parsing ? 9 : 6, false);
                break;
            case 'H':
                builder.appendValue(ChronoField.HOUR_OF_DAY, 2);
                break;
            case 'h':
            case 'I':
                builder.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
                break;
            case 'i':
                builder.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
                break;
            case 'j':
                builder.appendValue(ChronoField.DAY_OF_YEAR, 3);
                break;
            case 'k':
                number(builder, ChronoField.HOUR_OF_DAY, 1, 2);
                break;
            case 'l':
                number(builder, ChronoField.CLOCK_HOUR_OF_AMPM, 1, 2);
                break;
            case 'M':
                builder.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.FULL);
                break;
            case 'm':
                builder.appendValue(ChronoField.MONTH_OF_YEAR, 2);
                break;
            case 'p':
                builder.appendText(ChronoField.AMPM_OF_DAY, TextStyle.SHORT);
                break;
            case 'r':
                builder.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2).appendLiteral(':')
                        .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
                        .appendValue(ChronoField.SECOND_OF_MINUTE, 2).appendLiteral(' ')
                        .appendText(ChronoField.AMPM_OF_DAY, TextStyle.SHORT);
                break;
            case 'S':
            case 's':
                builder.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
                break;
            case 'T':
                builder.appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
                        .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
                        .appendValue(ChronoField.SECOND_OF_MINUTE, 2);
                break;
            case 'v':
                builder.appendValue(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 2);
                break;
            case 'W':
                builder.appendText(ChronoField.DAY_OF_WEEK, TextStyle.FULL);
                break;
            case 'x':
                builder.appendValue(IsoFields.WEEK_BASED_YEAR, 4);
                break;
            case 'Y':
                builder.appendValue(ChronoField.YEAR, 4);
                break;
            case 'y':
                builder.appendValueReduced(ChronoField.YEAR, 2, 2, 1970);
                break;
            case 'D':
            case 'U':
            case 'u':
            case 'V':
            case 'w':
            case 'X':
                throw new QueryFunctionException("%" + specifier + " not supported in date format string");
            default:
                builder.appendLiteral(specifier);
        }
    }
}
