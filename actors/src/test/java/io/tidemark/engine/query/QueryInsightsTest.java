package io.tidemark.engine.query;

import static io.tidemark.engine.query.QueryTestEngine.DB;
import static io.tidemark.engine.query.QueryTestEngine.await;
import static io.tidemark.engine.query.QueryTestEngine.createTable;
import static io.tidemark.engine.query.QueryTestEngine.single;
import static io.tidemark.engine.query.QueryTestEngine.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.Engine;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.query.QueryService.QueryPage;
import io.tidemark.engine.query.QueryService.QueryRequest;
import io.tidemark.engine.write.RecordInput;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QueryInsights over a known data set: the spatial coverage (shards read of the table's shards),
 * the widest time range read, the table count and the output's rows and bytes, the same on every
 * page; insights-enabled queries are limited to one per second (the test's clock decides), other
 * queries and further pages are not.
 */
class QueryInsightsTest {

    private static final int SHARDS = 4;
    private static final long MINUTE_NANOS = 60_000_000_000L;

    @TempDir
    static Path dataDir;

    private static final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
    private static Engine engine;
    private static QueryService queries;
    private static TableDescription cpu;
    private static TableDescription mem;

    @BeforeAll
    static void start() {
        engine = QueryTestEngine.start(dataDir, clock, Map.of("tidemark.engine.catalog.shards-per-table", SHARDS));
        cpu = createTable(engine, "cpu", RetentionProperties.DEFAULT, false);
        mem = createTable(engine, "mem", RetentionProperties.DEFAULT, false);
        List<RecordInput> records = new ArrayList<>();
        for (int minute = 1; minute <= 10; minute++) {
            for (int host = 0; host < 8; host++) {
                records.add(single("usage", "DOUBLE", Integer.toString(minute), clock.millis() - minute * 60_000L,
                        "host", "h" + host));
            }
        }
        write(engine, "cpu", records);
        write(engine, "mem", records.subList(0, 8));
        queries = engine.queries();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static QueryPage query(String sql, Optional<String> token, boolean insights) {
        return await(queries.query(new QueryRequest(sql, Optional.empty(), token, Optional.of(30), insights)));
    }

    @Test
    void insightsDescribeWhatTheQueryReadAndReturnedOnEveryPage() {
        clock.advance(Duration.ofSeconds(10));
        String sql = "SELECT host, time FROM " + DB + ".cpu WHERE time BETWEEN ago(5m) AND now() - 30s";

        QueryPage first = query(sql, Optional.empty(), true);
        QueryPage second = query(sql, first.nextToken(), true);

        QueryInsights insights = first.insights().orElseThrow();
        assertThat(insights.outputRows()).as("minutes 1..4 before the start, 8 hosts each").isEqualTo(32);
        assertThat(insights.outputBytes()).isEqualTo(ResultSizes.all(await(queries.execute(sql)).rows()));
        assertThat(insights.tableCount()).isEqualTo(1);
        assertThat(insights.spatialCoverage().orElseThrow())
                .isEqualTo(new QueryInsights.SpatialCoverage(1.0, cpu.arn(), List.of("measure_name")));
        assertThat(insights.temporalRange().orElseThrow())
                .isEqualTo(new QueryInsights.TemporalRange(5 * MINUTE_NANOS - 30_000_000_000L, cpu.arn()));
        assertThat(first.rows().rowCount() + second.rows().rowCount()).isEqualTo(32);
        assertThat(second.insights()).as("repeated on every page").contains(insights);
        assertThat(query(sql, Optional.empty(), false).insights()).isEmpty();
        assertThat(first.rows().rowCount()).isEqualTo(30);
    }

    @Test
    void theWidestRangeAndCoverageOfSeveralTablesAreReported() {
        clock.advance(Duration.ofSeconds(10));
        QueryInsights insights = query("SELECT host FROM " + DB + ".cpu WHERE time > ago(2m) UNION ALL SELECT host FROM "
                + DB + ".mem WHERE time BETWEEN ago(9m) AND ago(1m)", Optional.empty(), true).insights().orElseThrow();

        assertThat(insights.tableCount()).isEqualTo(2);
        assertThat(insights.temporalRange().orElseThrow())
                .isEqualTo(new QueryInsights.TemporalRange(8 * MINUTE_NANOS, mem.arn()));
        assertThat(insights.spatialCoverage().orElseThrow().value()).isEqualTo(1.0);
    }

    @Test
    void aStatementReadingNoTableHasNoCoverageNorRange() {
        clock.advance(Duration.ofSeconds(10));
        QueryInsights insights = query("SELECT 1 AS one", Optional.empty(), true).insights().orElseThrow();

        assertThat(insights).isEqualTo(new QueryInsights(Optional.empty(), Optional.empty(), 0, 1, 50));
    }

    @Test
    void insightsEnabledQueriesAreLimitedToOnePerSecond() {
        clock.advance(Duration.ofSeconds(10));
        String sql = "SELECT host FROM " + DB + ".cpu";
        QueryPage first = query(sql, Optional.empty(), true);

        assertThatThrownBy(() -> query(sql, Optional.empty(), true)).isInstanceOf(EngineException.class)
                .hasMessageContaining("limited to 1 per second")
                .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.THROTTLING));
        assertThat(query(sql, first.nextToken(), true).rows().rowCount()).as("a further page is no new query")
                .isEqualTo(30);
        assertThat(query(sql, Optional.empty(), false).rows().rowCount()).isEqualTo(30);

        clock.advance(Duration.ofSeconds(1));
        assertThat(query(sql, Optional.empty(), true).insights()).isPresent();
    }
}
