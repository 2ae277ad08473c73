package io.tidemark.engine.query.fragment;

import static io.tidemark.engine.query.QueryTestEngine.DB;
import static io.tidemark.engine.query.QueryTestEngine.await;
import static io.tidemark.engine.query.QueryTestEngine.createTable;
import static io.tidemark.engine.query.QueryTestEngine.single;
import static io.tidemark.engine.query.QueryTestEngine.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.Engine;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.QueryTestEngine;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.write.RecordInput;
import io.tidemark.sql.analyzer.ColumnRole;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.SeriesKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards left out of a fragment without a task ({@link ShardFragmentRunner.Counts#skipped()}): only
 * when neither the shard's memory store nor the magnetic store can hold a wanted series, over real
 * engines of two shards per table.
 */
class ShardSkipTest {

    private static final ScanColumn HOST = new ScanColumn("host", PrimitiveType.VARCHAR, ColumnRole.DIMENSION);
    private static final ScanColumn TIME = new ScanColumn("time", PrimitiveType.TIMESTAMP, ColumnRole.TIMESTAMP);
    private static final int SHARDS = 2;

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));

    private static QueryContext context() {
        return new QueryContext("q1", EvalContext.utc(0), System.nanoTime() + Duration.ofMinutes(1).toNanos(),
                Long.MAX_VALUE);
    }

    private static int shardOf(String host) {
        return SeriesKey.of(List.of(new Dimension("host", host)), "cpu").shard(SHARDS);
    }

    private static List<RecordInput> hosts(int count, long timeMillis) {
        List<RecordInput> records = new ArrayList<>();
        for (int host = 0; host < count; host++) {
            records.add(single("cpu", "DOUBLE", Integer.toString(host), timeMillis, "host", "h" + host));
        }
        return records;
    }

    /** The hosts of every row a scan of {@code table} pruned to {@code hosts} returns; counts its skipped shards. */
    private static List<String> scan(Engine engine, String table, Set<String> hosts, long[] skipped) {
        ShardFragmentRunner runner = (ShardFragmentRunner) engine.fragments();
        long before = runner.counts().skipped();
        ScanRequest request = new ScanRequest(DB, table, List.of(HOST, TIME), Long.MIN_VALUE, Long.MAX_VALUE,
                hosts.isEmpty() ? Map.of() : Map.of("host", hosts));
        List<Batch> batches = await(runner.run(request, new PassThroughPipeline(List.of(PrimitiveType.VARCHAR,
                PrimitiveType.TIMESTAMP)), context()));
        skipped[0] = runner.counts().skipped() - before;
        List<String> out = new ArrayList<>();
        for (Batch batch : batches) {
            for (int r = 0; r < batch.rowCount(); r++) {
                out.add((String) batch.column(0).get(r));
            }
        }
        return out;
    }

    /** The one row of a query's result. */
    private static List<Object> count(Engine engine, String sql) {
        Batch rows = await(engine.query(sql)).rows();
        assertThat(rows.rowCount()).as(sql).isEqualTo(1);
        List<Object> row = new ArrayList<>();
        for (int c = 0; c < rows.columnCount(); c++) {
            row.add(rows.column(c).get(0));
        }
        return row;
    }

    private Engine start() {
        return QueryTestEngine.start(dataDir, clock, Map.of("tidemark.engine.catalog.shards-per-table", SHARDS));
    }

    @Test
    void aScanPrunedToOneHostRunsOnlyOnItsShardAndASeriesWrittenLaterIsFound() {
        try (Engine engine = start()) {
            createTable(engine, "skip", RetentionProperties.DEFAULT, false);
            write(engine, "skip", hosts(8, clock.millis() - 1000));
            assertThat(hosts(8, 0).stream().map(r -> shardOf(r.dimensions().get(0).value())).distinct())
                    .as("both shards hold hosts").hasSize(SHARDS);
            long[] skipped = new long[1];

            assertThat(scan(engine, "skip", Set.of("h3"), skipped)).containsExactly("h3");
            assertThat(skipped[0]).as("the shard that does not hold h3").isEqualTo(1);
            assertThat(scan(engine, "skip", Set.of(), skipped)).hasSize(8);
            assertThat(skipped[0]).isZero();
            assertThat(scan(engine, "skip", Set.of("new"), skipped)).isEmpty();
            assertThat(skipped[0]).as("no shard ever held 'new'").isEqualTo(SHARDS);

            // a global aggregate over skipped shards: their shared empty output merges as each shard's would
            assertThat(count(engine, "SELECT count(*), sum(measure_value::double) FROM " + DB + ".skip"
                    + " WHERE host = 'new'")).containsExactly(0L, null);
            assertThat(count(engine, "SELECT count(*), sum(measure_value::double) FROM " + DB + ".skip"
                    + " WHERE host = 'h3'")).containsExactly(1L, 3.0);

            write(engine, "skip", List.of(single("cpu", "DOUBLE", "1", clock.millis() - 500, "host", "new")));

            assertThat(scan(engine, "skip", Set.of("new"), skipped)).containsExactly("new");
            assertThat(skipped[0]).isEqualTo(1);
        }
    }

    @Test
    void aSeriesOnlyInTheMagneticStoreKeepsItsShardAsked() {
        String old = "old";
        try (Engine engine = start()) {
            createTable(engine, "tiers", new RetentionProperties(1, 10), false);
            write(engine, "tiers", List.of(single("cpu", "DOUBLE", "1", clock.millis() - 600_000, "host", old)));
            clock.advance(Duration.ofHours(2));
            await(engine.migrateNow());
        }
        // a restarted node's shards list only what their memory stores hold: "old" is in the magnetic store alone
        try (Engine engine = Engine.start(Engine.singleNodeConfig(dataDir, Map.of(
                "tidemark.engine.catalog.shards-per-table", SHARDS)), clock)) {
            write(engine, "tiers", hosts(8, clock.millis() - 1000));
            long[] skipped = new long[1];

            assertThat(scan(engine, "tiers", Set.of(old), skipped)).containsExactly(old);
            assertThat(skipped[0]).as("only the shard that holds 'old' in neither store").isEqualTo(1);
        }
    }
}
