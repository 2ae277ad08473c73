package io.tidemark.engine.metering;

/**
 * A table's metered usage on this node.
 *
 * @param ingestedBytes bytes of accepted records since the table was created (names, values and
 *     times, as Timestream meters writes)
 * @param memoryStoreBytes heap bytes of the table's memory-store chunks
 * @param magneticStoreBytes bytes of the table's magnetic segment files
 * @param ingestedRecords records accepted since the table was created
 * @param ingestedPoints measure values in those records (one per present measure of a record)
 */
public record TableUsage(long ingestedBytes, long memoryStoreBytes, long memoryStorePoints, long magneticStoreBytes,
        long magneticStorePoints, long ingestedRecords, long ingestedPoints) {
}
