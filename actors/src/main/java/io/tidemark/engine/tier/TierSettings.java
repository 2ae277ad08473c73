package io.tidemark.engine.tier;

import com.typesafe.config.Config;
import io.tidemark.storage.magnetic.CompactionPolicy;
import java.time.Duration;

/**
 * The {@code tidemark.engine.tier} settings (defaults and meaning in the actors module's
 * reference.conf).
 *
 * @param migrationInterval how often the tier migrator runs
 * @param retentionInterval how often the retention janitor runs
 * @param retentionFirstDelay when the retention janitor runs first after it starts
 * @param compaction when segments of a partition are merged, and the block size of segments
 */
public record TierSettings(Duration migrationInterval, Duration retentionInterval, Duration retentionFirstDelay,
        CompactionPolicy compaction) {

    public TierSettings {
        if (migrationInterval.isNegative() || migrationInterval.isZero()
                || retentionInterval.isNegative() || retentionInterval.isZero() || retentionFirstDelay.isNegative()) {
            throw new IllegalArgumentException("cannot use tier settings: migrationInterval=" + migrationInterval
                    + ", retentionInterval=" + retentionInterval + ", retentionFirstDelay=" + retentionFirstDelay
                    + ", expected positive intervals and a delay of at least 0");
        }
    }

    /** Reads the settings from a whole configuration (the {@code tidemark.engine.tier} section). */
    public static TierSettings fromConfig(Config config) {
        Config tier = config.getConfig("tidemark.engine.tier");
        Config compaction = tier.getConfig("compaction");
        return new TierSettings(
                tier.getDuration("migration-interval"),
                tier.getDuration("retention-interval"),
                tier.getDuration("retention-first-delay"),
                new CompactionPolicy(
                        compaction.getInt("max-segments-per-partition"),
                        compaction.getBytes("small-segment-bytes"),
                        compaction.getInt("max-block-points")));
    }
}
