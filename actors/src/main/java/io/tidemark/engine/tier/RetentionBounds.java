package io.tidemark.engine.tier;

import io.tidemark.engine.catalog.RetentionProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Where a table's tier boundaries are now, in nanoseconds since the epoch (records' own times).
 * The tier migrator and the retention janitor use these; a scan filters rows by
 * {@link #expiryNanos} so that it never returns a point a retention pass may already have deleted.
 */
public final class RetentionBounds {

    private RetentionBounds() {
    }

    /** Points before this are past the memory retention and belong in the magnetic store. */
    public static long memoryCutoffNanos(Clock clock, RetentionProperties retention) {
        return minus(clock.instant(), retention.memoryStoreRetention());
    }

    /** Points before this are past memory plus magnetic retention and are deleted. */
    public static long expiryNanos(Clock clock, RetentionProperties retention) {
        return minus(clock.instant(), retention.totalRetention());
    }

    private static long minus(Instant now, Duration retention) {
        long nowNanos = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        return nowNanos - retention.toNanos();
    }
}
