package io.tidemark.engine.query;

import static io.tidemark.engine.query.QueryTestEngine.await;
import static io.tidemark.engine.query.QueryTestEngine.createTable;
import static io.tidemark.engine.query.QueryTestEngine.multi;
import static io.tidemark.engine.query.QueryTestEngine.single;
import static io.tidemark.engine.query.QueryTestEngine.versioned;
import static io.tidemark.engine.query.QueryTestEngine.write;
import static io.tidemark.engine.testing.BatchRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.Engine;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.query.QueryService.QueryResult;
import io.tidemark.engine.write.DimensionInput;
import io.tidemark.engine.write.MeasureValueInput;
import io.tidemark.engine.write.RecordInput;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Aggregations answered from chunk stats give the very rows decoding gives. Each query is
 * compared with itself plus a WHERE term that changes no row but is not a pruning term
 * ({@code measure_name = measure_name}), which makes every chunk decode. Data: 4 hosts in 2
 * regions with a DOUBLE {@code cpu} and a BIGINT {@code load} point every 10 minutes over 5.5
 * hours (the older 4.5 hours in magnetic segments, one point upserted afterwards, the rest in the
 * memory store), multi-measure {@code metrics} points with some attributes missing, and a BIGINT
 * series whose chunk sum overflows. max(time)/max_by(x, time) (and min) answer chunks a lookback
 * (an upper bound) cuts as well, so those queries run with time bounds cutting chunks in turn.
 */
class ChunkStatsAggregationTest {

    @TempDir
    static Path dataDir;

    private static final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
    private static final long MINUTE = 60_000L;
    private static Engine engine;
    private static long start;

    @BeforeAll
    static void start() {
        engine = QueryTestEngine.start(dataDir, clock, Map.of());
        createTable(engine, "cpu", new RetentionProperties(1, 10), true);
        start = clock.millis() - 330 * MINUTE;
        write(engine, "cpu", points(0, 26));
        await(engine.migrateNow());
        List<RecordInput> fresh = points(28, 32);
        // h0's first point, now in a magnetic segment, upserted
        fresh.add(versioned(single("cpu", "DOUBLE", "100", start, "host", "h0", "region", "eu"), 2));
        long now = clock.millis();
        fresh.add(single("big", "BIGINT", Long.toString(Long.MAX_VALUE), now - 30 * MINUTE, "host", "h9"));
        fresh.add(single("big", "BIGINT", "1", now - 20 * MINUTE, "host", "h9"));
        fresh.add(single("big", "BIGINT", "-2", now - 10 * MINUTE, "host", "h9"));
        write(engine, "cpu", fresh);
    }

    /** Points {@code from..to} (10 minutes apart) of every host's cpu, load and metrics series. */
    private static List<RecordInput> points(int from, int to) {
        List<RecordInput> records = new ArrayList<>();
        for (int host = 0; host < 4; host++) {
            String region = host % 2 == 0 ? "eu" : "us";
            for (int i = from; i <= to; i++) {
                long time = start + i * 10 * MINUTE;
                records.add(single("cpu", "DOUBLE", Double.toString(host * 100 + i * 0.5), time, "host", "h" + host, "region", region));
                records.add(single("load", "BIGINT", Long.toString(host * 1000 - i), time, "host", "h" + host, "region", region));
                if (i % 3 == 0) {
                    records.add(new RecordInput(List.of(new DimensionInput("host", "h" + host, null), new DimensionInput("region", region, null)),
                            "metrics", null, "MULTI", Long.toString(time), "MILLISECONDS", null,
                            List.of(new MeasureValueInput("usage", Double.toString(i * 0.25), "DOUBLE"))));
                } else {
                    records.add(multi("metrics", time, host + i * 0.5, host * 10L + i, "host", "h" + host, "region", region));
                }
            }
        }
        return records;
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static QueryResult sql(String sql) {
        return await(engine.query(sql));
    }

    /** The query's rows, checked equal to those of its decoded twin ({@link QueryTestEngine#sameAsDecoded}). */
    private static List<List<Object>> sameAsDecoded(String select, String where, String tail) {
        return QueryTestEngine.sameAsDecoded(engine, select, where, tail);
    }

    private static String ago(long minutes) {
        return "from_milliseconds(" + (clock.millis() - minutes * MINUTE) + ")";
    }

    @Test
    void globalAggregatesOfDoublesAndBigints() {
        List<List<Object>> rows = sameAsDecoded("SELECT count(*), count(measure_value::double), sum(measure_value::double),"
                + " min(measure_value::double), max(measure_value::double), avg(measure_value::double) FROM metrics_db.cpu",
                "measure_name = 'cpu'", "");
        assertThat(rows.get(0).get(0)).isEqualTo(4L * 32);
        sameAsDecoded("SELECT count(*), sum(measure_value::bigint), min(measure_value::bigint), max(measure_value::bigint),"
                + " avg(measure_value::bigint) FROM metrics_db.cpu", "measure_name = 'load'", "");
    }

    @Test
    void withoutWhereEverySeriesCountsIncludingTheOnesLackingTheColumn() {
        List<List<Object>> rows = sameAsDecoded("SELECT count(*), count(measure_value::double), sum(measure_value::double),"
                + " count(usage), sum(usage), min(count), max(count), avg(count) FROM metrics_db.cpu", "", "");
        assertThat(rows.get(0).get(1)).isEqualTo(4L * 32);
    }

    @Test
    void groupedByDimensionsAndMeasureName() {
        sameAsDecoded("SELECT host, count(*), sum(measure_value::double), min(measure_value::double), max(measure_value::double),"
                + " avg(measure_value::double) FROM metrics_db.cpu", "measure_name = 'cpu'", "GROUP BY host ORDER BY host");
        sameAsDecoded("SELECT region, measure_name, count(*), sum(measure_value::bigint), avg(measure_value::double)"
                + " FROM metrics_db.cpu", "measure_name IN ('cpu', 'load', 'metrics')", "GROUP BY region, measure_name ORDER BY region, measure_name");
        sameAsDecoded("SELECT region, count(*) FROM metrics_db.cpu", "host IN ('h1', 'h2') AND measure_name = 'load'",
                "GROUP BY region ORDER BY region");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bin(time, 10m)", "bin(time, 1h)", "bin(time, 3h)", "bin(time, 1d)", "date_trunc('hour', time)",
            "date_trunc('day', time)"})
    void groupedByTimeBinsWithChunksInsideAndAcrossBins(String bin) {
        sameAsDecoded("SELECT host, " + bin + " AS b, count(*), sum(measure_value::double), min(measure_value::double),"
                + " max(measure_value::double), avg(measure_value::double) FROM metrics_db.cpu", "measure_name = 'cpu'",
                "GROUP BY host, " + bin + " ORDER BY host, b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bin(time, 30m)", "bin(time, 1h)", "bin(time, 2h)", "date_trunc('hour', time)"})
    void binsCuttingChunksOfSeriesWithGapsUnderRangesCuttingThem(String bin) {
        String range = "measure_name = 'metrics' AND time >= " + ago(235) + " AND time < " + ago(20);
        sameAsDecoded("SELECT host, " + bin + " AS b, count(*), count(count), sum(count), min(usage), max(count), avg(usage),"
                + " avg(count), sum(usage) FROM metrics_db.cpu", range, "GROUP BY host, " + bin + " ORDER BY host, b");
        sameAsDecoded("SELECT region, " + bin + " AS b, min(time), max(time), max_by(usage, time), min_by(count, time)"
                + " FROM metrics_db.cpu", range, "GROUP BY region, " + bin + " ORDER BY region, b");
        sameAsDecoded("SELECT " + bin + " AS b, host, max(measure_value::bigint), avg(measure_value::bigint) FROM metrics_db.cpu",
                "measure_name = 'load'", "GROUP BY " + bin + ", host ORDER BY b, host");
    }

    @Test
    void chunksCutIntoBinsCountTheBytesTheScanWould() {
        // inside the magnetic day block of each series (points up to 70 minutes ago), cutting it at both ends
        String where = " FROM metrics_db.cpu WHERE measure_name = 'cpu' AND time BETWEEN " + ago(200) + " AND " + ago(75)
                + " GROUP BY host, bin(time, 1h)";
        long runs = sql("SELECT host, bin(time, 1h), avg(measure_value::double), max(measure_value::double)" + where)
                .status().cumulativeBytesScanned();
        long decoded = sql("SELECT host, bin(time, 1h), avg(measure_value::double + 0), max(measure_value::double + 0)" + where)
                .status().cumulativeBytesScanned();
        assertThat(runs).isPositive().isEqualTo(decoded);
    }

    @Test
    void timeRangesCuttingChunks() {
        sameAsDecoded("SELECT host, count(*), sum(measure_value::double), max(measure_value::double) FROM metrics_db.cpu",
                "measure_name = 'cpu' AND time BETWEEN " + ago(235) + " AND " + ago(95), "GROUP BY host ORDER BY host");
        sameAsDecoded("SELECT count(*), avg(measure_value::bigint) FROM metrics_db.cpu",
                "measure_name = 'load' AND time > " + ago(45), "");
        sameAsDecoded("SELECT bin(time, 1h) AS b, count(*), min(measure_value::double) FROM metrics_db.cpu",
                "time >= " + ago(300) + " AND time < " + ago(15) + " AND measure_name = 'cpu'", "GROUP BY bin(time, 1h) ORDER BY b");
    }

    @Test
    void newestRowAggregatesAnswerChunksTheLookbackCuts() {
        for (long lookback : new long[] {25, 95, 200, 400}) {
            List<List<Object>> rows = sameAsDecoded("SELECT host, max(time) AS t, max_by(measure_value::double, time) AS v FROM metrics_db.cpu",
                    "measure_name = 'cpu' AND time >= " + ago(lookback), "GROUP BY host ORDER BY host");
            assertThat(rows).hasSize(4);
            sameAsDecoded("SELECT host, max(time), max_by(usage, time), max_by(count, time) FROM metrics_db.cpu",
                    "measure_name = 'metrics' AND time >= " + ago(lookback), "GROUP BY host ORDER BY host");
        }
        sameAsDecoded("SELECT host, max_by(measure_value::bigint, time), max(time) FROM metrics_db.cpu",
                "measure_name IN ('load', 'big')", "GROUP BY host ORDER BY host");
    }

    @Test
    void oldestRowAggregatesAnswerChunksAnUpperBoundCuts() {
        for (long until : new long[] {15, 100, 250}) {
            sameAsDecoded("SELECT host, min(time), min_by(measure_value::double, time) FROM metrics_db.cpu",
                    "measure_name = 'cpu' AND time <= " + ago(until), "GROUP BY host ORDER BY host");
        }
    }

    @Test
    void newestRowAggregatesNextToWholeChunkOnesOrKeysVaryingInTheChunkAreDecoded() {
        sameAsDecoded("SELECT host, count(*), max(time), max_by(measure_value::double, time) FROM metrics_db.cpu",
                "measure_name = 'cpu' AND time >= " + ago(95), "GROUP BY host ORDER BY host");
        sameAsDecoded("SELECT host, bin(time, 10m) AS b, max(time), max_by(measure_value::double, time) FROM metrics_db.cpu",
                "measure_name = 'cpu' AND time >= " + ago(95), "GROUP BY host, bin(time, 10m) ORDER BY host, b");
        sameAsDecoded("SELECT host, min_by(measure_value::double, time), max(time) FROM metrics_db.cpu",
                "measure_name = 'cpu' AND time >= " + ago(95), "GROUP BY host ORDER BY host");
    }

    @Test
    void lastpointReadsOnlyChunkHeaders() {
        String where = " FROM metrics_db.cpu WHERE measure_name = 'cpu' AND time >= " + ago(95) + " GROUP BY host";
        long fromStats = sql("SELECT host, max(time), max_by(measure_value::double, time)" + where).status().cumulativeBytesScanned();
        long decoded = sql("SELECT host, max(time), max_by(measure_value::double + 0, time)" + where).status().cumulativeBytesScanned();
        assertThat(fromStats).isPositive().isLessThan(decoded / 2);
    }

    @Test
    void upsertsCountOnce() {
        List<List<Object>> rows = sameAsDecoded("SELECT host, count(*), max(measure_value::double) FROM metrics_db.cpu",
                "measure_name = 'cpu' AND host = 'h0'", "GROUP BY host");
        assertThat(rows).containsExactly(List.of("h0", 32L, 100.0));
    }

    @Test
    void multiMeasureAttributesWithMissingValues() {
        List<List<Object>> rows = sameAsDecoded("SELECT region, count(*), count(usage), count(count), sum(usage), min(usage), max(count),"
                + " avg(count), sum(count) FROM metrics_db.cpu", "measure_name = 'metrics'", "GROUP BY region ORDER BY region");
        assertThat(rows.get(0).get(1)).isNotEqualTo(rows.get(0).get(3));
    }

    @Test
    void overflowedBigintSumsAreDecoded() {
        List<List<Object>> rows = sameAsDecoded("SELECT avg(measure_value::bigint), min(measure_value::bigint), max(measure_value::bigint)"
                + " FROM metrics_db.cpu", "measure_name = 'big'", "");
        assertThat(rows).containsExactly(List.of(((double) Long.MAX_VALUE + 1 - 2) / 3, -2L, Long.MAX_VALUE));
    }

    @Test
    void chunksInsideTheirGroupAreNotDecoded() {
        String where = " FROM metrics_db.cpu WHERE measure_name = 'cpu' GROUP BY host";
        long fromStats = sql("SELECT host, sum(measure_value::double)" + where).status().cumulativeBytesScanned();
        long decoded = sql("SELECT host, sum(measure_value::double + 0)" + where).status().cumulativeBytesScanned();
        assertThat(fromStats).isPositive().isLessThan(decoded / 5);
    }

    @Test
    void explainSaysWhenChunkStatsMayAnswer() {
        assertThat(explain("SELECT host, avg(measure_value::double) FROM metrics_db.cpu WHERE measure_name = 'cpu' GROUP BY host"))
                .contains("Aggregate(PARTIAL)[keys=[host], avg(measure_value::double)] (chunk stats)");
        assertThat(explain("SELECT avg(measure_value::double) FROM metrics_db.cpu WHERE measure_value::double > 5"))
                .contains("Aggregate(PARTIAL)").doesNotContain("(chunk stats)");
        assertThat(explain("SELECT count(DISTINCT host) FROM metrics_db.cpu")).doesNotContain("(chunk stats)");
        assertThat(explain("SELECT bin(time, 1h), stddev(measure_value::double) FROM metrics_db.cpu GROUP BY 1"))
                .doesNotContain("(chunk stats)");
        assertThat(explain("SELECT hour(time), count(*) FROM metrics_db.cpu GROUP BY 1")).doesNotContain("(chunk stats)");
        assertThat(explain("SELECT host, max(time), max_by(measure_value::double, time) FROM metrics_db.cpu GROUP BY host"))
                .contains("(chunk stats)");
        assertThat(explain("SELECT host, max_by(measure_value::double, measure_value::bigint) FROM metrics_db.cpu GROUP BY host"))
                .doesNotContain("(chunk stats)");
        assertThat(explain("SELECT host, max_by(host, time) FROM metrics_db.cpu GROUP BY host")).doesNotContain("(chunk stats)");
    }

    private static String explain(String sql) {
        return String.join("\n", rows(sql("EXPLAIN " + sql).rows()).stream().map(row -> String.valueOf(row.get(0))).toList());
    }
}
