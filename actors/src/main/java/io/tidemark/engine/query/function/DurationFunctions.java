package io.tidemark.engine.query.function;

import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.INTERVAL_DAY_TO_SECOND;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code parse_duration(varchar)} (airlift's duration text, e.g. {@code '3.81 d'}, {@code '42.8ms'},
 * kept to the nanosecond) and {@code human_readable_seconds(double)} ({@code '1 minute, 36 seconds'}).
 */
final class DurationFunctions {

    private static final Pattern DURATION = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]+)\\s*$");
    private static final long SECONDS_PER_WEEK = 604_800;
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long SECONDS_PER_HOUR = 3_600;
    private static final long SECONDS_PER_MINUTE = 60;

    private DurationFunctions() {
    }

    static void register(ScalarFunctionRegistry.Builder registry) {
        registry.add("parse_duration", Overloads.exact(List.of(VARCHAR),
                FunctionSupport.rowWise(INTERVAL_DAY_TO_SECOND, row -> parseDuration((String) row[0]))));
        registry.add("human_readable_seconds", Overloads.exact(List.of(DOUBLE),
                FunctionSupport.rowWise(VARCHAR, row -> humanReadableSeconds((Double) row[0]))));
    }

    /** The duration in nanoseconds, rounded half up to a whole nanosecond. */
    static long parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new QueryFunctionException("duration is not a valid data duration string: " + text);
        }
        long unitNanos = unitNanos(matcher.group(2));
        try {
            return new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unitNanos)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException overflow) {
            throw new QueryFunctionException("duration is out of range: " + text, overflow);
        }
    }

    private static long unitNanos(String unit) {
        switch (unit) {
            case "ns":
                return 1;
            case "us":
                return EpochCalendar.NANOS_PER_MICRO;
            case "ms":
                return EpochCalendar.NANOS_PER_MILLI;
            case "s":
                return EpochCalendar.NANOS_PER_SECOND;
            case "m":
                return EpochCalendar.NANOS_PER_MINUTE;
            case "h":
                return EpochCalendar.NANOS_PER_HOUR;
            case "d":
                return EpochCalendar.NANOS_PER_DAY;
            default:
                throw new QueryFunctionException("Unknown time unit: " + unit);
        }
    }

    /** Weeks, days, hours, minutes and seconds of the rounded magnitude, zero parts left out ({@code 0 seconds} for zero). */
    static String humanReadableSeconds(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw new QueryFunctionException("Invalid argument found: " + seconds);
        }
        long remaining = Math.round(Math.abs(seconds));
        StringJoiner parts = new StringJoiner(", ");
        remaining = appendPart(parts, remaining, SECONDS_PER_WEEK, "week");
        remaining = appendPart(parts, remaining, SECONDS_PER_DAY, "day");
        remaining = appendPart(parts, remaining, SECONDS_PER_HOUR, "hour");
        remaining = appendPart(parts, remaining, SECONDS_PER_MINUTE, "minute");
        if (remaining > 0 || parts.length() == 0) {
            parts.add(remaining + (remaining == 1 ? " second" : " seconds"));
        }
        return parts.toString();
    }

    private static long appendPart(StringJoiner parts, long seconds, long unitSeconds, String unit) {
        long count = seconds / unitSeconds;
        if (count > 0) {
            parts.add(count + " " + unit + (count == 1 ? "" : "s"));
        }
        return seconds % unitSeconds;
    }
}
