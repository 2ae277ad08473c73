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
import io.tidemark.engine.query.QueryService.QueryResult;
import io.tidemark.engine.query.aggregate.BuiltinAggregates;
import io.tidemark.engine.query.function.ScalarFunctionRegistry;
import io.tidemark.engine.query.plan.Planner;
import io.tidemark.engine.query.plan.StatementPlan;
import io.tidemark.engine.write.DimensionInput;
import io.tidemark.engine.write.MeasureValueInput;
import io.tidemark.engine.write.RecordInput;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.OutputColumn;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statement cache over one real engine and the real planner: a text is cached on its second
 * run and planned no more after that, and a cached statement still answers as a fresh one would after a column is added, its
 * table is dropped or created again, the clock moves ({@code now()}, {@code ago()}), rows are
 * written under a subquery at the same instant, and when it runs on several threads at once.
 */
class StatementCacheTest {

    @TempDir
    static Path dataDir;

    private static final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = QueryTestEngine.start(dataDir, clock, Map.of());
        createTable(engine, "cpu", RetentionProperties.DEFAULT, false);
        long now = clock.millis();
        List<RecordInput> records = new ArrayList<>();
        for (int host = 0; host < 10; host++) {
            records.add(single("cpu", "DOUBLE", Integer.toString(host), now - 30_000, "host", "h" + host));
        }
        write(engine, "cpu", records);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** A query service over the engine whose planner counts its calls. */
    private static final class CountingService {
        final AtomicInteger plans = new AtomicInteger();
        final QueryService service;

        CountingService(int cachedStatements) {
            Planner planner = new Planner(ScalarFunctionRegistry.builtin(), BuiltinAggregates.instance());
            Function<Analysis, StatementPlan> counting = analysis -> {
                plans.incrementAndGet();
                return planner.plan(analysis);
            };
            QuerySettings base = QuerySettings.fromConfig(engine.system().settings().config());
            QuerySettings settings = new QuerySettings(base.timeout(), base.fragmentTimeout(), base.memoryLimitBytes(),
                    base.maxStoredResults(), base.maxStoredBytes(), base.resultTtl(), base.clientTokenWindow(),
                    base.maxPageBytes(), cachedStatements);
            service = QueryService.start(engine.system(), engine.catalog(), engine.fragments(), counting, settings,
                    Duration.ofSeconds(10), clock);
        }

        QueryResult run(String sql) {
            return await(service.execute(sql));
        }

        Object single(String sql) {
            QueryResult result = run(sql);
            assertThat(result.rows().rowCount()).as("rows of " + sql).isEqualTo(1);
            return result.rows().column(0).get(0);
        }
    }

    private static String columnNames(QueryResult result) {
        return String.join(",", result.columns().stream().map(OutputColumn::name).toList());
    }

    @Test
    void aTextIsCachedOnItsSecondRunAndAnswersTheSameFromTheCache() {
        CountingService counting = new CountingService(16);
        String sql = "SELECT host, max(measure_value::double) AS m FROM " + DB + ".cpu GROUP BY host ORDER BY host";

        QueryResult first = counting.run(sql);
        QueryResult second = counting.run(sql);
        assertThat(counting.plans).as("planned on each of its first two runs: the first leaves only its hash").hasValue(2);
        QueryResult third = counting.run(sql);
        QueryResult fourth = counting.run(sql);

        assertThat(counting.plans).as("the third and fourth runs take the cached plan").hasValue(2);
        assertThat(first.rows().rowCount()).isEqualTo(10);
        for (QueryResult again : List.of(second, third, fourth)) {
            assertThat(again.columns()).isEqualTo(first.columns());
            for (int row = 0; row < 10; row++) {
                assertThat(again.rows().column(0).get(row)).isEqualTo(first.rows().column(0).get(row));
                assertThat(again.rows().column(1).get(row)).isEqualTo(first.rows().column(1).get(row));
            }
        }
        counting.run(sql + " ");
        counting.run(sql + " ");
        counting.run(sql + " ");
        assertThat(counting.plans).as("another text is another statement").hasValue(4);
    }

    @Test
    void aCachedSelectStarSeesANewColumn() {
        createTable(engine, "growing", RetentionProperties.DEFAULT, false);
        long now = clock.millis();
        write(engine, "growing", List.of(multi("m", now - 20_000, 0.5, 7, "host", "a")));
        CountingService counting = new CountingService(16);
        String sql = "SELECT * FROM " + DB + ".growing ORDER BY time";

        assertThat(columnNames(counting.run(sql))).isEqualTo("host,measure_name,time,count,usage");
        counting.run(sql);
        assertThat(counting.run(sql).rows().rowCount()).isEqualTo(1);
        assertThat(counting.plans).as("cached on the second run").hasValue(2);
        write(engine, "growing", List.of(new RecordInput(List.of(new DimensionInput("host", "b", null)), "m", null,
                "MULTI", Long.toString(now - 10_000), "MILLISECONDS", null,
                List.of(new MeasureValueInput("temperature", "21.5", "DOUBLE")))));
        QueryResult after = counting.run(sql);

        assertThat(columnNames(after)).isEqualTo("host,measure_name,time,count,temperature,usage");
        assertThat(after.rows().rowCount()).isEqualTo(2);
        assertThat(after.rows().column(4).get(1)).isEqualTo(21.5);
        assertThat(counting.plans).as("the schema changed: analyzed and planned again").hasValue(3);
    }

    @Test
    void aCachedStatementFailsOnceItsTableIsDroppedAndReadsTheTableCreatedAgain() {
        createTable(engine, "dropped", RetentionProperties.DEFAULT, false);
        long now = clock.millis();
        write(engine, "dropped", List.of(single("cpu", "DOUBLE", "1", now - 5_000, "host", "a")));
        CountingService counting = new CountingService(16);
        String sql = "SELECT count(*) FROM " + DB + ".dropped";
        assertThat(counting.single(sql)).isEqualTo(1L);
        assertThat(counting.single(sql)).as("now cached").isEqualTo(1L);

        await(engine.deleteTable(DB, "dropped"));
        assertThatThrownBy(() -> counting.run(sql)).isInstanceOf(EngineException.class)
                .hasMessageContaining("dropped")
                .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.VALIDATION));

        createTable(engine, "dropped", RetentionProperties.DEFAULT, false);
        write(engine, "dropped", List.of(single("cpu", "DOUBLE", "1", now - 5_000, "host", "a"),
                single("cpu", "DOUBLE", "2", now - 4_000, "host", "b"), single("cpu", "DOUBLE", "3", now - 3_000, "host", "c")));
        assertThat(counting.single(sql)).as("the new table's rows").isEqualTo(3L);
    }

    @Test
    void nowAndAgoAreEvaluatedWhenTheCachedStatementRuns() {
        CountingService counting = new CountingService(16);
        String window = "SELECT count(*) FROM " + DB + ".cpu WHERE time > ago(1m)";
        String now = "SELECT now()";
        String explain = "EXPLAIN SELECT count(*) FROM " + DB + ".cpu WHERE time > ago(1h)";
        Instant start = clock.instant();
        try {
            for (int run = 0; run < 2; run++) {
                assertThat(counting.single(window)).isEqualTo(10L);
                assertThat(counting.single(now)).isEqualTo(start.getEpochSecond() * 1_000_000_000L);
            }
            counting.single(explain);
            Object firstExplain = counting.single(explain);

            clock.advance(Duration.ofMinutes(2));
            assertThat(counting.single(window)).as("the rows are 2.5 minutes old now").isEqualTo(0L);
            assertThat(counting.single(now)).as("epoch nanos").isEqualTo((start.getEpochSecond() + 120) * 1_000_000_000L);
            assertThat(counting.single(explain)).asString().contains("time=[2026-03-10T11:02:00.000000001Z")
                    .isNotEqualTo(firstExplain);
            assertThat(counting.plans).as("each text planned on its first two runs only").hasValue(6);
        } finally {
            clock.set(start);
        }
    }

    @Test
    void aStatementWithASubqueryReadsRowsWrittenSinceItsLastRunAtTheSameInstant() {
        createTable(engine, "nested", RetentionProperties.DEFAULT, false);
        long now = clock.millis();
        write(engine, "nested", List.of(single("cpu", "DOUBLE", "1", now - 5_000, "host", "a")));
        CountingService counting = new CountingService(16);
        String sql = "SELECT (SELECT count(*) FROM " + DB + ".nested) AS n";
        assertThat(counting.single(sql)).isEqualTo(1L);
        assertThat(counting.single(sql)).as("now cached").isEqualTo(1L);

        write(engine, "nested", List.of(single("cpu", "DOUBLE", "2", now - 4_000, "host", "b")));

        assertThat(counting.single(sql)).as("same clock instant, new row").isEqualTo(2L);
    }

    @Test
    void runsOfOneTextOnSeveralThreadsAtOnceEachGetTheWholeAnswer() {
        CountingService counting = new CountingService(16);
        String sql = "SELECT sum(measure_value::double) FROM " + DB + ".cpu WHERE host IN ('h1', 'h2', 'h9')";
        counting.run(sql);
        List<CompletableFuture<QueryResult>> runs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            runs.add(counting.service.execute(sql).toCompletableFuture());
        }
        for (CompletableFuture<QueryResult> run : runs) {
            assertThat(run.join().rows().column(0).get(0)).isEqualTo(12.0);
        }
        assertThat(counting.plans.get()).as("plans made while others ran").isBetween(2, 41);
        int before = counting.plans.get();
        counting.run(sql);
        assertThat(counting.plans.get()).as("an idle plan is reused").isEqualTo(before);
    }

    @Test
    void theCacheKeepsTheMostRecentlyRunTextsOnly() {
        String a = "SELECT count(*) FROM " + DB + ".cpu WHERE host = 'h1'";
        String b = "SELECT count(*) FROM " + DB + ".cpu WHERE host = 'h2'";
        CountingService one = new CountingService(1);
        one.run(a);
        one.run(a);
        one.run(a);
        assertThat(one.plans).as("a cached on its second run").hasValue(2);
        one.run(b);
        one.run(b);
        one.run(a);
        one.run(a);
        assertThat(one.plans).as("b cached (a dropped), a planned and cached again (b dropped), a cached").hasValue(5);

        CountingService none = new CountingService(0);
        none.run(a);
        none.run(a);
        none.run(a);
        assertThat(none.plans).as("cache off: planned for every run").hasValue(3);
    }
}
