package io.tidemark.engine.write;

import static io.tidemark.engine.write.WriteFixtures.NOW_MILLIS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.PartitionKey;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableStatus;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class IngestBatchTest {

    private static final TableDescription FOUR_SHARDS = new TableDescription("db", "tbl", "t-1",
            "arn:aws:timestream:us-east-1:000000000000:database/db/table/tbl", TableStatus.ACTIVE,
            RetentionProperties.DEFAULT, MagneticStoreWriteProperties.DISABLED, List.of(PartitionKey.DEFAULT), 4, 0,
            Instant.ofEpochMilli(NOW_MILLIS), Instant.ofEpochMilli(NOW_MILLIS));

    /** 300 records over 10 hosts, every third without "mem". */
    private static IngestBatch fill(IngestBatch batch) {
        int cpu = batch.column("cpu", MeasureType.DOUBLE);
        int mem = batch.column("mem", MeasureType.BIGINT);
        long t0 = (NOW_MILLIS - 60_000L) * 1_000_000L;
        for (int record = 0; record < 300; record++) {
            int series = batch.series(SeriesKey.of(List.of(new Dimension("host", "h" + record % 10)), "metrics"),
                    MeasureType.MULTI);
            batch.addRow(series, t0 + record * 1_000_000L, 1, record);
            batch.setDouble(cpu, record / 4.0);
            if (record % 3 != 0) {
                batch.setLong(mem, record);
            }
        }
        return batch;
    }

    @Test
    void rowsBeyondOrShortOfTheExpectedCountBuildTheSameShardParts() {
        List<ShardPart> unsized = fill(new IngestBatch(FOUR_SHARDS, NOW_MILLIS)).build();
        for (int expected : new int[] {1, 40, 300, 5000}) {
            List<ShardPart> sized = fill(new IngestBatch(FOUR_SHARDS, NOW_MILLIS, expected)).build();
            assertThat(sized).hasSameSizeAs(unsized);
            for (int p = 0; p < unsized.size(); p++) {
                assertThat(sized.get(p).shard()).isEqualTo(unsized.get(p).shard());
                assertThat(sized.get(p).batch()).isEqualTo(unsized.get(p).batch());
                assertThat(sized.get(p).recordIndexes()).containsExactly(unsized.get(p).recordIndexes());
                assertThat(sized.get(p).rowBytes()).containsExactly(unsized.get(p).rowBytes());
            }
        }
        assertThat(unsized.stream().mapToInt(p -> p.batch().rowCount()).sum()).isEqualTo(300);
    }

    @Test
    void columnsDeclaredAfterTheirShardsHoldRowsStartInEachShardsPartUnderTheirOwnNames() {
        IngestBatch batch = new IngestBatch(FOUR_SHARDS, NOW_MILLIS, 40);
        long t0 = (NOW_MILLIS - 60_000L) * 1_000_000L;
        int[] series = new int[8];
        for (int h = 0; h < series.length; h++) {
            series[h] = batch.series(SeriesKey.of(List.of(new Dimension("host", "h" + h)), "metrics"), MeasureType.MULTI);
        }
        // More columns than a shard's part starts with room for, each declared once every shard exists.
        int[] columns = new int[20];
        for (int record = 0; record < 40; record++) {
            int width = Math.min(columns.length, record + 1);
            if (record < columns.length) {
                columns[record] = batch.column("c" + record, MeasureType.BIGINT);
            }
            batch.addRow(series[record % series.length], t0 + record, 1, record);
            for (int c = width - 1; c >= 0; c--) {
                batch.setLong(columns[c], record * 100L + c);
            }
        }
        int rows = 0;
        for (ShardPart part : batch.build()) {
            for (int row = 0; row < part.batch().rowCount(); row++) {
                int record = part.recordIndexes()[row];
                int width = Math.min(columns.length, record + 1);
                for (int c = 0; c < part.batch().columnCount(); c++) {
                    var column = part.batch().column(c);
                    int index = Integer.parseInt(column.name().substring(1));
                    assertThat(column.isPresent(row)).isEqualTo(index < width);
                    if (index < width) {
                        assertThat(column.longAt(row)).isEqualTo(record * 100L + index);
                    }
                }
                rows++;
            }
        }
        assertThat(rows).isEqualTo(40);
    }

    @Test
    void theTimeRangeSpansTheRowsAddedInAnyOrderAndSkipsRejectedOnes() {
        IngestBatch batch = new IngestBatch(FOUR_SHARDS, NOW_MILLIS);
        assertThat(batch.minTimeNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(batch.maxTimeNanos()).isEqualTo(Long.MIN_VALUE);
        int series = batch.series(SeriesKey.of(List.of(new Dimension("host", "h")), "metrics"), MeasureType.MULTI);
        long t0 = (NOW_MILLIS - 60_000L) * 1_000_000L;
        long[] times = {t0 + 5, t0 + 9, t0 + 2, t0 + 7, t0 + 2, (NOW_MILLIS + 3_600_000L) * 1_000_000L};
        for (int r = 0; r < times.length; r++) {
            batch.addRow(series, times[r], 1, r);
        }
        assertThat(batch.rowCount()).isEqualTo(5);
        assertThat(batch.minTimeNanos()).isEqualTo(t0 + 2);
        assertThat(batch.maxTimeNanos()).isEqualTo(t0 + 9);
    }

    @Property(tries = 2000)
    void theLessMaskOrdersLongsAsTheComparisonDoes(@ForAll long a, @ForAll long b) {
        assertThat(IngestBatch.lessMask(a, b)).isEqualTo(a < b ? -1L : 0L);
        assertThat(IngestBatch.lessMask(b, a)).isEqualTo(b < a ? -1L : 0L);
        assertThat(IngestBatch.lessMask(a, a)).isZero();
    }

    @Test
    void theSchemaDeltaNamesEveryDimensionOfEverySeriesOnce() {
        IngestBatch batch = new IngestBatch(FOUR_SHARDS, NOW_MILLIS);
        String[][] names = {{"host", "region"}, {"host", "region"}, {"host", "zone"}, {"host"}, {"host", "region"},
            {"rack", "region"}};
        for (int s = 0; s < names.length; s++) {
            List<Dimension> dims = new java.util.ArrayList<>();
            for (String name : names[s]) {
                dims.add(new Dimension(new String(name.toCharArray()), "v" + s));
            }
            batch.series(SeriesKey.of(dims, "metrics"), MeasureType.MULTI);
        }

        assertThat(batch.schemaDelta().dimensions()).containsExactlyInAnyOrder("host", "region", "zone", "rack");
        assertThat(batch.schemaDelta().measures()).containsOnlyKeys("metrics");
    }

    @Test
    void aSeriesWrittenByEarlierBatchesIsMeteredAndNamedAsOnItsFirstWrite() {
        String[] dims = {"höst", "h-ü1", "region", "eu"};
        int dimensionBytes = 0;
        for (String part : dims) {
            dimensionBytes += part.getBytes(UTF_8).length;
        }
        int expectedBytes = "metrics".getBytes(UTF_8).length + dimensionBytes + 8 + 8; // the time and one DOUBLE value
        long t0 = (NOW_MILLIS - 60_000L) * 1_000_000L;
        for (int call = 0; call < 3; call++) {
            // the same key object on the second call, an equal one on the third
            SeriesKey key = call == 2
                    ? SeriesKey.of(List.of(new Dimension("region", "eu"), new Dimension("höst", "h-ü1")), "metrics")
                    : KEPT_KEY;
            IngestBatch batch = new IngestBatch(FOUR_SHARDS, NOW_MILLIS);
            batch.series(SeriesKey.of(List.of(new Dimension("rack", "r" + call)), "metrics"), MeasureType.MULTI);
            int series = batch.series(key, MeasureType.MULTI);
            batch.addRow(series, t0 + call, 1, 0);
            batch.setDouble(batch.column("cpu", MeasureType.DOUBLE), 1.0);
            assertThat(batch.schemaDelta().dimensions()).containsExactlyInAnyOrder("rack", "höst", "region");
            assertThat(batch.build()).singleElement().satisfies(part -> assertThat(part.rowBytes())
                    .containsExactly(expectedBytes));
        }
    }

    private static final SeriesKey KEPT_KEY =
            SeriesKey.of(List.of(new Dimension("höst", "h-ü1"), new Dimension("region", "eu")), "metrics");
}
