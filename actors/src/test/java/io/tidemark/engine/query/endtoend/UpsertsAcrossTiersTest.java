package io.tidemark.engine.query.endtoend;

import static io.tidemark.engine.query.differential.SqlRows.row;
import static io.tidemark.engine.query.endtoend.Points.nanos;
import static io.tidemark.engine.query.endtoend.Points.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.query.differential.SqlRows;
import io.tidemark.engine.query.differential.TidemarkNode;
import io.tidemark.engine.write.DimensionInput;
import io.tidemark.engine.write.MeasureValueInput;
import io.tidemark.engine.write.RecordInput;
import io.tidemark.engine.write.WriteOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Upserted records seen through SQL when versions live in different tiers: a record upserted in the
 * memory store and then migrated, a record whose first version is magnetic and whose next version
 * arrives through a magnetic-store write, and a multi-measure record replaced by a version with
 * fewer attributes. Also a table that exists but has no data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpsertsAcrossTiersTest {

    private static final Instant T = Instant.parse("2026-03-10T11:30:00Z");
    private static final long T_NANOS = nanos("2026-03-10T11:30:00Z");

    private Path dataDir;
    private TidemarkNode node;
    private WriteOutcome magneticUpsert;

    @BeforeAll
    void load() throws IOException {
        dataDir = Files.createTempDirectory("tidemark-upserts");
        ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
        node = TidemarkNode.start(dataDir, clock, "e2e");
        RetentionProperties retention = new RetentionProperties(1, 30);
        node.createTable("versions", retention, true);
        node.createTable("multi", retention, false);
        node.createTable("empty", retention, false);
        node.write("versions", List.of(single("memory", "temp", T, "DOUBLE", 1.0), single("magnetic", "temp", T, "DOUBLE", 10.0)));
        node.write("versions", List.of(versioned(single("memory", "temp", T, "DOUBLE", 2.0), 2)));
        node.write("multi", List.of(multi(T, null, new MeasureValueInput("cpu", "0.5", "DOUBLE"),
                new MeasureValueInput("mem", "1", "BIGINT"), new MeasureValueInput("note", "a", "VARCHAR"))));
        node.write("multi", List.of(multi(T, 2L, new MeasureValueInput("cpu", "0.9", "DOUBLE"))));

        clock.advance(Duration.ofHours(2));
        node.migrateNow();
        assertThat(node.usage("versions").memoryStorePoints()).as("versions left in memory").isZero();
        magneticUpsert = node.tryWrite("versions", List.of(versioned(single("magnetic", "temp", T, "DOUBLE", 20.0), 2)));
        node.migrateNow();
    }

    private static RecordInput multi(Instant at, Long version, MeasureValueInput... attributes) {
        return new RecordInput(List.of(new DimensionInput("host", "h1", null)), "usage", null, "MULTI",
                Long.toString(at.toEpochMilli()), "MILLISECONDS", version, List.of(attributes));
    }

    private static RecordInput versioned(RecordInput r, long version) {
        return new RecordInput(r.dimensions(), r.measureName(), r.measureValue(), r.measureValueType(), r.time(), r.timeUnit(),
                version, r.measureValues());
    }

    @AfterAll
    void stop() throws IOException {
        if (node != null) {
            node.close();
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aRecordUpsertedInMemoryKeepsOnlyItsHighestVersionAfterMigration() {
        SqlRows rows = node.query("SELECT time, measure_value::double FROM e2e.versions WHERE device = 'memory'");

        assertThat(rows.rows()).containsExactly(row(T_NANOS, 2.0));
    }

    @Test
    void aMagneticStoreWriteOfAHigherVersionReplacesTheMigratedRecord() {
        SqlRows rows = node.query("SELECT time, measure_value::double FROM e2e.versions WHERE device = 'magnetic'");
        SqlRows counted = node.query("SELECT count(*), sum(measure_value::double) FROM e2e.versions");

        assertThat(magneticUpsert.rejected()).isEmpty();
        assertThat(magneticUpsert.ingested().magneticStore()).isEqualTo(1);
        assertThat(rows.rows()).containsExactly(row(T_NANOS, 20.0));
        assertThat(counted.rows()).containsExactly(row(2L, 22.0));
    }

    @Test
    void aMultiMeasureUpsertReplacesTheWholeAttributeSet() {
        SqlRows rows = node.query("SELECT host, time, cpu, mem, note FROM e2e.multi");

        assertThat(rows.rows()).containsExactly(row("h1", T_NANOS, 0.9, null, null));
    }

    @Test
    void aTableWithoutDataHasOnlyItsImplicitColumnsAndNoRows() {
        SqlRows all = node.query("SELECT * FROM e2e.empty");
        SqlRows counted = node.query("SELECT count(*), max(time) FROM e2e.empty");

        assertThat(all.columns()).containsExactly("measure_name", "time");
        assertThat(all.rows()).isEmpty();
        assertThat(counted.rows()).containsExactly(row(0L, null));
    }
}
