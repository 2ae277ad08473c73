package io.tidemark.engine.write;

import static io.tidemark.engine.query.QueryTestEngine.DB;
import static io.tidemark.engine.query.QueryTestEngine.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.Engine;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.query.QueryTestEngine;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write whose rows for one shard exceed {@code max-shard-part-bytes} (lowered to 1 KiB: dozens of
 * parts) answers exactly as one batch would: rows reach the shard in write order (of two rows with
 * the same time and version, the earlier one is stored and the later one, in a later part,
 * rejected under its own record index), every other row is stored once, and the same write again
 * stores nothing twice.
 */
class ShardPartWriteTest {

    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
    private static final int ROWS = 300;
    private static final int REPEATED = 10;

    @TempDir
    static Path dataDir;

    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = QueryTestEngine.start(dataDir, CLOCK, Map.of("tidemark.engine.write.max-shard-part-bytes", "1KiB"));
        QueryTestEngine.createTable(engine, "parts", RetentionProperties.DEFAULT, false);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /**
     * One series, {@code ROWS} points a second apart with value i, then the first {@code REPEATED}
     * points again with other values at the same version.
     */
    private static IngestBatch batch() {
        IngestBatch batch = engine.newBatch(DB, "parts", ROWS + REPEATED);
        int series = batch.series(SeriesKey.of(List.of(new Dimension("host", "a")), "cpu"), MeasureType.DOUBLE);
        int value = batch.column(MeasureType.DOUBLE.valueColumnName(), MeasureType.DOUBLE);
        long start = CLOCK.millis() - 3_600_000;
        for (int i = 0; i < ROWS + REPEATED; i++) {
            int point = i < ROWS ? i : i - ROWS;
            assertThat(batch.addRow(series, (start + point * 1000L) * 1_000_000L, 1, i)).isTrue();
            batch.setDouble(value, i);
        }
        return batch;
    }

    @Test
    void aWriteInManyPartsKeepsRowOrderRejectionsAndIdempotence() {
        List<Integer> rejected = new ArrayList<>();
        for (int attempt = 0; attempt < 2; attempt++) {
            WriteOutcome outcome = await(engine.write(batch()));

            assertThat(outcome.ingested().total()).as("attempt %d", attempt).isEqualTo(ROWS);
            rejected.clear();
            outcome.rejected().forEach(r -> rejected.add(r.recordIndex()));
            assertThat(rejected).as("attempt %d", attempt).containsExactly(300, 301, 302, 303, 304, 305, 306, 307,
                    308, 309);
            assertThat(outcome.rejected()).allSatisfy(r -> assertThat(r.reason())
                    .contains("A record already exists with the same time"));
        }
        Batch rows = await(engine.query("SELECT count(*), sum(measure_value::double), max(measure_value::double)"
                + " FROM " + DB + ".parts")).rows();
        assertThat(List.of(rows.column(0).get(0), rows.column(1).get(0), rows.column(2).get(0)))
                .containsExactly(300L, 299.0 * 300 / 2, 299.0);
    }
}
