package io.tidemark.engine.query.expression;

import java.time.ZoneOffset;

/**
 * What evaluation may depend on besides its inputs: the query's start instant (so {@code now()},
 * {@code ago()} and {@code current_*} give one value for the whole query, as in Trino) and the
 * session time zone (Timestream's is always UTC).
 *
 * @param queryStartNanos the query's start, nanoseconds since the epoch
 */
public record EvalContext(long queryStartNanos, ZoneOffset zone) {

    public static EvalContext utc(long queryStartNanos) {
        return new EvalContext(queryStartNanos, ZoneOffset.UTC);
    }
}
