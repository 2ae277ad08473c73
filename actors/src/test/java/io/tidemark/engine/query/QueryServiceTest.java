package io.tidemark.engine.query;

import static io.tidemark.engine.query.QueryTestEngine.DB;
import static io.tidemark.engine.query.QueryTestEngine.await;
import static io.tidemark.engine.query.QueryTestEngine.createTable;
import static io.tidemark.engine.query.QueryTestEngine.multi;
import static io.tidemark.engine.query.QueryTestEngine.single;
import static io.tidemark.engine.query.QueryTestEngine.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.Engine;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.query.QueryService.PreparedColumn;
import io.tidemark.engine.query.QueryService.PreparedQuery;
import io.tidemark.engine.query.QueryService.QueryPage;
import io.tidemark.engine.query.QueryService.QueryRequest;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.write.RecordInput;
import io.tidemark.sql.analyzer.OutputColumn;
import io.tidemark.sql.type.PrimitiveType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query service over one real engine: paging, tokens, idempotency, cancellation, limits,
 * catalog statements and errors. SELECTs are planned by {@link ScanAllPlanner}.
 */
class QueryServiceTest {

    private static final String SELECT = "SELECT host, measure_value::double FROM metrics_db.cpu";
    private static final String CLIENT_TOKEN = "client-token-0123456789abcdef-0123456789";

    @TempDir
    static Path dataDir;

    private static final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
    private static Engine engine;
    private static QueryService service;

    @BeforeAll
    static void start() {
        engine = QueryTestEngine.start(dataDir, clock, Map.of());
        createTable(engine, "cpu", RetentionProperties.DEFAULT, false);
        createTable(engine, "mixed", RetentionProperties.DEFAULT, false);
        long now = clock.millis();
        List<RecordInput> records = new ArrayList<>();
        for (int host = 0; host < 25; host++) {
            records.add(single("cpu", "DOUBLE", Integer.toString(host), now - 1000, "host", String.format("h%02d", host)));
        }
        write(engine, "cpu", records);
        write(engine, "mixed", List.of(single("cpu", "DOUBLE", "1.5", now - 1000, "host", "a"),
                multi("metrics", now - 1000, 0.5, 7, "host", "a", "region", "eu")));
        service = service(settings(), context -> { });
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static QuerySettings settings() {
        return QuerySettings.fromConfig(engine.system().settings().config());
    }

    private static QueryService service(QuerySettings settings, Consumer<QueryContext> beforeScan) {
        return QueryService.start(engine.system(), engine.catalog(), engine.fragments(), new ScanAllPlanner(beforeScan),
                settings, Duration.ofSeconds(10), clock);
    }

    private static QueryPage query(QueryService on, String sql, Optional<String> token, Optional<Integer> maxRows) {
        return await(on.query(new QueryRequest(sql, Optional.empty(), token, maxRows)));
    }

    private static List<Object> column(Batch rows, int channel) {
        List<Object> values = new ArrayList<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            values.add(rows.column(channel).get(r));
        }
        return values;
    }

    private static void assertFails(CompletionStage<?> stage, ErrorKind kind, String message) {
        assertThatThrownBy(() -> await(stage)).isInstanceOf(EngineException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(kind));
    }

    @Test
    void pagesThroughAResultWithMaxRows() {
        QueryPage first = query(service, SELECT, Optional.empty(), Optional.of(10));
        QueryPage second = query(service, SELECT, first.nextToken(), Optional.of(10));
        QueryPage third = query(service, SELECT, second.nextToken(), Optional.of(10));

        assertThat(List.of(first.rows().rowCount(), second.rows().rowCount(), third.rows().rowCount()))
                .containsExactly(10, 10, 5);
        assertThat(third.nextToken()).isEmpty();
        assertThat(List.of(second.queryId(), third.queryId())).containsOnly(first.queryId());
        assertThat(third.columns()).containsExactly(new OutputColumn("host", PrimitiveType.VARCHAR),
                new OutputColumn("measure_value::double", PrimitiveType.DOUBLE));
        List<Object> hosts = new ArrayList<>(column(first.rows(), 0));
        hosts.addAll(column(second.rows(), 0));
        hosts.addAll(column(third.rows(), 0));
        assertThat(hosts).hasSize(25).doesNotHaveDuplicates();
        assertThat(first.status().progressPercentage()).isEqualTo(100.0);
        assertThat(first.status().cumulativeBytesScanned()).as("3 bytes of host + 8 of value per row").isEqualTo(25 * 11);
        assertThat(first.status().cumulativeBytesMetered()).isEqualTo(10_000_000L);
    }

    @Test
    void theSameTokenReturnsTheSamePageAndOnlyForTheSameQueryString() {
        QueryPage first = query(service, SELECT, Optional.empty(), Optional.of(7));
        QueryPage again = query(service, SELECT, first.nextToken(), Optional.of(7));
        QueryPage repeated = query(service, SELECT, first.nextToken(), Optional.of(7));

        assertThat(column(repeated.rows(), 0)).isEqualTo(column(again.rows(), 0)).hasSize(7);
        assertThat(repeated.nextToken()).isEqualTo(again.nextToken());
        assertFails(service.query(new QueryRequest(SELECT + " ", Optional.empty(), first.nextToken(), Optional.empty())),
                ErrorKind.VALIDATION, "Invalid pagination token");
        assertFails(service.query(new QueryRequest(SELECT, Optional.empty(), Optional.of("bm90LWEtdG9rZW4"),
                Optional.empty())), ErrorKind.VALIDATION, "Invalid pagination token");
    }

    @Test
    void withoutMaxRowsAPageFillsUpToThePageByteLimit() {
        QuerySettings small = settings();
        // a row is about 12 + (18 + 3) + (18 + 24) = 75 bytes: three fit in 250
        QueryService smallPages = service(new QuerySettings(small.timeout(), small.fragmentTimeout(),
                small.memoryLimitBytes(), small.maxStoredResults(), small.maxStoredBytes(), small.resultTtl(),
                small.clientTokenWindow(), 250), context -> { });

        QueryPage first = query(smallPages, SELECT, Optional.empty(), Optional.empty());
        int pages = 1;
        int rows = first.rows().rowCount();
        for (QueryPage page = first; page.nextToken().isPresent(); pages++) {
            page = query(smallPages, SELECT, page.nextToken(), Optional.empty());
            rows += page.rows().rowCount();
        }

        assertThat(first.rows().rowCount()).isEqualTo(3);
        assertThat(rows).isEqualTo(25);
        assertThat(pages).isEqualTo(9);
    }

    @Test
    void maxRowsOutsideItsRangeIsRefusedInTimestreamsWords() {
        assertFails(service.query(new QueryRequest(SELECT, Optional.empty(), Optional.empty(), Optional.of(0))),
                ErrorKind.VALIDATION, "Value '0' at 'maxRows' failed to satisfy constraint: Member must have value"
                        + " greater than or equal to 1");
        assertFails(service.query(new QueryRequest(SELECT, Optional.empty(), Optional.empty(), Optional.of(1001))),
                ErrorKind.VALIDATION, "Member must have value less than or equal to 1000");
    }

    @Test
    void aClientTokenRepeatsItsRunWithinFiveMinutesForTheSameQueryOnly() {
        String token = CLIENT_TOKEN + "-idempotent";
        QueryPage first = await(service.query(new QueryRequest(SELECT, Optional.of(token), Optional.empty(),
                Optional.empty())));
        QueryPage repeated = await(service.query(new QueryRequest(SELECT, Optional.of(token), Optional.empty(),
                Optional.empty())));

        assertThat(repeated.queryId()).isEqualTo(first.queryId());
        assertFails(service.query(new QueryRequest("SELECT host FROM metrics_db.cpu", Optional.of(token),
                Optional.empty(), Optional.empty())), ErrorKind.VALIDATION, "ClientToken was already used");

        clock.advance(Duration.ofMinutes(6));
        QueryPage later = await(service.query(new QueryRequest(SELECT, Optional.of(token), Optional.empty(),
                Optional.empty())));
        assertThat(later.queryId()).isNotEqualTo(first.queryId());
    }

    @Test
    void cancellingARunningQueryFailsItAndPollingACancelledQueryConflicts() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> queryId = new AtomicReference<>();
        QueryService held = service(settings(), context -> {
            queryId.set(context.queryId());
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletionStage<QueryPage> running = held.query(new QueryRequest(SELECT, Optional.empty(), Optional.empty(),
                Optional.empty()));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(await(held.cancel(queryId.get()))).isEmpty();
        assertFails(running, ErrorKind.CONFLICT, "was cancelled");
        assertThat(await(held.cancel(queryId.get()))).hasValueSatisfying(m -> assertThat(m).contains("already"));
        release.countDown();

        QueryPage first = query(service, SELECT, Optional.empty(), Optional.of(5));
        await(service.cancel(first.queryId()));
        assertFails(service.query(new QueryRequest(SELECT, Optional.empty(), first.nextToken(), Optional.empty())),
                ErrorKind.CONFLICT, "was cancelled");
        assertFails(service.cancel("unknown1"), ErrorKind.VALIDATION, "QueryId=unknown1");
    }

    @Test
    void aQueryPastItsTimeLimitFailsClearly() {
        QuerySettings base = settings();
        QueryService hasted = service(new QuerySettings(Duration.ofNanos(1), base.fragmentTimeout(),
                base.memoryLimitBytes(), base.maxStoredResults(), base.maxStoredBytes(), base.resultTtl(),
                base.clientTokenWindow(), base.maxPageBytes()), context -> { });

        assertThatThrownBy(() -> query(hasted, SELECT, Optional.empty(), Optional.empty()))
                .isInstanceOf(EngineException.class).hasMessageMatching("Query \\w+ (timed out|exceeded its time limit).*");
    }

    @Test
    void aQueryStuckPastItsTimeLimitIsAnsweredByItsTimerAndTold() throws InterruptedException {
        QuerySettings base = settings();
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<QueryContext> stuck = new AtomicReference<>();
        QueryService held = service(new QuerySettings(Duration.ofMillis(200), base.fragmentTimeout(),
                base.memoryLimitBytes(), base.maxStoredResults(), base.maxStoredBytes(), base.resultTtl(),
                base.clientTokenWindow(), base.maxPageBytes()), context -> {
                    stuck.set(context);
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        try {
            // the work never checks its deadline while it waits: only the timer can answer
            assertFails(held.query(new QueryRequest(SELECT, Optional.empty(), Optional.empty(), Optional.empty())),
                    ErrorKind.VALIDATION, "timed out: it ran longer than 200 ms");
            assertThat(stuck.get().isCancelled()).as("the query's context is told to stop").isTrue();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aResultLargerThanTheMemoryLimitFailsClearly() {
        QuerySettings base = settings();
        QueryService frugal = service(new QuerySettings(base.timeout(), base.fragmentTimeout(), 1000,
                base.maxStoredResults(), base.maxStoredBytes(), base.resultTtl(), base.clientTokenWindow(),
                base.maxPageBytes()), context -> { });

        assertFails(frugal.query(new QueryRequest(SELECT, Optional.empty(), Optional.empty(), Optional.empty())),
                ErrorKind.VALIDATION, "exceeded its memory limit: limit=1000 bytes");
    }

    @Test
    void showAndDescribeAnswerFromTheCatalog() {
        assertThat(column(query(service, "SHOW DATABASES", Optional.empty(), Optional.empty()).rows(), 0))
                .containsExactly(DB);
        assertThat(column(query(service, "SHOW TABLES FROM metrics_db", Optional.empty(), Optional.empty()).rows(), 0))
                .containsExactly("cpu", "mixed");
        assertThat(column(query(service, "SHOW TABLES FROM metrics_db LIKE 'm%'", Optional.empty(), Optional.empty())
                .rows(), 0)).containsExactly("mixed");

        Batch measures = query(service, "SHOW MEASURES FROM metrics_db.mixed", Optional.empty(), Optional.empty()).rows();
        assertThat(column(measures, 0)).containsExactly("cpu", "metrics");
        assertThat(column(measures, 1)).containsExactly("double", "multi");
        assertThat(measures.column(2).get(0)).isEqualTo(List.of(List.of("host", "varchar"), List.of("region", "varchar")));

        QueryPage describe = query(service, "DESCRIBE metrics_db.mixed", Optional.empty(), Optional.empty());
        assertThat(describe.columns()).extracting(OutputColumn::name)
                .containsExactly("Column", "Type", "Timestream attribute type");
        assertThat(column(describe.rows(), 0)).containsExactly("host", "region", "measure_name", "time",
                "measure_value::double", "count", "usage");
        assertThat(column(describe.rows(), 1)).containsExactly("varchar", "varchar", "varchar", "timestamp", "double",
                "bigint", "double");
        assertThat(column(describe.rows(), 2)).containsExactly("DIMENSION", "DIMENSION", "MEASURE_NAME", "TIMESTAMP",
                "MEASURE_VALUE", "MULTI", "MULTI");
    }

    @Test
    void aDimensionFirstWrittenAfterAQueryIsSeenByTheNextQuery() {
        createTable(engine, "evolving", RetentionProperties.DEFAULT, false);
        write(engine, "evolving", List.of(single("cpu", "DOUBLE", "1.5", clock.millis() - 1000, "host", "a")));
        assertThat(query(service, "SELECT host FROM metrics_db.evolving", Optional.empty(), Optional.empty())
                .rows().rowCount()).isEqualTo(1);
        assertFails(service.query(new QueryRequest("SELECT region FROM metrics_db.evolving", Optional.empty(),
                Optional.empty(), Optional.empty())), ErrorKind.VALIDATION, "region");

        write(engine, "evolving", List.of(single("cpu", "DOUBLE", "2.5", clock.millis() - 500, "host", "b",
                "region", "eu")));

        assertThat(query(service, "SELECT region FROM metrics_db.evolving", Optional.empty(), Optional.empty())
                .rows().rowCount()).isEqualTo(2);
    }

    @Test
    void parseAndSemanticErrorsCarryLineAndColumn() {
        assertFails(service.query(new QueryRequest("SELECT FROM metrics_db.cpu", Optional.empty(), Optional.empty(),
                Optional.empty())), ErrorKind.VALIDATION, "line 1:8: ");
        assertFails(service.query(new QueryRequest("SELECT nope\nFROM metrics_db.cpu", Optional.empty(),
                Optional.empty(), Optional.empty())), ErrorKind.VALIDATION, "line 1:8: ");
        assertFails(service.query(new QueryRequest("SELECT * FROM metrics_db.absent", Optional.empty(),
                Optional.empty(), Optional.empty())), ErrorKind.VALIDATION, "line 1:15: ");
        assertFails(service.query(new QueryRequest("UNLOAD (SELECT host FROM metrics_db.cpu) TO 's3://b/p'",
                Optional.empty(), Optional.empty(), Optional.empty())), ErrorKind.VALIDATION, "UNLOAD is not supported yet");
        assertFails(service.query(new QueryRequest("", Optional.empty(), Optional.empty(), Optional.empty())),
                ErrorKind.VALIDATION, "at 'queryString' failed to satisfy constraint");
    }

    @Test
    void prepareGivesColumnsWithTheirTablesAndTheParameters() {
        PreparedQuery prepared = await(service.prepare(
                "SELECT host AS h, time FROM metrics_db.cpu WHERE host = @wanted"));

        assertThat(prepared.columns()).containsExactly(
                new PreparedColumn("h", PrimitiveType.VARCHAR, Optional.of(DB), Optional.of("cpu"), true),
                new PreparedColumn("time", PrimitiveType.TIMESTAMP, Optional.of(DB), Optional.of("cpu"), false));
        assertThat(prepared.parameters()).extracting(QueryService.ParameterMapping::name).containsExactly("wanted");
    }
}
