package io.tidemark.engine;

import static io.tidemark.engine.EngineFixture.await;
import static io.tidemark.engine.EngineFixture.cpu;
import static io.tidemark.engine.EngineFixture.metrics;
import static io.tidemark.engine.EngineFixture.versioned;
import static io.tidemark.engine.EngineFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.metering.TableUsage;
import io.tidemark.engine.scan.ScannedSeries;
import io.tidemark.engine.write.IngestBatch;
import io.tidemark.engine.write.WriteOutcome;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine end to end: real actor system, real journals and segment files, a hand-moved clock. */
class EngineTest {

    private static final String DB = "metrics_db";

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
    @AutoClose
    private Engine engine;

    private Engine start(Map<String, Object> overrides) {
        Map<String, Object> settings = new java.util.HashMap<>(Map.of(
                "tidemark.engine.catalog.shards-per-table", 2,
                "tidemark.engine.tier.migration-interval", "1h",
                "tidemark.engine.tier.retention-interval", "1h"));
        settings.putAll(overrides);
        engine = Engine.start(Engine.singleNodeConfig(dataDir, settings), clock);
        return engine;
    }

    private TableDescription createTable(String name, RetentionProperties retention, boolean magneticWrites) {
        return await(engine.catalog().createTable(DB, name, retention,
                new MagneticStoreWriteProperties(magneticWrites, null), null, List.of()));
    }

    private List<ScannedSeries> scanAll(String table) {
        return await(engine.scan(DB, table, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private static long points(List<ScannedSeries> series) {
        return series.stream().mapToLong(ScannedSeries::size).sum();
    }

    @Test
    void writtenRecordsAreScannedAndSurviveARestart() {
        start(Map.of());
        await(engine.catalog().createDatabase(DB, null, List.of()));
        createTable("cpu", RetentionProperties.DEFAULT, false);
        long now = clock.millis();

        WriteOutcome outcome = write(engine, DB, "cpu", List.of(cpu("a", now - 2000, "1.5"), cpu("b", now - 1000, "2.5"),
                metrics("a", now, 0.25, 7)));

        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.ingested().total()).isEqualTo(3);
        assertThat(outcome.ingested().memoryStore()).isEqualTo(3);
        assertThat(points(scanAll("cpu"))).isEqualTo(3);

        engine.close();
        start(Map.of());

        List<ScannedSeries> series = scanAll("cpu");
        assertThat(points(series)).isEqualTo(3);
        ScannedSeries a = series.stream().filter(s -> s.series().equals(SeriesKey.of(
                List.of(new Dimension("host", "a")), "cpu"))).findFirst().orElseThrow();
        assertThat(a.times()).containsExactly((now - 2000) * 1_000_000L);
        assertThat(a.column("measure_value::double").doubles()).containsExactly(1.5);
        ScannedSeries m = series.stream().filter(s -> s.series().measureName().equals("metrics")).findFirst()
                .orElseThrow();
        assertThat(m.column("usage").doubles()).containsExactly(0.25);
        assertThat(m.column("count").longs()).containsExactly(7L);
    }

    @Test
    void duplicatesFollowTimestreamVersionRules() {
        start(Map.of());
        await(engine.catalog().createDatabase(DB, null, List.of()));
        createTable("cpu", RetentionProperties.DEFAULT, false);
        long t = clock.millis() - 60_000;
        write(engine, DB, "cpu", List.of(versioned(cpu("a", t, "1.0"), 2)));

        WriteOutcome same = write(engine, DB, "cpu", List.of(versioned(cpu("a", t, "1.0"), 2)));
        WriteOutcome conflicting = write(engine, DB, "cpu", List.of(versioned(cpu("a", t, "9.0"), 2)));
        WriteOutcome lower = write(engine, DB, "cpu", List.of(versioned(cpu("a", t, "9.0"), 1)));
        WriteOutcome upsert = write(engine, DB, "cpu", List.of(versioned(cpu("a", t, "3.0"), 3)));

        assertThat(same.rejected()).isEmpty();
        assertThat(conflicting.rejected()).singleElement().satisfies(r -> {
            assertThat(r.recordIndex()).isZero();
            assertThat(r.reason()).startsWith("A record already exists with the same time, dimensions, measure name,"
                    + " and record version.");
        });
        assertThat(lower.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("The record version 1 is lower than the existing version 2. A higher"
                    + " version is required to update the measure value.");
            assertThat(r.existingVersion()).isEqualTo(2);
        });
        assertThat(upsert.rejected()).isEmpty();
        List<ScannedSeries> series = scanAll("cpu");
        assertThat(series).singleElement().satisfies(s -> {
            assertThat(s.column("measure_value::double").doubles()).containsExactly(3.0);
            assertThat(s.versions()).containsExactly(3L);
        });
    }

    @Test
    void dataMovesFromMemoryToMagneticAndExpires() {
        start(Map.of());
        await(engine.catalog().createDatabase(DB, null, List.of()));
        createTable("cpu", new RetentionProperties(1, 1), false);
        long now = clock.millis();
        write(engine, DB, "cpu", List.of(cpu("a", now - 30 * 60_000, "1.0"), cpu("a", now - 20 * 60_000, "2.0"),
                cpu("b", now - 10 * 60_000, "3.0")));

        clock.advance(Duration.ofHours(2));
        await(engine.migrateNow());

        TableUsage moved = await(engine.usage(DB, "cpu"));
        assertThat(moved.memoryStorePoints()).isZero();
        assertThat(moved.magneticStorePoints()).isEqualTo(3);
        assertThat(moved.magneticStoreBytes()).isPositive();
        assertThat(points(scanAll("cpu"))).isEqualTo(3);

        engine.close();
        start(Map.of());
        assertThat(points(scanAll("cpu"))).as("migrated points neither lost nor replayed twice").isEqualTo(3);

        clock.advance(Duration.ofDays(1));
        assertThat(points(scanAll("cpu"))).as("expired points are not read even before the janitor runs").isZero();
        await(engine.expireNow());
        TableUsage expired = await(engine.usage(DB, "cpu"));
        assertThat(expired.magneticStorePoints()).isZero();
        assertThat(expired.magneticStoreBytes()).isZero();
    }

    @Test
    void oldRecordsGoToTheMagneticStoreOnlyWhenTheTableAllowsIt() {
        start(Map.of());
        await(engine.catalog().createDatabase(DB, null, List.of()));
        createTable("closed", new RetentionProperties(1, 10), false);
        createTable("open", new RetentionProperties(1, 10), true);
        long old = clock.millis() - Duration.ofHours(3).toMillis();

        WriteOutcome refused = write(engine, DB, "closed", List.of(cpu("a", old, "1.0")));
        WriteOutcome accepted = write(engine, DB, "open", List.of(cpu("a", old, "1.0")));

        assertThat(refused.rejected()).singleElement().satisfies(r -> assertThat(r.reason())
                .startsWith("The record timestamp is outside the time range [").endsWith(") of the memory store."));
        assertThat(accepted.ingested().magneticStore()).isEqualTo(1);
        assertThat(accepted.ingested().memoryStore()).isZero();
        await(engine.migrateNow());
        assertThat(await(engine.usage(DB, "open")).magneticStorePoints()).isEqualTo(1);
        assertThat(points(scanAll("open"))).isEqualTo(1);
    }

    @Test
    void aRetentionChangeTakesEffectWithoutARestart() {
        start(Map.of());
        await(engine.catalog().createDatabase(DB, null, List.of()));
        createTable("cpu", new RetentionProperties(6, 10), false);
        write(engine, DB, "cpu", List.of(cpu("a", clock.millis() - 60_000, "1.0")));
        clock.advance(Duration.ofHours(2));
        await(engine.migrateNow());
        assertThat(await(engine.usage(DB, "cpu")).magneticStorePoints()).isZero();

        await(engine.catalog().updateTable(DB, "cpu", new RetentionProperties(1, 10), null, null));
        await(engine.migrateNow());

        assertThat(await(engine.usage(DB, "cpu")).magneticStorePoints()).isEqualTo(1);
    }

    @Test
    void deletingATableRemovesItsDataFromDisk() throws Exception {
        start(Map.of());
        await(engine.catalog().createDatabase(DB, null, List.of()));
        TableDescription table = createTable("cpu", new RetentionProperties(1, 10), false);
        write(engine, DB, "cpu", List.of(cpu("a", clock.millis() - 60_000, "1.0")));
        clock.advance(Duration.ofHours(2));
        write(engine, DB, "cpu", List.of(cpu("a", clock.millis() - 60_000, "2.0")));
        await(engine.migrateNow());
        Path journal = ShardJournal.tableDirectory(dataDir, table.tableId());
        Path magnetic = dataDir.resolve("magnetic").resolve(table.tableId());
        assertThat(journal).exists();
        assertThat(magnetic).exists();

        await(engine.deleteTable(DB, "cpu"));

        assertThat(journal).doesNotExist();
        assertThat(magnetic).doesNotExist();
        assertThatThrownBy(() -> await(engine.scan(DB, "cpu", 0, Long.MAX_VALUE)))
                .isInstanceOf(EngineException.class).extracting(e -> ((EngineException) e).kind())
                .isEqualTo(ErrorKind.NOT_FOUND);
        createTable("cpu", new RetentionProperties(1, 10), false);
        assertThat(scanAll("cpu")).isEmpty();
        assertThat(Files.exists(journal)).isFalse();
    }

    @Test
    void columnarBatchesAreWrittenAndCheckedAgainstTheSchema() {
        start(Map.of());
        await(engine.catalog().createDatabase(DB, null, List.of()));
        createTable("cpu", RetentionProperties.DEFAULT, false);
        IngestBatch batch = engine.newBatch(DB, "cpu");
        int usage = batch.column("usage", MeasureType.DOUBLE);
        int series = batch.series(SeriesKey.of(List.of(new Dimension("host", "a")), "metrics"), MeasureType.MULTI);
        for (int i = 0; i < 100; i++) {
            batch.addRow(series, (clock.millis() - 100_000 + i * 1000L) * 1_000_000L, 1, i);
            batch.setDouble(usage, i);
        }
        assertThat(await(engine.write(batch)).ingested().total()).isEqualTo(100);

        IngestBatch conflicting = engine.newBatch(DB, "cpu");
        int asBigint = conflicting.column("usage", MeasureType.BIGINT);
        int s = conflicting.series(SeriesKey.of(List.of(new Dimension("host", "b")), "metrics"), MeasureType.MULTI);
        conflicting.addRow(s, clock.millis() * 1_000_000L, 1, 0);
        conflicting.setLong(asBigint, 5);
        assertThatThrownBy(() -> await(engine.write(conflicting))).isInstanceOf(EngineException.class)
                .extracting(e -> ((EngineException) e).kind()).isEqualTo(ErrorKind.VALIDATION);
        assertThat(points(scanAll("cpu"))).isEqualTo(100);
    }

    @Test
    void writesAreThrottledWhenTheMemoryStoreIsOverBudget() {
        start(Map.of("tidemark.engine.memory-store.budget", "1KiB"));
        await(engine.catalog().createDatabase(DB, null, List.of()));
        createTable("cpu", RetentionProperties.DEFAULT, false);
        IngestBatch batch = engine.newBatch(DB, "cpu");
        int value = batch.column(MeasureType.DOUBLE.valueColumnName(), MeasureType.DOUBLE);
        for (int h = 0; h < 200; h++) {
            int series = batch.series(SeriesKey.of(List.of(new Dimension("host", "h" + h)), "cpu"), MeasureType.DOUBLE);
            batch.addRow(series, clock.millis() * 1_000_000L, 1, h);
            batch.setDouble(value, h);
        }
        await(engine.write(batch));

        assertThatThrownBy(() -> write(engine, DB, "cpu", List.of(cpu("x", clock.millis(), "1"))))
                .isInstanceOf(EngineException.class).extracting(e -> ((EngineException) e).kind())
                .isEqualTo(ErrorKind.THROTTLING);
    }
}
