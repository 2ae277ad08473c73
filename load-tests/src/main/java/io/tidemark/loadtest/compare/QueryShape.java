package io.tidemark.loadtest.compare;

import io.tidemark.loadtest.bench.TsbsQueries.Type;
import io.tidemark.loadtest.tsbs.TsbsVocabulary;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The common form every system's answer to one TSBS query type is normalised into: rows keyed by
 * time (a bucket's start or a reading's time) and host where the query has them, carrying the
 * values of {@code fields} in that order.
 *
 * @param fields the cpu fields the query returns, TSBS order
 * @param timed whether a row's time is part of its key (lastpoint's is not: systems report the
 *     latest reading's time, the epoch or nothing)
 * @param perHost whether a row's host is part of its key
 * @param bucketMillis the width of the query's time buckets; 0 for raw readings
 */
public record QueryShape(List<String> fields, boolean timed, boolean perHost, long bucketMillis) {

    private static final long MINUTE = TimeUnit.MINUTES.toMillis(1);
    private static final long HOUR = TimeUnit.HOURS.toMillis(1);

    public QueryShape {
        fields = List.copyOf(fields);
    }

    /** The shape of {@code type}'s answer. */
    public static QueryShape of(Type type) {
        List<String> all = TsbsVocabulary.FIELD_NAMES;
        return switch (type) {
            case LASTPOINT -> new QueryShape(all, false, true, 0);
            case SINGLE_GROUPBY_1_1_1, SINGLE_GROUPBY_1_1_12, SINGLE_GROUPBY_1_8_1 ->
                    new QueryShape(all.subList(0, 1), true, false, MINUTE);
            case SINGLE_GROUPBY_5_1_1, SINGLE_GROUPBY_5_1_12, SINGLE_GROUPBY_5_8_1 ->
                    new QueryShape(all.subList(0, 5), true, false, MINUTE);
            case CPU_MAX_ALL_1, CPU_MAX_ALL_8 -> new QueryShape(all, true, false, HOUR);
            case DOUBLE_GROUPBY_1 -> new QueryShape(all.subList(0, 1), true, true, HOUR);
            case DOUBLE_GROUPBY_5 -> new QueryShape(all.subList(0, 5), true, true, HOUR);
            case DOUBLE_GROUPBY_ALL -> new QueryShape(all, true, true, HOUR);
            case HIGH_CPU_1, HIGH_CPU_ALL -> new QueryShape(all, true, true, 0);
            case GROUPBY_ORDERBY_LIMIT -> new QueryShape(all.subList(0, 1), true, false, MINUTE);
        };
    }

    /** The aggregate a query type applies per bucket: max, avg, last, or none for raw readings. */
    public static String aggregate(Type type) {
        return switch (type) {
            case LASTPOINT -> "last";
            case DOUBLE_GROUPBY_1, DOUBLE_GROUPBY_5, DOUBLE_GROUPBY_ALL -> "avg";
            case HIGH_CPU_1, HIGH_CPU_ALL -> "none";
            default -> "max";
        };
    }
}
