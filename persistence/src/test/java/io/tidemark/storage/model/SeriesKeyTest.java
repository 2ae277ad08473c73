package io.tidemark.storage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesKeyTest {

    private static final List<Dimension> HOST = List.of(
            new Dimension("region", "eu-west-1"), new Dimension("hostname", "host_0"));

    @Test
    void dimensionOrderDoesNotChangeTheKey() {
        SeriesKey a = SeriesKey.of(HOST, "usage_user");
        SeriesKey b = SeriesKey.of(List.of(HOST.get(1), HOST.get(0)), "usage_user");
        assertThat(a).isEqualTo(b);
        assertThat(a.hash()).isEqualTo(b.hash());
        assertThat(a.dimension(0).name()).isEqualTo("hostname");
    }

    @Test
    void hashIsFrozen() {
        // The hash places series on shards and is written to disk: it must never change.
        assertThat(SeriesKey.of(HOST, "usage_user").hash()).isEqualTo(FROZEN_HASH);
        assertThat(SeriesKey.of(List.of(), "m").hash()).isEqualTo(FROZEN_EMPTY_HASH);
    }

    @Test
    void measureNameAndValuesAreNotAmbiguous() {
        SeriesKey a = SeriesKey.of(List.of(new Dimension("a", "bc")), "d");
        SeriesKey b = SeriesKey.of(List.of(new Dimension("ab", "c")), "d");
        assertThat(a).isNotEqualTo(b);
        assertThat(a.hash()).isNotEqualTo(b.hash());
    }

    @Test
    void duplicateDimensionNamesAreRejected() {
        assertThatThrownBy(() -> SeriesKey.of(List.of(new Dimension("a", "1"), new Dimension("a", "2")), "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate dimension name: a");
    }

    @Test
    void shardIsWithinRangeForNegativeHashes() {
        for (int i = 0; i < 1000; i++) {
            SeriesKey k = SeriesKey.of(List.of(new Dimension("h", "host_" + i)), "m");
            assertThat(k.shard(7)).isBetween(0, 6);
        }
    }

    private static final long FROZEN_HASH = 7811776061703590823L;
    private static final long FROZEN_EMPTY_HASH = 7472601002477417881L;
}
