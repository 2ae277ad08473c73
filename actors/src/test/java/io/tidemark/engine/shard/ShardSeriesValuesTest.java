package io.tidemark.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardSeriesValuesTest {

    private static SeriesKey key(String measure, String... nameValues) {
        List<Dimension> dimensions = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            dimensions.add(new Dimension(nameValues[i], nameValues[i + 1]));
        }
        return SeriesKey.of(dimensions, measure);
    }

    @Test
    void aShardThatHeldNoSeriesHoldsNothingAndOneThatDidHoldsAnUnprunedScan() {
        ShardSeriesValues values = new ShardSeriesValues();
        assertThat(values.mayHold(Map.of())).isFalse();

        values.add(key("cpu", "host", "a"));

        assertThat(values.mayHold(Map.of())).isTrue();
    }

    @Test
    void everyConstrainedColumnNeedsOneOfItsValuesHeld() {
        ShardSeriesValues values = new ShardSeriesValues();
        values.add(key("cpu", "host", "a", "region", "eu"));
        values.add(key("mem", "host", "b"));

        assertThat(values.mayHold(Map.of("host", Set.of("a")))).isTrue();
        assertThat(values.mayHold(Map.of("host", Set.of("c", "b")))).isTrue();
        assertThat(values.mayHold(Map.of("host", Set.of("c")))).isFalse();
        assertThat(values.mayHold(Map.of("measure_name", Set.of("mem")))).isTrue();
        assertThat(values.mayHold(Map.of("measure_name", Set.of("disk")))).isFalse();
        assertThat(values.mayHold(Map.of("measure_name", Set.of("cpu"), "region", Set.of("us")))).isFalse();
        assertThat(values.mayHold(Map.of("zone", Set.of("a")))).as("a dimension no series has").isFalse();
        // per column, not per series: mem has no region, but cpu's eu makes the pair possible
        assertThat(values.mayHold(Map.of("measure_name", Set.of("mem"), "region", Set.of("eu")))).isTrue();
    }

    @Test
    void aMemoryStoreTellsItsWatcherOfHeldAndNewSeriesOnce() {
        MemoryStore store = new MemoryStore(TestRows.TABLE, 720, 7200 * TestRows.SECOND,
                new EngineMeters().table(TestRows.TABLE));
        List<SeriesKey> seen = new ArrayList<>();
        store.apply(new TestRows.Doubles().add("a", 1, 0, 1.0).build(), 1);

        store.watchSeries(seen::add);
        store.apply(new TestRows.Doubles().add("a", 2, 0, 2.0).add("b", 2, 0, 3.0).build(), 2);
        store.apply(new TestRows.Doubles().add("b", 3, 0, 4.0).build(), 3);

        assertThat(seen).containsExactly(TestRows.series("a"), TestRows.series("b"));
    }
}
