package io.tidemark.engine.catalog;

import java.time.Duration;

/**
 * How long a table keeps data in each tier. Age is measured from each record's own time; the two
 * periods add up: a record leaves the memory store after {@code memoryStoreRetentionHours} and is
 * deleted {@code magneticStoreRetentionDays} after that.
 *
 * @param memoryStoreRetentionHours 1 … 8766 (about a year)
 * @param magneticStoreRetentionDays 1 … 73000 (200 years)
 */
public record RetentionProperties(long memoryStoreRetentionHours, long magneticStoreRetentionDays) {

    public static final long MIN_MEMORY_HOURS = 1;
    public static final long MAX_MEMORY_HOURS = 8_766;
    public static final long MIN_MAGNETIC_DAYS = 1;
    public static final long MAX_MAGNETIC_DAYS = 73_000;

    /** Timestream's defaults when CreateTable gives no retention: 6 hours and 73000 days. */
    public static final RetentionProperties DEFAULT = new RetentionProperties(6, 73_000);

    public Duration memoryStoreRetention() {
        return Duration.ofHours(memoryStoreRetentionHours);
    }

    public Duration magneticStoreRetention() {
        return Duration.ofDays(magneticStoreRetentionDays);
    }

    /** Memory plus magnetic retention: how long after its time a record is deleted. */
    public Duration totalRetention() {
        return memoryStoreRetention().plus(magneticStoreRetention());
    }
}
