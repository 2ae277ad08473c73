package io.tidemark.engine.subscription;

import io.tidemark.storage.serialization.KryoSerializable;

/**
 * A write to a table was acknowledged (journaled): the engine publishes one after every write that
 * stored at least one point, so live queries over the table re-evaluate, on every node of the
 * cluster ({@link ClusterWriteNotices}).
 *
 * @param minTimeNanos the earliest point time of the write (epoch nanoseconds), or
 *     {@link Long#MIN_VALUE} when the writer did not track it
 * @param maxTimeNanos the latest point time of the write, or {@link Long#MAX_VALUE} when unknown
 */
public record TableWritten(String database, String table, long minTimeNanos, long maxTimeNanos)
        implements KryoSerializable {

    /** True when the time range is known, so only the bins it covers need re-evaluating. */
    public boolean hasTimeRange() {
        return minTimeNanos != Long.MIN_VALUE && maxTimeNanos != Long.MAX_VALUE && minTimeNanos <= maxTimeNanos;
    }
}
