package io.tidemark.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.tidemark.storage.journal.FsyncPolicy;
import java.time.Duration;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;

class ShardSettingsTest {

    @Test
    void readsTheReferenceDefaults() {
        ShardSettings settings = ShardSettings.fromConfig(ConfigFactory.load());
        assertThat(settings).isEqualTo(new ShardSettings(FsyncPolicy.perBatch(), RollCycles.FAST_DAILY, 720,
                Duration.ofHours(2), 64, Duration.ofSeconds(30)));
    }

    @Test
    void readsOverridesAndRefusesUnknownValues() {
        ShardSettings settings = ShardSettings.fromConfig(ConfigFactory.parseString(
                "tidemark.engine.shard { fsync = interval, fsync-interval = 50ms, roll-cycle = hourly }")
                .withFallback(ConfigFactory.load()));
        assertThat(settings.fsync()).isEqualTo(FsyncPolicy.interval(Duration.ofMillis(50)));
        assertThat(settings.rollCycle()).isEqualTo(RollCycles.FAST_HOURLY);
        assertThat(ShardSettings.fromConfig(ConfigFactory.parseString("tidemark.engine.shard.fsync = os")
                .withFallback(ConfigFactory.load())).fsync()).isEqualTo(FsyncPolicy.os());
        assertThatThrownBy(() -> ShardSettings.fromConfig(ConfigFactory.parseString(
                "tidemark.engine.shard.fsync = always").withFallback(ConfigFactory.load())))
                .hasMessageContaining("fsync must be per-batch, interval or os, fsync=always");
        assertThatThrownBy(() -> ShardSettings.fromConfig(ConfigFactory.parseString(
                "tidemark.engine.shard.roll-cycle = weekly").withFallback(ConfigFactory.load())))
                .hasMessageContaining("roll-cycle must be daily or hourly, roll-cycle=weekly");
        assertThatThrownBy(() -> ShardSettings.fromConfig(ConfigFactory.parseString(
                "tidemark.engine.shard.max-pending-writes = 0").withFallback(ConfigFactory.load())))
                .hasMessageContaining("maxPendingWrites=0");
    }
}
