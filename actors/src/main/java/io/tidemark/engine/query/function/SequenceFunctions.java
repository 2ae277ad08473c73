package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.ArgumentTypes.are;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DATE;
import static io.tidemark.sql.type.PrimitiveType.INTERVAL_DAY_TO_SECOND;
import static io.tidemark.sql.type.PrimitiveType.INTERVAL_YEAR_TO_MONTH;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;

import io.tidemark.sql.type.ArrayType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sequence(start, stop [, step])} over bigints, dates and timestamps (TIMESTREAM.md §4.9),
 * the usual way to build an interpolation grid. As in Trino: both ends inclusive, the default step
 * is 1 (or one day) towards {@code stop}, a step pointing away from {@code stop} or zero is an
 * error, and no result has more than {@link #MAX_ENTRIES} entries.
 */
public final class SequenceFunctions implements FunctionGroup {

    static final int MAX_ENTRIES = 10_000;

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    @Override
    public void register(ScalarFunctionRegistry.Builder registry) {
        registry.add("sequence", signature -> {
            if (are(signature, BIGINT, BIGINT) || are(signature, DATE, DATE)) {
                return FunctionSupport.rowWise(signature.returnType(), row -> {
                    long start = (Long) row[0];
                    long stop = (Long) row[1];
                    return fixedStep(start, stop, stop >= start ? 1 : -1);
                });
            }
            if (are(signature, BIGINT, BIGINT, BIGINT) || are(signature, TIMESTAMP, TIMESTAMP, INTERVAL_DAY_TO_SECOND)) {
                return FunctionSupport.rowWise(signature.returnType(), row -> fixedStep((Long) row[0], (Long) row[1], (Long) row[2]));
            }
            if (are(signature, DATE, DATE, INTERVAL_DAY_TO_SECOND)) {
                return FunctionSupport.rowWise(signature.returnType(), row -> {
                    long step = (Long) row[2];
                    if (step % NANOS_PER_DAY != 0) {
                        throw new QueryFunctionException("sequence step must be a day interval if start and end values are dates");
                    }
                    return fixedStep((Long) row[0], (Long) row[1], step / NANOS_PER_DAY);
                });
            }
            if (are(signature, DATE, DATE, INTERVAL_YEAR_TO_MONTH) || are(signature, TIMESTAMP, TIMESTAMP, INTERVAL_YEAR_TO_MONTH)) {
                boolean dates = ((ArrayType) signature.returnType()).elementType() == DATE;
                return FunctionSupport.rowWise(signature.returnType(), row -> monthly((Long) row[0], (Long) row[1], (Long) row[2], dates));
            }
            return null;
        });
    }

    /** {@code start, start + step, …} up to {@code stop} inclusive. */
    static List<Long> fixedStep(long start, long stop, long step) {
        checkStep(start, stop, step);
        // Unsigned arithmetic: the distance between two longs and a step's magnitude may not fit a signed long.
        long steps = Long.divideUnsigned(step > 0 ? stop - start : start - stop, step > 0 ? step : -step);
        if (Long.compareUnsigned(steps, MAX_ENTRIES) >= 0) {
            checkCount(Long.MAX_VALUE);
        }
        long count = steps + 1;
        List<Long> values = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            values.add(start + i * step);
        }
        return values;
    }

    /** Calendar months from {@code start} (days since the epoch for dates, else nanoseconds), in UTC. */
    static List<Long> monthly(long start, long stop, long months, boolean dates) {
        checkStep(start, stop, months);
        List<Long> values = new ArrayList<>();
        for (long i = 0;; i++) {
            long value = dates ? LocalDate.ofEpochDay(start).plusMonths(i * months).toEpochDay() : plusMonths(start, i * months);
            if (months > 0 ? value > stop : value < stop) {
                return values;
            }
            checkCount(values.size() + 1L);
            values.add(value);
        }
    }

    private static long plusMonths(long nanos, long months) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L), ZoneOffset.UTC)
                .plusMonths(months);
        return Math.addExact(Math.multiplyExact(time.toEpochSecond(ZoneOffset.UTC), 1_000_000_000L), time.getNano());
    }

    private static void checkStep(long start, long stop, long step) {
        if (step == 0) {
            throw new QueryFunctionException("step must not be zero");
        }
        if (step > 0 ? stop < start : stop > start) {
            throw new QueryFunctionException("sequence stop value should be greater than or equal to start value if step is greater than zero "
                    + "otherwise stop should be less than or equal to start");
        }
    }

    private static void checkCount(long count) {
        if (count > MAX_ENTRIES) {
            throw new QueryFunctionException("result of sequence function must not have more than " + MAX_ENTRIES + " entries");
        }
    }
}
