package io.tidemark.engine.query;

import static io.tidemark.engine.query.QueryTestEngine.await;
import static io.tidemark.engine.query.QueryTestEngine.createTable;
import static io.tidemark.engine.query.QueryTestEngine.multi;
import static io.tidemark.engine.query.QueryTestEngine.single;
import static io.tidemark.engine.query.QueryTestEngine.write;
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
 * Grouped aggregations answered from chunks' per-hour slice stats give the very rows decoding
 * gives. As in {@code ChunkStatsAggregationTest}, each query is compared with its twin carrying a
 * WHERE term that changes no row but makes every chunk decode ({@code measure_name = measure_name}).
 * Data: a point a minute for 6.5 hours from half past an hour (so chunks, 2-hour spans in the
 * memory store and day blocks in magnetic segments, start and end inside slices), the older part
 * migrated to magnetic segments: per host a DOUBLE {@code cpu} (h2 with ±0.0 and values whose
 * sum overflows to infinity; the API takes no NaN or infinity, the chunk-level property tests have them), a BIGINT {@code load} (h1's sums overflow within an hour), a multi-measure
 * {@code metrics} whose {@code usage} is missing every third minute, and a one-hour gap.
 */
class SliceStatsAggregationTest {

    @TempDir
    static Path dataDir;

    private static final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
    private static final long MINUTE = 60_000L;
    private static final int MINUTES = 390;
    private static Engine engine;
    private static long start;

    @BeforeAll
    static void start() {
        engine = QueryTestEngine.start(dataDir, clock, Map.of());
        createTable(engine, "cpu", new RetentionProperties(3, 10), true);
        start = clock.millis() - (MINUTES + 5) * MINUTE;
        write(engine, "cpu", points());
        await(engine.migrateNow());
    }

    private static List<RecordInput> points() {
        List<RecordInput> records = new ArrayList<>();
        for (int host = 0; host < 3; host++) {
            String name = "h" + host;
            for (int i = 0; i < MINUTES; i++) {
                if (i >= 200 && i < 260 && host == 0) {
                    continue;
                }
                long time = start + i * MINUTE;
                records.add(single("cpu", "DOUBLE", cpu(host, i), time, "host", name));
                String load = host == 1 && i % 60 == 7 ? Long.toString(Long.MAX_VALUE - i) : Long.toString(host * 1000L - i);
                records.add(single("load", "BIGINT", load, time, "host", name));
                if (i % 3 == 0) {
                    records.add(new RecordInput(List.of(new DimensionInput("host", name, null)), "metrics", null, "MULTI",
                            Long.toString(time), "MILLISECONDS", null,
                            List.of(new MeasureValueInput("count", Long.toString(i), "BIGINT"))));
                } else {
                    records.add(multi("metrics", time, host + i * 0.25, host * 10L + i, "host", name));
                }
            }
        }
        return records;
    }

    private static String cpu(int host, int i) {
        if (host == 2) {
            switch (i % 97) {
                case 5:
                case 50:
                    return "1.7E308";
                case 60:
                    return "-0.0";
                case 61:
                    return "0.0";
                default:
                    break;
            }
        }
        return Double.toString(host * 100 + (i % 50) * 0.5);
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

    /** Whole hours before the clock's hour (the clock stands on an hour). */
    private static String hoursAgo(long hours) {
        return ago(60 * hours);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bin(time, 1h)", "bin(time, 2h)", "bin(time, 1d)", "date_trunc('hour', time)",
            "date_trunc('day', time)", "bin(time, 30m)", "bin(time, 90m)"})
    void binsOfWholeSlicesAndFinerOnes(String bin) {
        List<List<Object>> rows = sameAsDecoded("SELECT host, " + bin + " AS b, count(*), count(measure_value::double),"
                + " sum(measure_value::double), min(measure_value::double), max(measure_value::double),"
                + " avg(measure_value::double) FROM metrics_db.cpu", "measure_name = 'cpu'", "GROUP BY host, " + bin + " ORDER BY host, b");
        assertThat(rows.stream().mapToLong(row -> (Long) row.get(2)).sum()).isEqualTo(3L * MINUTES - 60);
        // h1's sums overflow: sum() of them is an error, and their averages round differently
        // depending on how rows are grouped before the division
        sameAsDecoded("SELECT " + bin + " AS b, host, count(*), min(measure_value::bigint), max(measure_value::bigint)"
                + " FROM metrics_db.cpu", "measure_name = 'load'", "GROUP BY " + bin + ", host ORDER BY b, host");
        sameAsDecoded("SELECT " + bin + " AS b, host, sum(measure_value::bigint), avg(measure_value::bigint) FROM metrics_db.cpu",
                "measure_name = 'load' AND host <> 'h1'", "GROUP BY " + bin + ", host ORDER BY b, host");
        sameAsDecoded("SELECT host, " + bin + " AS b, count(*), count(usage), count(count), sum(usage), min(usage), max(count),"
                + " avg(usage), avg(count) FROM metrics_db.cpu", "measure_name = 'metrics'", "GROUP BY host, " + bin + " ORDER BY host, b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bin(time, 1h)", "bin(time, 2h)", "date_trunc('hour', time)"})
    void rangesOnSliceBoundsAndCuttingSlices(String bin) {
        for (String range : List.of("time >= " + hoursAgo(6) + " AND time < " + hoursAgo(1),
                "time >= " + hoursAgo(5) + " AND time <= " + hoursAgo(2),
                "time >= " + ago(333) + " AND time < " + ago(35),
                "time BETWEEN " + ago(200) + " AND " + hoursAgo(2))) {
            sameAsDecoded("SELECT host, " + bin + " AS b, count(*), sum(measure_value::double), max(measure_value::double),"
                    + " avg(measure_value::double) FROM metrics_db.cpu", "measure_name = 'cpu' AND " + range,
                    "GROUP BY host, " + bin + " ORDER BY host, b");
            sameAsDecoded("SELECT " + bin + " AS b, count(*), count(usage), avg(usage), min(count), sum(count) FROM metrics_db.cpu",
                    "measure_name = 'metrics' AND " + range, "GROUP BY " + bin + " ORDER BY b");
        }
    }

    @Test
    void aggregatesSlicesCannotAnswerNextToOnesTheyCanAreDecoded() {
        String range = "measure_name = 'cpu' AND time >= " + hoursAgo(6) + " AND time < " + hoursAgo(1);
        sameAsDecoded("SELECT host, bin(time, 1h) AS b, avg(measure_value::double), max(time), max_by(measure_value::double, time)"
                + " FROM metrics_db.cpu", range, "GROUP BY host, bin(time, 1h) ORDER BY host, b");
        sameAsDecoded("SELECT host, bin(time, 1h) AS b, min(time), count(*) FROM metrics_db.cpu", range,
                "GROUP BY host, bin(time, 1h) ORDER BY host, b");
    }

    @Test
    void hourlyBinsInsideTheRangeReadSliceStatsNotValues() {
        String where = " FROM metrics_db.cpu WHERE measure_name = 'metrics' AND time >= " + hoursAgo(6) + " AND time < "
                + hoursAgo(1) + " GROUP BY host, bin(time, 1h)";
        long fromSlices = sql("SELECT host, bin(time, 1h), avg(usage), max(count)" + where).status().cumulativeBytesScanned();
        long decoded = sql("SELECT host, bin(time, 1h), avg(usage + 0), max(count + 0)" + where).status().cumulativeBytesScanned();
        assertThat(fromSlices).isPositive().isLessThan(decoded / 5);
    }
}
