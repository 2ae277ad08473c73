package io.tidemark.loadtest.tsbs;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * What the cpu-only generator produces.
 *
 * @param scale number of hosts (TSBS {@code --scale}); series = scale x 10 fields
 * @param seed seed of every random draw: the same config always yields the same data
 * @param values integer (TSBS) or two-decimal values
 * @param startNanos timestamp of the first row, Unix epoch nanoseconds
 * @param intervalNanos time between two rows of a host (TSBS {@code --log-interval})
 */
public record CpuOnlyConfig(int scale, long seed, ValueMode values, long startNanos, long intervalNanos) {

    /** TSBS's default start, 2016-01-01T00:00:00Z. */
    public static final long TSBS_START_NANOS =
            TimeUnit.SECONDS.toNanos(Instant.parse("2016-01-01T00:00:00Z").getEpochSecond());
    /** TSBS's default log interval, 10 s. */
    public static final long TSBS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    public CpuOnlyConfig {
        if (scale <= 0) {
            throw new IllegalArgumentException("cannot generate: scale=" + scale + " (must be > 0)");
        }
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("cannot generate: intervalNanos=" + intervalNanos + " (must be > 0)");
        }
        if (values == null) {
            throw new IllegalArgumentException("cannot generate: values=null");
        }
    }

    /** TSBS defaults for start and interval. */
    public static CpuOnlyConfig tsbs(int scale, long seed, ValueMode values) {
        return new CpuOnlyConfig(scale, seed, values, TSBS_START_NANOS, TSBS_INTERVAL_NANOS);
    }

    /** Rows per host over {@code hours}, i.e. points per series. */
    public long stepsIn(long hours) {
        return TimeUnit.HOURS.toNanos(hours) / intervalNanos;
    }
}
