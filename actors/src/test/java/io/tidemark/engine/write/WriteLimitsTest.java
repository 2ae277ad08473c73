package io.tidemark.engine.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class WriteLimitsTest {

    @Test
    void theDefaultsAreTimestreams() {
        assertThat(WriteLimits.fromConfig(ConfigFactory.load())).isEqualTo(WriteLimits.TIMESTREAM);
        assertThat(WriteLimits.TIMESTREAM).isEqualTo(new WriteLimits(100, 2048, 128, 60, 256, 2048, 2048, 256, 2048));
    }

    @Test
    void limitsCanBeRaised() {
        Config config = ConfigFactory.parseString("tidemark.engine.write { max-records-per-request = 500,"
                + " max-record-bytes = 8192, max-attributes-per-record = 1024 }").withFallback(ConfigFactory.load());

        WriteLimits limits = WriteLimits.fromConfig(config);

        assertThat(limits.maxRecordsPerRequest()).isEqualTo(500);
        assertThat(limits.maxRecordBytes()).isEqualTo(8192);
        assertThat(limits.maxAttributesPerRecord()).isEqualTo(1024);
        assertThat(limits.maxDimensionNameBytes()).isEqualTo(60);
    }

    @Test
    void limitsCannotBeLoweredBelowTimestreams() {
        Config config = ConfigFactory.parseString("tidemark.engine.write.max-dimension-name-bytes = 59")
                .withFallback(ConfigFactory.load());

        assertThatThrownBy(() -> WriteLimits.fromConfig(config))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("tidemark.engine.write.max-dimension-name-bytes")
                .hasMessageContaining("cannot lower a write limit below Timestream's: value=59, minimum=60");
    }

    @Test
    void aLimitMustBePositive() {
        assertThatThrownBy(() -> new WriteLimits(0, 2048, 128, 60, 256, 2048, 2048, 256, 2048))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot set write limit: must be positive, maxRecordsPerRequest=0");
    }
}
