package io.tidemark.engine.write;

import io.tidemark.engine.catalog.TableDescription;

/**
 * Told of every write the shards acknowledged that stored at least one point, whichever path it
 * came by (WriteRecords in either form, a columnar batch, line protocol), so what depends on a
 * table's data (live queries) can follow it. Called on the thread that completed the write: keep
 * it short and non-blocking.
 */
@FunctionalInterface
public interface WriteListener {

    /**
     * @param minTimeNanos the earliest time among the rows the batch held (epoch nanoseconds)
     * @param maxTimeNanos the latest
     */
    void acknowledged(TableDescription table, long minTimeNanos, long maxTimeNanos);
}
