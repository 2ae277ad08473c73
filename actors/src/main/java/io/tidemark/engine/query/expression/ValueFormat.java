package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.function.EpochCalendar;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timestream's text forms of values (the {@code ScalarValue} strings of a query result) and the
 * parsing of date/time text in literals and casts.
 * <ul>
 * <li>timestamp {@code 2022-07-07 17:42:32.939000000} (always nine fraction digits), date
 *     {@code 2022-07-07}, time {@code 17:41:52.827000000};</li>
 * <li>interval day to second {@code 5 20:00:00.000000000}, year to month {@code 4-2}, a leading
 *     {@code -} when negative;</li>
 * <li>boolean {@code true}/{@code false}, integers in decimal;</li>
 * <li>double: the shortest decimal that reads back as the same double, plain ({@code 2.5},
 *     {@code 35.0}) for magnitudes in [1e-3, 1e21) and in exponent form ({@code 1.0E-5},
 *     {@code 1.0E21}) outside it, {@code NaN}, {@code Infinity}, {@code -Infinity}. The same digits
 *     on every JDK (Java 17's {@code Double.toString} is not always the shortest).</li>
 * <li>array {@code [1, 2]}, map {@code {a=1}}, row and timeseries point {@code {time=..., value=...}}
 *     (unnamed row fields are {@code field0}, {@code field1} …), as Trino's client prints them.</li>
 * </ul>
 * {@code CAST(x AS varchar)} gives these same texts, doubles included ({@code CAST(2.5 AS varchar)}
 * is {@code 2.5}, as Presto and Timestream print it, not Trino's newer {@code 2.5E0}).
 */
public final class ValueFormat {

    /** 10^0 … 10^18, each exact as a double. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};
    /** 2^50: below it, a value scaled by a power of ten is within 1/8 of the exact product. */
    private static final double EXACT_SCALED_LIMIT = 0x1p50;
    private static final Pattern DATE = Pattern.compile("(\\d{4,})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?");
    private static final Pattern TIMESTAMP = Pattern.compile(DATE.pattern() + "(?:(?:\\s+|T)" + TIME.pattern() + ")?");

    private ValueFormat() {
    }

    /** The text of a non-null boxed value of {@code type} (see {@link io.tidemark.engine.query.vector.Storage}). */
    public static String render(SqlType type, Object boxed) {
        StringBuilder out = new StringBuilder();
        append(out, type, boxed);
        return out.toString();
    }

    private static void append(StringBuilder out, SqlType type, Object value) {
        if (value == null) {
            out.append("null");
            return;
        }
        if (type instanceof PrimitiveType primitive) {
            appendPrimitive(out, primitive, value);
        } else if (type instanceof ArrayType array) {
            appendList(out, (List<?>) value, array.elementType());
        } else if (type instanceof TimeSeriesType series) {
            appendList(out, (List<?>) value, series.pointType());
        } else if (type instanceof MapType map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                out.append(first ? "" : ", ");
                first = false;
                append(out, map.keyType(), entry.getKey());
                out.append('=');
                append(out, map.valueType(), entry.getValue());
            }
            out.append('}');
        } else if (type instanceof RowType row) {
            List<?> fields = (List<?>) value;
            out.append('{');
            for (int i = 0; i < fields.size(); i++) {
                RowType.Field field = row.fields().get(i);
                out.append(i == 0 ? "" : ", ").append(field.name().orElse("field" + i)).append('=');
                append(out, field.type(), fields.get(i));
            }
            out.append('}');
        } else {
            out.append(value);
        }
    }

    private static void appendList(StringBuilder out, List<?> values, SqlType elementType) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ");
            append(out, elementType, values.get(i));
        }
        out.append(']');
    }

    private static void appendPrimitive(StringBuilder out, PrimitiveType type, Object value) {
        switch (type) {
            case DOUBLE:
                out.append(renderDouble((Double) value));
                return;
            case TIMESTAMP:
                out.append(renderTimestamp((Long) value));
                return;
            case DATE:
                out.append(renderDate((Long) value));
                return;
            case TIME:
                appendTimeOfDay(out, (Long) value);
                return;
            case INTERVAL_DAY_TO_SECOND:
                out.append(renderDayToSecond((Long) value));
                return;
            case INTERVAL_YEAR_TO_MONTH: {
                long months = (Long) value;
                long magnitude = Math.abs(months);
                out.append(months < 0 ? "-" : "").append(magnitude / 12).append('-').append(magnitude % 12);
                return;
            }
            default:
                out.append(value);
        }
    }

    public static String renderTimestamp(long epochNanos) {
        StringBuilder out = new StringBuilder(29);
        out.append(renderDate(Math.floorDiv(epochNanos, TemporalMath.NANOS_PER_DAY))).append(' ');
        appendTimeOfDay(out, Math.floorMod(epochNanos, TemporalMath.NANOS_PER_DAY));
        return out.toString();
    }

    public static String renderDate(long epochDay) {
        long civil = TemporalMath.civilFromDays(epochDay);
        long year = TemporalMath.year(civil);
        StringBuilder out = new StringBuilder(10);
        if (year < 0) {
            out.append('-');
        }
        pad(out, Math.abs(year), 4).append('-');
        pad(out, TemporalMath.month(civil), 2).append('-');
        return pad(out, TemporalMath.day(civil), 2).toString();
    }

    private static void appendTimeOfDay(StringBuilder out, long nanosOfDay) {
        long seconds = nanosOfDay / TemporalMath.NANOS_PER_SECOND;
        pad(out, seconds / 3600, 2).append(':');
        pad(out, seconds / 60 % 60, 2).append(':');
        pad(out, seconds % 60, 2).append('.');
        pad(out, nanosOfDay % TemporalMath.NANOS_PER_SECOND, 9);
    }

    public static String renderDayToSecond(long nanos) {
        StringBuilder out = new StringBuilder();
        if (nanos < 0) {
            out.append('-');
        }
        long magnitude = nanos == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(nanos);
        out.append(magnitude / TemporalMath.NANOS_PER_DAY).append(' ');
        appendTimeOfDay(out, magnitude % TemporalMath.NANOS_PER_DAY);
        return out.toString();
    }

    private static StringBuilder pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }

    /** A double as Timestream prints it; see the class comment. */
    public static String renderDouble(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0.0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-3) {
            String plain = shortPlain(value, magnitude);
            if (plain != null) {
                return plain;
            }
        }
        BigDecimal shortest = shortest(value);
        if (magnitude >= 1e-3 && magnitude < 1e21) {
            String plain = shortest.toPlainString();
            return plain.indexOf('.') < 0 ? plain + ".0" : plain;
        }
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        return (value < 0 ? "-" : "") + digits.charAt(0) + "." + (digits.length() == 1 ? "0" : digits.substring(1)) + "E" + exponent;
    }

    /**
     * The plain text {@link #shortest} gives, found without big decimals for a value with few
     * decimals ({@code 58.27}, {@code 35.0}), the common case of measured data; null for others.
     *
     * <p>For each count of fraction digits {@code k} from 0, {@code m = round(|v| * 10^k)}; the
     * first {@code m} whose {@code m / 10^k} is {@code |v|} again is the answer. Exact while
     * {@code |v| * 10^k < 2^50}: the division of two exact integers is correctly rounded, so it is
     * what parsing {@code m * 10^-k} gives; a decimal that reads back as {@code v} lies within
     * half an ulp of {@code v}, under 1/8 once scaled, and the scaled product is off by under 1/8
     * too, so {@code round} finds that decimal whenever one exists at {@code k} (and no other
     * does), as rounding the exact value to that many digits does.
     */
    private static String shortPlain(double value, double magnitude) {
        for (int k = 0; k < POWERS_OF_TEN.length; k++) {
            double scaled = magnitude * POWERS_OF_TEN[k];
            if (scaled >= EXACT_SCALED_LIMIT) {
                return null;
            }
            long m = Math.round(scaled);
            if (m / POWERS_OF_TEN[k] == magnitude) {
                return plainText(value < 0, m, k);
            }
        }
        return null;
    }

    /** {@code m * 10^-k} in plain digits, at least one fraction digit ({@code 35.0}). */
    private static String plainText(boolean negative, long m, int k) {
        String digits = Long.toString(m);
        StringBuilder out = new StringBuilder(digits.length() + k + 3);
        if (negative) {
            out.append('-');
        }
        if (k == 0) {
            return out.append(digits).append(".0").toString();
        }
        int integerDigits = digits.length() - k;
        if (integerDigits <= 0) {
            out.append("0.");
            for (int i = integerDigits; i < 0; i++) {
                out.append('0');
            }
            return out.append(digits).toString();
        }
        return out.append(digits, 0, integerDigits).append('.').append(digits, integerDigits, digits.length())
                .toString();
    }

    /** The decimal with the fewest significant digits that converts back to {@code value}. */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == value) {
                return rounded.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /**
     * Parses a timestamp as a {@code TIMESTAMP '...'} literal or a cast from varchar accepts it:
     * {@code 2026-01-01}, {@code 2026-01-01 10:00}, {@code 2026-01-01 10:00:00}, up to nine
     * fraction digits, a {@code T} or spaces between date and time, surrounding spaces ignored.
     *
     * @return nanoseconds since the epoch (UTC)
     * @throws QueryFunctionException "Value cannot be cast to timestamp: text" if the text is not one
     */
    public static long parseTimestamp(String text) {
        Matcher matcher = TIMESTAMP.matcher(text.trim());
        if (!matcher.matches()) {
            throw invalid(text, "timestamp");
        }
        long day = date(matcher, 1, text, "timestamp");
        long nanosOfDay = matcher.group(4) == null ? 0 : timeOfDay(matcher, 4, text, "timestamp");
        return Math.multiplyExact(day, TemporalMath.NANOS_PER_DAY) + nanosOfDay;
    }

    /** Parses {@code yyyy-mm-dd} into days since the epoch. */
    public static long parseDate(String text) {
        Matcher matcher = DATE.matcher(text.trim());
        if (!matcher.matches()) {
            throw invalid(text, "date");
        }
        return date(matcher, 1, text, "date");
    }

    /** Parses {@code hh:mm[:ss[.fffffffff]]} into nanoseconds of the day. */
    public static long parseTime(String text) {
        Matcher matcher = TIME.matcher(text.trim());
        if (!matcher.matches()) {
            throw invalid(text, "time");
        }
        return timeOfDay(matcher, 1, text, "time");
    }

    private static long date(Matcher matcher, int group, String text, String type) {
        long year;
        int month;
        int day;
        try {
            year = Long.parseLong(matcher.group(group));
            month = Integer.parseInt(matcher.group(group + 1));
            day = Integer.parseInt(matcher.group(group + 2));
        } catch (NumberFormatException e) {
            throw invalid(text, type);
        }
        if (year > 999_999 || month < 1 || month > 12 || day < 1 || day > EpochCalendar.lengthOfMonth(year, month)) {
            throw invalid(text, type);
        }
        return TemporalMath.daysFromCivil(year, month, day);
    }

    private static long timeOfDay(Matcher matcher, int group, String text, String type) {
        int hour = Integer.parseInt(matcher.group(group));
        int minute = Integer.parseInt(matcher.group(group + 1));
        int second = matcher.group(group + 2) == null ? 0 : Integer.parseInt(matcher.group(group + 2));
        if (hour > 23 || minute > 59 || second > 59) {
            throw invalid(text, type);
        }
        long fraction = 0;
        String digits = matcher.group(group + 3);
        if (digits != null) {
            fraction = Long.parseLong(digits);
            for (int i = digits.length(); i < 9; i++) {
                fraction *= 10;
            }
        }
        return ((hour * 60L + minute) * 60 + second) * TemporalMath.NANOS_PER_SECOND + fraction;
    }

    private static QueryFunctionException invalid(String text, String type) {
        return new QueryFunctionException("Value cannot be cast to " + type + ": " + text);
    }
}
