package io.tidemark.engine.metering;

/**
 * A table's metered usage on this node.
 *
 * @param ingestedBytes bytes of accepted records since the table was created (names, values and
 *     times, as Timestream meters writes)
 * @param memoryStoreBytes heap bytes of the table's memory-store chunks
 * @param magneticStoreBytes bytes of the table's magnetic segment files
 */
public record TableUsage(long ingestedBytes, long memoryStoreBytes, long memoryStorePoints, long magneticStoreBytes,
        long magneticStorePoints) {
}
