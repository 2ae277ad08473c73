package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_MILLI;
import static io.tidemark.engine.query.function.EpochCalendar.NANOS_PER_SECOND;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DATE;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.INTERVAL_DAY_TO_SECOND;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * The date/time functions of TIMESTREAM.md §4.11 and {@code bin}/{@code ago} of §4.14. This class
 * holds the general and conversion functions and registers the rest: extraction
 * ({@link TimeFieldFunctions}), unit arithmetic ({@link CalendarUnitFunctions}), formatting and
 * parsing ({@link DateTimeFormatting}), durations ({@link DurationFunctions}). All time math is
 * UTC on the LONG storage (timestamps in epoch nanoseconds, dates in epoch days); {@code now()}
 * and {@code ago()} read the query's start from the {@link EvalContext} so one query sees one
 * instant.
 */
public final class TimeFunctions implements FunctionGroup {

    @Override
    public void register(ScalarFunctionRegistry.Builder registry) {
        registry.add("now", Overloads.exact(List.of(), (arguments, rowCount, context) -> {
            long[] values = new long[rowCount];
            Arrays.fill(values, context.queryStartNanos());
            return Vector.ofLongs(TIMESTAMP, values, null, rowCount);
        }));
        registry.add("current_timezone", Overloads.exact(List.of(),
                (arguments, rowCount, context) -> Vector.constant(VARCHAR, zoneName(context.zone()), rowCount)));
        registry.add("ago", Overloads.exact(List.of(INTERVAL_DAY_TO_SECOND), (arguments, rowCount, context) -> {
            long start = context.queryStartNanos();
            return longs(arguments[0], TIMESTAMP, interval -> ago(start, interval), rowCount);
        }));
        registry.add("bin", Overloads.exact(List.of(TIMESTAMP, INTERVAL_DAY_TO_SECOND),
                (arguments, rowCount, context) -> bins(arguments[0], arguments[1], rowCount)));

        registry.add("date", Overloads.exact(List.of(TIMESTAMP), (arguments, rowCount, context) ->
                longs(arguments[0], DATE, EpochCalendar::epochDay, rowCount)));
        registry.add("date", Overloads.exact(List.of(VARCHAR), FunctionSupport.rowWise(DATE, row -> castToDate((String) row[0]))));
        registry.add("last_day_of_month", Overloads.exact(List.of(TIMESTAMP), (arguments, rowCount, context) ->
                longs(arguments[0], DATE, nanos -> EpochCalendar.lastDayOfMonth(EpochCalendar.epochDay(nanos)), rowCount)));
        registry.add("last_day_of_month", Overloads.exact(List.of(DATE), (arguments, rowCount, context) ->
                longs(arguments[0], DATE, EpochCalendar::lastDayOfMonth, rowCount)));

        registry.add("from_iso8601_timestamp", Overloads.exact(List.of(VARCHAR),
                FunctionSupport.rowWise(TIMESTAMP, row -> Iso8601.parseTimestamp((String) row[0]))));
        registry.add("from_iso8601_date", Overloads.exact(List.of(VARCHAR),
                FunctionSupport.rowWise(DATE, row -> Iso8601.parseDate((String) row[0]))));
        registry.add("to_iso8601", Overloads.exact(List.of(TIMESTAMP),
                FunctionSupport.rowWise(VARCHAR, row -> Iso8601.formatTimestamp((Long) row[0]))));
        registry.add("to_iso8601", Overloads.exact(List.of(DATE),
                FunctionSupport.rowWise(VARCHAR, row -> Iso8601.formatDate((Long) row[0]))));

        registry.add("from_milliseconds", Overloads.exact(List.of(BIGINT), (arguments, rowCount, context) ->
                longs(arguments[0], TIMESTAMP, TimeFunctions::fromMilliseconds, rowCount)));
        registry.add("from_nanoseconds", Overloads.exact(List.of(BIGINT), (arguments, rowCount, context) -> arguments[0].withType(TIMESTAMP)));
        registry.add("from_unixtime", Overloads.exact(List.of(DOUBLE), TimeFunctions::fromUnixtime));
        registry.add("to_milliseconds", Overloads.exact(List.of(TIMESTAMP), (arguments, rowCount, context) ->
                longs(arguments[0], BIGINT, nanos -> Math.floorDiv(nanos, NANOS_PER_MILLI), rowCount)));
        registry.add("to_milliseconds", Overloads.exact(List.of(INTERVAL_DAY_TO_SECOND), (arguments, rowCount, context) ->
                longs(arguments[0], BIGINT, nanos -> nanos / NANOS_PER_MILLI, rowCount)));
        registry.add("to_nanoseconds", Overloads.exact(List.of(TIMESTAMP), (arguments, rowCount, context) -> arguments[0].withType(BIGINT)));
        registry.add("to_nanoseconds", Overloads.exact(List.of(INTERVAL_DAY_TO_SECOND),
                (arguments, rowCount, context) -> arguments[0].withType(BIGINT)));
        registry.add("to_unixtime", Overloads.exact(List.of(TIMESTAMP), TimeFunctions::toUnixtime));

        TimeFieldFunctions.register(registry);
        CalendarUnitFunctions.register(registry);
        DateTimeFormatting.register(registry);
        DurationFunctions.register(registry);
    }

    /** Timestream names its only zone {@code UTC}; a {@link ZoneOffset}'s own id for it is {@code Z}. */
    static String zoneName(ZoneOffset zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** The start of the interval-sized bucket holding {@code nanos}, buckets aligned on the epoch. */
    /**
     * {@code bin(time, interval)} over a batch. A scan delivers times ascending with one interval, so
     * a row in the bin of the row before takes that bin with two comparisons; only a row entering
     * another bin pays {@link #bin}'s division.
     */
    private static Vector bins(Vector times, Vector intervals, int rowCount) {
        long[] t = times.longs();
        long[] w = intervals.longs();
        boolean[] nulls = Overloads.unionNulls(rowCount, times, intervals);
        long[] out = new long[rowCount];
        long binStart = 0;
        long binInterval = 0;
        for (int i = 0; i < rowCount; i++) {
            if (nulls != null && nulls[i]) {
                continue;
            }
            long nanos = t[i];
            // binInterval is 0 (matches no interval bin() accepts) until a bin is computed; with
            // nanos >= binStart the offset is negative only if it overflowed, i.e. far off the bin
            long offset = nanos - binStart;
            if (w[i] == binInterval && nanos >= binStart && offset >= 0 && offset < binInterval) {
                out[i] = binStart;
            } else {
                binStart = bin(nanos, w[i]);
                binInterval = w[i];
                out[i] = binStart;
            }
        }
        return Vector.ofLongs(TIMESTAMP, out, nulls, rowCount);
    }

    static long bin(long nanos, long interval) {
        if (interval <= 0) {
            throw new QueryFunctionException("Bin interval must be positive: " + interval + " nanoseconds");
        }
        try {
            return Math.multiplyExact(Math.floorDiv(nanos, interval), interval);
        } catch (ArithmeticException overflow) {
            throw new QueryFunctionException("Timestamp out of range for bin: " + nanos + " in bins of " + interval + " nanoseconds", overflow);
        }
    }

    /** Trino's {@code CAST(varchar AS date)}: an ISO-8601 date, surrounding spaces allowed. */
    static long castToDate(String text) {
        try {
            return Iso8601.parseDate(text.strip());
        } catch (QueryFunctionException invalid) {
            throw new QueryFunctionException("Value cannot be cast to date: " + text, invalid);
        }
    }

    private static Vector fromUnixtime(Vector[] arguments, int rowCount, EvalContext context) {
        double[] seconds = arguments[0].doubles();
        boolean[] nulls = arguments[0].nullMask();
        long[] out = new long[rowCount];
        for (int i = 0; i < rowCount; i++) {
            if (nulls == null || !nulls[i]) {
                double whole = Math.floor(seconds[i]);
                if (Double.isNaN(whole) || Math.abs(whole) >= Long.MAX_VALUE / NANOS_PER_SECOND) {
                    throw new QueryFunctionException("Timestamp out of range: from_unixtime(" + seconds[i] + ")");
                }
                out[i] = (long) whole * NANOS_PER_SECOND + Math.round((seconds[i] - whole) * NANOS_PER_SECOND);
            }
        }
        return Vector.ofLongs(TIMESTAMP, out, nulls, rowCount);
    }

    private static Vector toUnixtime(Vector[] arguments, int rowCount, EvalContext context) {
        long[] nanos = arguments[0].longs();
        boolean[] nulls = arguments[0].nullMask();
        double[] out = new double[rowCount];
        for (int i = 0; i < rowCount; i++) {
            if (nulls == null || !nulls[i]) {
                out[i] = Math.floorDiv(nanos[i], NANOS_PER_SECOND) + Math.floorMod(nanos[i], NANOS_PER_SECOND) / 1e9;
            }
        }
        return Vector.ofDoubles(DOUBLE, out, nulls, rowCount);
    }

    private static Vector longs(Vector input, SqlType resultType, LongUnaryOperator f, int rowCount) {
        return FunctionSupport.mapLongs(input, resultType, f, rowCount);
    }

    private static long ago(long queryStart, long interval) {
        try {
            return Math.subtractExact(queryStart, interval);
        } catch (ArithmeticException overflow) {
            throw new QueryFunctionException("Timestamp out of range: ago(" + interval + " nanoseconds)", overflow);
        }
    }

    private static long fromMilliseconds(long millis) {
        try {
            return Math.multiplyExact(millis, NANOS_PER_MILLI);
        } catch (ArithmeticException overflow) {
            throw new QueryFunctionException("Timestamp out of range: from_milliseconds(" + millis + ")", overflow);
        }
    }
}
