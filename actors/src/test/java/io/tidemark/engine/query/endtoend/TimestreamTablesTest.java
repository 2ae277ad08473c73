package io.tidemark.engine.query.endtoend;

import static io.tidemark.engine.query.differential.SqlRows.row;
import static io.tidemark.engine.query.endtoend.Points.nanos;
import static io.tidemark.engine.query.endtoend.Points.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.query.differential.DataRow;
import io.tidemark.engine.query.differential.SqlRows;
import io.tidemark.engine.query.differential.TidemarkNode;
import io.tidemark.engine.write.DimensionInput;
import io.tidemark.engine.write.MeasureValueInput;
import io.tidemark.engine.write.RecordInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * How Timestream tables look in SQL — the {@code measure_value::<type>} columns of single-measure
 * records, multi-measure attributes, only the highest version of an upserted record, sub-millisecond
 * times — and the errors a bad query gets: Trino's {@code line L:C: message} for syntax and
 * semantic errors, a function's own message at run time, and (TIMESTREAM.md §4.1) a failure for
 * any operation producing a time before the epoch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimestreamTablesTest {

    private static final Instant T = Instant.parse("2026-03-10T11:30:00Z");
    private static final long T_NANOS = nanos("2026-03-10T11:30:00Z");

    private Path dataDir;
    private TidemarkNode node;

    @BeforeAll
    void load() throws IOException {
        dataDir = Files.createTempDirectory("tidemark-tables");
        node = TidemarkNode.start(dataDir, new ManualClock(Instant.parse("2026-03-10T12:00:00Z")), "e2e");
        RetentionProperties retention = new RetentionProperties(2, 30);
        node.createTable("readings", retention, false);
        node.createTable("multi", retention, false);
        node.createTable("upserts", retention, false);
        node.write("readings", List.of(single("x", "temp", T, "DOUBLE", 1.5), single("x", "count", T, "BIGINT", 7L),
                single("x", "state", T, "VARCHAR", "on"), single("x", "up", T, "BOOLEAN", true),
                DataRow.single("t", Map.of("device", "us"), "temp", 1_773_142_200_123_456L, true, "DOUBLE", -0.5).toRecordInput()));
        node.write("multi", List.of(
                multi("h1", T, new MeasureValueInput("cpu", "0.25", "DOUBLE"), new MeasureValueInput("mem", "512", "BIGINT"),
                        new MeasureValueInput("note", "boot", "VARCHAR")),
                multi("h2", T, new MeasureValueInput("cpu", "0.75", "DOUBLE"), new MeasureValueInput("mem", "1024", "BIGINT"))));
        node.write("upserts", List.of(single("x", "temp", T, "DOUBLE", 1.0), single("y", "temp", T, "DOUBLE", 5.0)));
        node.write("upserts", List.of(versioned(single("x", "temp", T, "DOUBLE", 2.0), 2)));
        node.write("upserts", List.of(versioned(single("x", "temp", T, "DOUBLE", 3.0), 3)));
    }

    private static RecordInput multi(String host, Instant at, MeasureValueInput... attributes) {
        return new RecordInput(List.of(new DimensionInput("host", host, null)), "usage", null, "MULTI",
                Long.toString(at.toEpochMilli()), "MILLISECONDS", null, List.of(attributes));
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
    void aSingleMeasureRecordFillsOnlyTheValueColumnOfItsType() {
        SqlRows rows = node.query("SELECT * FROM e2e.readings WHERE device = 'x' ORDER BY measure_name");

        assertThat(rows.columns()).containsExactly("device", "measure_name", "time", "measure_value::double",
                "measure_value::bigint", "measure_value::varchar", "measure_value::boolean");
        assertThat(rows.rows()).containsExactly(
                row("x", "count", T_NANOS, null, 7L, null, null),
                row("x", "state", T_NANOS, null, null, "on", null),
                row("x", "temp", T_NANOS, 1.5, null, null, null),
                row("x", "up", T_NANOS, null, null, null, true));
    }

    @Test
    void measureValueColumnsWorkUnquotedInExpressionsAndAggregates() {
        SqlRows rows = node.query("SELECT avg(measure_value::double), max(measure_value::bigint) + 1, count(measure_value::varchar),"
                + " count_if(measure_value::boolean) FROM e2e.readings");

        assertThat(rows.rows()).containsExactly(row(0.5, 8L, 1L, 1L));
    }

    @Test
    void microsecondTimesKeepTheirPrecision() {
        SqlRows rows = node.query("SELECT time, to_milliseconds(time), millisecond(time) FROM e2e.readings WHERE device = 'us'");

        assertThat(rows.rows()).containsExactly(row(1_773_142_200_123_456_000L, 1_773_142_200_123L, 123L));
    }

    @Test
    void multiMeasureAttributesAreColumnsAndMissingOnesAreNull() {
        SqlRows rows = node.query("SELECT * FROM e2e.multi ORDER BY host");
        SqlRows aggregated = node.query("SELECT sum(cpu), sum(mem), count(note) FROM e2e.multi WHERE measure_name = 'usage'");

        assertThat(rows.columns()).containsExactly("host", "measure_name", "time", "cpu", "mem", "note");
        assertThat(rows.rows()).containsExactly(row("h1", "usage", T_NANOS, 0.25, 512L, "boot"),
                row("h2", "usage", T_NANOS, 0.75, 1024L, null));
        assertThat(aggregated.rows()).containsExactly(row(1.0, 1536L, 1L));
    }

    @Test
    void onlyTheHighestVersionOfAnUpsertedRecordIsVisible() {
        SqlRows rows = node.query("SELECT device, time, measure_value::double FROM e2e.upserts ORDER BY device");

        assertThat(rows.rows()).containsExactly(row("x", T_NANOS, 3.0), row("y", T_NANOS, 5.0));
    }

    @Test
    void anUnknownTableOrDatabaseIsAValidationErrorWithItsPosition() {
        assertValidation("SELECT * FROM e2e.nope", "line 1:15: Table 'e2e.nope' does not exist");
        assertValidation("SELECT * FROM nodb.readings", "Requested database 'nodb' not found for identifier 'nodb.readings' at line 1:15");
    }

    @Test
    void anUnknownColumnIsAValidationErrorWithItsPosition() {
        assertValidation("SELECT nope FROM e2e.readings", "line 1:8: Column 'nope' cannot be resolved");
        assertValidation("SELECT measure_value::double FROM e2e.multi", "line 1:8: Column 'measure_value::double' cannot be resolved");
    }

    @Test
    void aTypeErrorNamesTheTypesAtItsPosition() {
        RuntimeException failure = node.queryFailure("SELECT device + 1 FROM e2e.readings");

        assertThat(failure).isInstanceOf(EngineException.class);
        assertThat(((EngineException) failure).kind()).isEqualTo(ErrorKind.VALIDATION);
        assertThat(failure.getMessage()).startsWith("line 1:").containsIgnoringCase("varchar");
        assertValidation("SELECT sum(device) FROM e2e.readings", "line 1:8: ");
        assertValidation("SELECT bin(time) FROM e2e.readings", "line 1:8: ");
    }

    @Test
    void aSyntaxErrorGivesLineAndColumn() {
        assertValidation("SELECT FROM e2e.readings", "line 1:8: ");
        assertValidation("SELECT device\nFROM e2e.readings\nWHERE AND", "line 3:7: ");
    }

    @Test
    void aRuntimeFailureOfAFunctionFailsTheQueryWithItsMessage() {
        RuntimeException failure = node.queryFailure("SELECT measure_value::bigint / 0 FROM e2e.readings WHERE measure_name = 'count'");

        assertThat(failure.getMessage()).containsIgnoringCase("division by zero");
    }

    @Test
    void bigintOverflowFailsInsteadOfWrapping() {
        RuntimeException product = node.queryFailure("SELECT measure_value::bigint * 9223372036854775807 FROM e2e.readings"
                + " WHERE measure_name = 'count'");
        RuntimeException sum = node.queryFailure("SELECT sum(x) FROM (VALUES 9223372036854775807, 1) AS t(x)");

        assertThat(product.getMessage()).containsIgnoringCase("overflow");
        assertThat(sum.getMessage()).containsIgnoringCase("overflow");
    }

    @Test
    void anOperationProducingANegativeTimeFails() {
        for (String sql : List.of("SELECT from_milliseconds(-1)", "SELECT from_unixtime(-5)",
                "SELECT timestamp '1970-01-01 00:00:00' - 1h", "SELECT ago(100000d)",
                "SELECT date_add('year', -100, timestamp '2000-01-01 00:00:00')")) {
            assertThat(node.queryFailure(sql).getMessage()).as(sql).contains("Negative time values are not supported");
            assertThat(((EngineException) node.queryFailure(sql)).kind()).as(sql).isEqualTo(ErrorKind.VALIDATION);
        }
        RuntimeException perRow = node.queryFailure("SELECT time - 100000d FROM e2e.readings");
        assertThat(perRow).isInstanceOf(EngineException.class);
        assertThat(perRow.getMessage()).contains("Negative time values are not supported");
        assertThat(node.query("SELECT try_cast('1960-01-01 00:00:00' AS timestamp) IS NULL, count(*) > 0"
                + " FROM e2e.readings WHERE time - 1h >= from_milliseconds(0)").rows()).isNotEmpty();
    }

    private void assertValidation(String sql, String messageStart) {
        RuntimeException failure = node.queryFailure(sql);
        assertThat(failure).as(sql).isInstanceOf(EngineException.class);
        assertThat(((EngineException) failure).kind()).as(sql).isEqualTo(ErrorKind.VALIDATION);
        assertThat(failure.getMessage()).as(sql).startsWith(messageStart);
    }
}
