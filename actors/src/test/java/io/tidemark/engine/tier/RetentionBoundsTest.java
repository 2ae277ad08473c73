package io.tidemark.engine.tier;

import static io.tidemark.engine.tier.TierTestData.nanos;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.RetentionProperties;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionBoundsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T12:00:00Z"));

    @Test
    void memoryCutoffIsNowMinusMemoryRetention() {
        assertThat(RetentionBounds.memoryCutoffNanos(clock, new RetentionProperties(6, 10)))
                .isEqualTo(nanos("2026-11-25T06:00:00Z"));
    }

    @Test
    void expiryIsNowMinusMemoryPlusMagneticRetention() {
        assertThat(RetentionBounds.expiryNanos(clock, new RetentionProperties(168, 365)))
                .isEqualTo(nanos("2025-11-18T12:00:00Z"));
    }

    @Test
    void theLongestRetentionsReachBeforeTheEpochWithoutOverflow() {
        RetentionProperties longest = new RetentionProperties(RetentionProperties.MAX_MEMORY_HOURS,
                RetentionProperties.MAX_MAGNETIC_DAYS);

        assertThat(RetentionBounds.expiryNanos(clock, longest))
                .isEqualTo(nanos("2026-11-25T12:00:00Z") - longest.totalRetention().toNanos())
                .isNegative();
    }
}
