package io.tidemark.engine.query.fragment;

import static io.tidemark.engine.query.QueryTestEngine.DB;
import static io.tidemark.engine.query.QueryTestEngine.await;
import static io.tidemark.engine.query.QueryTestEngine.createTable;
import static io.tidemark.engine.query.QueryTestEngine.multi;
import static io.tidemark.engine.query.QueryTestEngine.single;
import static io.tidemark.engine.query.QueryTestEngine.versioned;
import static io.tidemark.engine.query.QueryTestEngine.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.Engine;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.QueryTestEngine;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.shard.FailingScans;
import io.tidemark.engine.shard.FirstReadTimeout;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.engine.shard.ShardGateway;
import io.tidemark.engine.shard.fragment.FragmentAnswer;
import io.tidemark.engine.shard.fragment.FragmentDeclined;
import io.tidemark.engine.shard.fragment.ShardFragment;
import io.tidemark.engine.testing.UnusedShardGateway;
import io.tidemark.engine.tier.MagneticTier;
import io.tidemark.engine.write.RecordInput;
import io.tidemark.sql.analyzer.ColumnRole;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.magnetic.CompactionPolicy;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.SeriesKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fragments over one real engine (a table per test): both tiers, upserts, retention, pruning,
 * projection and supervision.
 */
class ShardFragmentRunnerTest {

    private static final ScanColumn HOST = new ScanColumn("host", PrimitiveType.VARCHAR, ColumnRole.DIMENSION);
    private static final ScanColumn REGION = new ScanColumn("region", PrimitiveType.VARCHAR, ColumnRole.DIMENSION);
    private static final ScanColumn MEASURE = new ScanColumn("measure_name", PrimitiveType.VARCHAR, ColumnRole.MEASURE_NAME);
    private static final ScanColumn TIME = new ScanColumn("time", PrimitiveType.TIMESTAMP, ColumnRole.TIMESTAMP);
    private static final ScanColumn DOUBLE_VALUE = new ScanColumn("measure_value::double", PrimitiveType.DOUBLE,
            ColumnRole.MEASURE_VALUE);
    private static final ScanColumn USAGE = new ScanColumn("usage", PrimitiveType.DOUBLE, ColumnRole.MULTI);
    private static final ScanColumn COUNT = new ScanColumn("count", PrimitiveType.BIGINT, ColumnRole.MULTI);

    @TempDir
    static Path dataDir;

    private static final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = QueryTestEngine.start(dataDir, clock, Map.of());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static QueryContext context() {
        return new QueryContext("q1", EvalContext.utc(0), System.nanoTime() + Duration.ofMinutes(1).toNanos(),
                Long.MAX_VALUE);
    }

    private static ScanRequest request(String table, List<ScanColumn> columns, Map<String, Set<String>> values) {
        return new ScanRequest(DB, table, columns, Long.MIN_VALUE, Long.MAX_VALUE, values);
    }

    private static List<SqlType> types(List<ScanColumn> columns) {
        return columns.stream().map(ScanColumn::type).toList();
    }

    /** Every row of every shard's answer, boxed. */
    private static List<List<Object>> rows(List<Batch> batches) {
        List<List<Object>> rows = new ArrayList<>();
        for (Batch batch : batches) {
            for (int r = 0; r < batch.rowCount(); r++) {
                List<Object> row = new ArrayList<>();
                for (int c = 0; c < batch.columnCount(); c++) {
                    row.add(batch.column(c).get(r));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<List<Object>> scan(ScanRequest request, QueryContext context) {
        return rows(await(engine.fragments().run(request, new PassThroughPipeline(types(request.columns())), context)));
    }

    private static long nanos(long millis) {
        return millis * 1_000_000L;
    }

    @Test
    void mergesBothTiersResolvesUpsertsAndLeavesOutExpiredPoints() {
        createTable(engine, "tiers", new RetentionProperties(1, 1), true);
        long t0 = clock.millis();
        write(engine, "tiers", List.of(single("cpu", "DOUBLE", "1.0", t0 - 600_000, "host", "a"),
                single("cpu", "DOUBLE", "2.0", t0 - 600_000, "host", "b")));
        clock.advance(Duration.ofHours(2));
        await(engine.migrateNow());
        assertThat(await(engine.usage(DB, "tiers")).magneticStorePoints()).isEqualTo(2);

        long now = clock.millis();
        write(engine, "tiers", List.of(versioned(single("cpu", "DOUBLE", "9.0", t0 - 600_000, "host", "a"), 2),
                single("cpu", "DOUBLE", "7.0", now - Duration.ofHours(25).toMillis() + 60_000, "host", "c"),
                single("cpu", "DOUBLE", "3.0", now - 60_000, "host", "a")));
        clock.advance(Duration.ofMinutes(2));

        List<List<Object>> rows = scan(request("tiers", List.of(HOST, MEASURE, TIME, DOUBLE_VALUE), Map.of()), context());

        assertThat(rows).containsExactlyInAnyOrder(
                List.of("a", "cpu", nanos(now - 60_000), 3.0),
                List.of("a", "cpu", nanos(t0 - 600_000), 9.0),
                List.of("b", "cpu", nanos(t0 - 600_000), 2.0));
    }

    @Test
    void projectsRequestedColumnsWithNullsForWhatASeriesLacks() {
        createTable(engine, "mixed", RetentionProperties.DEFAULT, false);
        long now = clock.millis();
        write(engine, "mixed", List.of(single("cpu", "DOUBLE", "1.5", now - 1000, "host", "a"),
                multi("metrics", now - 1000, 0.5, 7, "host", "a", "region", "eu")));

        List<List<Object>> rows = scan(request("mixed", List.of(REGION, MEASURE, DOUBLE_VALUE, USAGE, COUNT), Map.of()),
                context());

        assertThat(rows).containsExactlyInAnyOrder(
                Arrays.asList(null, "cpu", 1.5, null, null),
                Arrays.asList("eu", "metrics", null, 0.5, 7L));
    }

    @Test
    void prunesSeriesByMeasureNameAndDimensionBeforeReadingThem() {
        createTable(engine, "pruned", new RetentionProperties(1, 10), false);
        long t0 = clock.millis();
        List<RecordInput> records = new ArrayList<>();
        for (int host = 0; host < 10; host++) {
            for (int i = 0; i < 20; i++) {
                records.add(single("cpu", "DOUBLE", Integer.toString(i), t0 - i * 1000L, "host", "h" + host));
                records.add(single("mem", "DOUBLE", Integer.toString(i), t0 - i * 1000L, "host", "h" + host));
            }
        }
        write(engine, "pruned", records);
        clock.advance(Duration.ofHours(2));
        await(engine.migrateNow());
        long t1 = clock.millis();
        List<RecordInput> fresh = new ArrayList<>();
        for (int host = 0; host < 10; host++) {
            fresh.add(single("cpu", "DOUBLE", "100", t1 - 1000, "host", "h" + host));
            fresh.add(single("mem", "DOUBLE", "100", t1 - 1000, "host", "h" + host));
        }
        write(engine, "pruned", fresh);

        QueryContext all = context();
        List<List<Object>> everything = scan(request("pruned", List.of(TIME), Map.of()), all);
        QueryContext pruned = context();
        List<List<Object>> one = scan(request("pruned", List.of(HOST, MEASURE, TIME),
                Map.of("measure_name", Set.of("cpu"), "host", Set.of("h3"))), pruned);

        assertThat(everything).hasSize(420);
        assertThat(all.bytesScanned()).as("8 bytes per time").isEqualTo(8L * 420);
        assertThat(one).hasSize(21).allSatisfy(row -> assertThat(row.subList(0, 2)).containsExactly("h3", "cpu"));
        assertThat(pruned.bytesScanned()).as("only the one series' rows: host 2 + measure 3 + time 8 bytes each")
                .isEqualTo(21L * (2 + 3 + 8));
    }

    @Test
    void timeRangeAndUnknownDimensionValuesSelectNothingOutside() {
        createTable(engine, "ranged", RetentionProperties.DEFAULT, false);
        long now = clock.millis();
        write(engine, "ranged", List.of(single("cpu", "DOUBLE", "1", now - 3000, "host", "a"),
                single("cpu", "DOUBLE", "2", now - 2000, "host", "a"),
                single("cpu", "DOUBLE", "3", now - 1000, "host", "a")));

        ScanRequest middle = new ScanRequest(DB, "ranged", List.of(DOUBLE_VALUE), nanos(now - 2000), nanos(now - 2000),
                Map.of());
        assertThat(scan(middle, context())).containsExactly(List.of(2.0));
        assertThat(scan(request("ranged", List.of(DOUBLE_VALUE), Map.of("region", Set.of("eu"))), context())).isEmpty();
    }

    @Test
    void aShardTaskFailingOnceIsRetriedWithAFreshSink() {
        createTable(engine, "retried", RetentionProperties.DEFAULT, false);
        long now = clock.millis();
        List<RecordInput> records = new ArrayList<>();
        for (int host = 0; host < 8; host++) {
            records.add(single("cpu", "DOUBLE", Integer.toString(host), now - 1000, "host", "h" + host));
        }
        write(engine, "retried", records);
        List<ScanColumn> columns = List.of(HOST, DOUBLE_VALUE);
        PassThroughPipeline failsFirst = new PassThroughPipeline(types(columns), n -> n == 1,
                new IllegalStateException("injected failure"));

        List<List<Object>> rows = rows(await(engine.fragments().run(request("retried", columns, Map.of()), failsFirst,
                context())));

        assertThat(rows).hasSize(8);
        assertThat(failsFirst.opened()).as("two shards plus one retry").isEqualTo(3);
    }

    @Test
    void aFirstShardScanThatIsNeverAnsweredIsResentAfterTheFirstReadTimeout() throws Exception {
        FailingScans shards = pointOnShardZero("dropped", 1);

        assertThat(runWithDroppedMessages("dropped", shards).rows()).containsExactly(List.of("a", 4.5));
        assertThat(shards.shardZeroScans()).as("the dropped scan and its retry").isEqualTo(2);
    }

    @Test
    void aRetryThatIsNeverAnsweredIsSentAgainInsteadOfWaitingTheFragmentTimeout() throws Exception {
        // after a node loss the retry too can go where the shard no longer is (a coordinator that has
        // not yet seen the node's removal names its dead region): it is bounded like the first
        FailingScans shards = pointOnShardZero("dropped_twice", 2);

        assertThat(runWithDroppedMessages("dropped_twice", shards).rows()).containsExactly(List.of("a", 4.5));
        assertThat(shards.shardZeroScans()).as("two dropped scans and the last attempt").isEqualTo(3);
    }

    @Test
    void aShippedRetryThatIsNeverAcknowledgedIsSentAgain() throws Exception {
        FailingScans points = pointOnShardZero("unacknowledged", 0);
        AtomicInteger shardZeroFragments = new AtomicInteger();
        // shard 0 never acknowledges its first two fragments, then declines (its chunks are read here)
        ShardGateway shards = new UnusedShardGateway() {
            @Override
            public CompletionStage<List<SeriesChunks>> scan(String tableId, int shard, long fromNanos, long toNanos) {
                return points.scan(tableId, shard, fromNanos, toNanos);
            }

            @Override
            public CompletionStage<FragmentAnswer> runFragment(String tableId, int shard, ShardFragment fragment,
                    long fromNanos, long toNanos) {
                return shard == 0 && shardZeroFragments.incrementAndGet() <= 2 ? new CompletableFuture<>()
                        : CompletableFuture.completedFuture(new FragmentDeclined("read here"));
            }
        };
        Ran ran = runWithDroppedMessages("unacknowledged", shards);

        assertThat(ran.rows()).containsExactly(List.of("a", 4.5));
        assertThat(shardZeroFragments.get()).as("fragments sent to shard 0").isEqualTo(3);
        assertThat(ran.counts().firstReadTimeouts()).as("first attempts unacknowledged").isEqualTo(1);
        assertThat(ran.counts().retryReceiptTimeouts()).as("retries unacknowledged").isEqualTo(1);
        assertThat(ran.counts().retried()).isEqualTo(2);
        assertThat(ran.counts().scanned()).as("declined and read here: shard 1, and shard 0's last attempt")
                .isEqualTo(2);
    }

    /** A table whose shard 0 holds one point of host "a" and drops its first {@code dropped} scans. */
    private static FailingScans pointOnShardZero(String table, int dropped) {
        createTable(engine, table, RetentionProperties.DEFAULT, false);
        SeriesKey key = SeriesKey.of(List.of(new Dimension("host", "a")), "cpu");
        return new FailingScans(key, nanos(clock.millis() - 1000), 4.5, dropped, null);
    }

    /** What a scan answered, and how the runner's shard tasks ran. */
    private record Ran(List<List<Object>> rows, ShardFragmentRunner.Counts counts) {
    }

    /**
     * A scan of {@code table} through {@code shards} by a runner of its own with a fragment timeout
     * of 10 min and a first-read timeout of 100 ms, so only the first-read timeout can end an attempt
     * the gateway never answers.
     */
    private static Ran runWithDroppedMessages(String table, ShardGateway shards) throws Exception {
        ExecutorService blocking = Executors.newFixedThreadPool(2);
        try {
            ShardFragmentRunner runner = new ShardFragmentRunner(engine.catalog(), shards,
                    new MagneticTier(FileIo.DEFAULT, dataDir.resolve(table + "-magnetic"), clock, new EngineMeters(),
                            CompactionPolicy.DEFAULT), clock, blocking, Duration.ofMinutes(10), true,
                    new FirstReadTimeout(Duration.ofMillis(100)),
                    ((ShardFragmentRunner) engine.fragments()).control());
            List<ScanColumn> columns = List.of(HOST, DOUBLE_VALUE);
            List<List<Object>> rows = rows(runner.run(request(table, columns, Map.of()),
                    new PassThroughPipeline(types(columns)), context()).toCompletableFuture().get(30, TimeUnit.SECONDS));
            return new Ran(rows, runner.counts());
        } finally {
            blocking.shutdownNow();
        }
    }

    @Test
    void aShardTaskFailingTwiceFailsTheQueryNamingTableShardAndCause() {
        createTable(engine, "failing", RetentionProperties.DEFAULT, false);
        write(engine, "failing", List.of(single("cpu", "DOUBLE", "1", clock.millis() - 1000, "host", "a")));
        PassThroughPipeline alwaysFails = new PassThroughPipeline(List.of(PrimitiveType.DOUBLE), n -> true,
                new IllegalStateException("disk on fire"));

        assertThatThrownBy(() -> await(engine.fragments().run(request("failing", List.of(DOUBLE_VALUE), Map.of()),
                alwaysFails, context())))
                .isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.INTERNAL))
                .hasMessageContaining("table=metrics_db.failing")
                .hasMessageMatching(".*shard=[01].*")
                .hasMessageContaining("disk on fire");
    }

    @Test
    void theUsersErrorIsNotRetried() {
        createTable(engine, "user_error", RetentionProperties.DEFAULT, false);
        long now = clock.millis();
        List<RecordInput> records = new ArrayList<>();
        for (int host = 0; host < 8; host++) {
            records.add(single("cpu", "DOUBLE", "1", now - 1000, "host", "h" + host));
        }
        write(engine, "user_error", records);
        PassThroughPipeline userError = new PassThroughPipeline(List.of(PrimitiveType.DOUBLE), n -> true,
                new QueryFunctionException("Division by zero"));

        assertThatThrownBy(() -> await(engine.fragments().run(request("user_error", List.of(DOUBLE_VALUE), Map.of()),
                userError, context())))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Division by zero");
        // the first failure stops the other shard's task, which may not have opened its sink yet
        assertThat(userError.opened()).as("at most one sink per shard, no retry").isBetween(1, 2);
    }

    @Test
    void aCancelledQueryStopsAndAnUnknownTableIsNotFound() {
        createTable(engine, "cancelled", RetentionProperties.DEFAULT, false);
        write(engine, "cancelled", List.of(single("cpu", "DOUBLE", "1", clock.millis() - 1000, "host", "a")));
        QueryContext cancelled = context();
        cancelled.cancel("by the test");

        assertThatThrownBy(() -> scan(request("cancelled", List.of(DOUBLE_VALUE), Map.of()), cancelled))
                .isInstanceOf(EngineException.class).hasMessageContaining("cancelled");
        assertThatThrownBy(() -> scan(request("nope", List.of(DOUBLE_VALUE), Map.of()), context()))
                .isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }
}
