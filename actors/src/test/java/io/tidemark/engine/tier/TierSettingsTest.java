package io.tidemark.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.tidemark.storage.magnetic.CompactionPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TierSettingsTest {

    @Test
    void defaultsComeFromReferenceConf() {
        TierSettings settings = TierSettings.fromConfig(ConfigFactory.load());

        assertThat(settings.migrationInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.retentionInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.retentionFirstDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.compaction()).isEqualTo(CompactionPolicy.DEFAULT);
    }

    @Test
    void overridesAreRead() {
        TierSettings settings = TierSettings.fromConfig(ConfigFactory.parseString("""
                tidemark.engine.tier {
                  migration-interval = 5s
                  retention-interval = 1h
                  retention-first-delay = 0s
                  compaction.max-segments-per-partition = 8
                  compaction.small-segment-bytes = 1MiB
                  compaction.max-block-points = 100
                }""").withFallback(ConfigFactory.load()));

        assertThat(settings).isEqualTo(new TierSettings(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ZERO,
                new CompactionPolicy(8, 1L << 20, 100)));
    }

    @Test
    void nonPositiveIntervalsAreRefused() {
        assertThatThrownBy(() -> TierSettings.fromConfig(ConfigFactory.parseString(
                "tidemark.engine.tier.migration-interval = 0s").withFallback(ConfigFactory.load())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot use tier settings: migrationInterval=PT0S");
    }
}
