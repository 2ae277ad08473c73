package io.tidemark.engine.query;

import static io.tidemark.engine.query.QueryTestEngine.await;
import static io.tidemark.engine.query.QueryTestEngine.createTable;
import static io.tidemark.engine.query.QueryTestEngine.multi;
import static io.tidemark.engine.query.QueryTestEngine.single;
import static io.tidemark.engine.query.QueryTestEngine.versioned;
import static io.tidemark.engine.query.QueryTestEngine.write;
import static io.tidemark.engine.testing.BatchRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.Engine;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.query.QueryService.QueryPage;
import io.tidemark.engine.query.QueryService.QueryRequest;
import io.tidemark.engine.query.QueryService.QueryResult;
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
 * SQL end to end through the real planner on a real engine: 4 hosts in 2 regions, a cpu series
 * per host with 6 hourly points (the first 3 written to the magnetic store, one of them upserted
 * afterwards) and a multi-measure point per host; one hour of memory retention.
 */
class QueryEndToEndTest {

    @TempDir
    static Path dataDir;

    private static final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
    private static Engine engine;
    private static long start;

    @BeforeAll
    static void start() {
        engine = QueryTestEngine.start(dataDir, clock, Map.of());
        createTable(engine, "cpu", new RetentionProperties(1, 10), true);
        start = clock.millis() - Duration.ofMinutes(330).toMillis();
        List<RecordInput> old = new ArrayList<>();
        for (int host = 0; host < 4; host++) {
            for (int hour = 0; hour < 3; hour++) {
                old.add(single("cpu", "DOUBLE", Integer.toString(host * 10 + hour), start + hour * 3_600_000L,
                        "host", "h" + host, "region", host % 2 == 0 ? "eu" : "us"));
            }
        }
        write(engine, "cpu", old);
        await(engine.migrateNow());
        List<RecordInput> fresh = new ArrayList<>();
        for (int host = 0; host < 4; host++) {
            for (int hour = 3; hour < 6; hour++) {
                fresh.add(single("cpu", "DOUBLE", Integer.toString(host * 10 + hour), start + hour * 3_600_000L,
                        "host", "h" + host, "region", host % 2 == 0 ? "eu" : "us"));
            }
            fresh.add(multi("metrics", start + 5 * 3_600_000L, host / 2.0, host, "host", "h" + host, "region",
                    host % 2 == 0 ? "eu" : "us"));
        }
        // h0's first point, now in a magnetic segment, upserted to 100
        fresh.add(versioned(single("cpu", "DOUBLE", "100", start, "host", "h0", "region", "eu"), 2));
        write(engine, "cpu", fresh);
        assertThat(await(engine.usage(QueryTestEngine.DB, "cpu")).magneticStorePoints()).isEqualTo(12);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static QueryResult sql(String sql) {
        return await(engine.query(sql));
    }

    @Test
    void aggregatesAcrossBothTiersWithTheUpsertApplied() {
        QueryResult result = sql("SELECT host, count(*) AS points, sum(measure_value::double) AS total"
                + " FROM metrics_db.cpu WHERE measure_name = 'cpu' GROUP BY host ORDER BY host");

        assertThat(rows(result.rows())).containsExactly(
                List.of("h0", 6L, 100.0 + 1 + 2 + 3 + 4 + 5),
                List.of("h1", 6L, 10.0 + 11 + 12 + 13 + 14 + 15),
                List.of("h2", 6L, 20.0 + 21 + 22 + 23 + 24 + 25),
                List.of("h3", 6L, 30.0 + 31 + 32 + 33 + 34 + 35));
        assertThat(result.status().cumulativeBytesScanned()).isPositive();
    }

    @Test
    void binsByHourAndReadsMultiMeasureAttributes() {
        assertThat(rows(sql("SELECT bin(time, 1h) AS hour, count(*) FROM metrics_db.cpu"
                + " WHERE measure_name = 'cpu' GROUP BY bin(time, 1h) ORDER BY hour").rows())).hasSize(6)
                .allSatisfy(row -> assertThat(row.get(1)).isEqualTo(4L));
        assertThat(rows(sql("SELECT host, usage, count FROM metrics_db.cpu WHERE measure_name = 'metrics'"
                + " AND region = 'us' ORDER BY host").rows()))
                .containsExactly(List.of("h1", 0.5, 1L), List.of("h3", 1.5, 3L));
    }

    @Test
    void aDimensionPredicatePrunesWhatIsScanned() {
        long all = sql("SELECT measure_value::double FROM metrics_db.cpu").status().cumulativeBytesScanned();
        QueryResult one = sql("SELECT measure_value::double FROM metrics_db.cpu WHERE host = 'h2'");

        assertThat(one.rows().rowCount()).isEqualTo(7);
        assertThat(one.status().cumulativeBytesScanned()).isLessThan(all / 2);
    }

    @Test
    void pagesAnOrderedResultThroughTheService() {
        String query = "SELECT host, time, measure_value::double FROM metrics_db.cpu WHERE measure_name = 'cpu'"
                + " ORDER BY host, time";
        QueryPage page = await(engine.queries().query(new QueryRequest(query, Optional.empty(), Optional.empty(),
                Optional.of(5))));
        List<String> hosts = new ArrayList<>();
        int pages = 1;
        while (true) {
            for (List<Object> row : rows(page.rows())) {
                hosts.add((String) row.get(0));
            }
            if (page.nextToken().isEmpty()) {
                break;
            }
            page = await(engine.queries().query(new QueryRequest(query, Optional.empty(), page.nextToken(),
                    Optional.of(5))));
            pages++;
        }

        assertThat(pages).isEqualTo(5);
        assertThat(hosts).hasSize(24).isSorted();
    }

    @Test
    void explainAndQueriesWithoutATable() {
        QueryResult explain = sql("EXPLAIN SELECT count(*) FROM metrics_db.cpu WHERE host = 'h1'");
        assertThat(explain.columns().get(0).name()).isEqualTo("Query Plan");
        assertThat(rows(explain.rows())).isNotEmpty();

        assertThat(rows(sql("SELECT 1 + 1").rows())).containsExactly(List.of(2L));
        assertThatThrownBy(() -> sql("SELECT 1 / 0")).isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.VALIDATION))
                .hasMessageContaining("Division by zero");
    }
}
