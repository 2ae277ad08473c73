package io.tidemark.engine.query.endtoend;

import static io.tidemark.engine.query.endtoend.Points.assertClose;
import static io.tidemark.engine.query.endtoend.Points.assertSeries;
import static io.tidemark.engine.query.endtoend.Points.nanos;
import static io.tidemark.engine.query.endtoend.Points.series;
import static io.tidemark.engine.query.endtoend.Points.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.metering.TableUsage;
import io.tidemark.engine.query.differential.SqlRows;
import io.tidemark.engine.query.differential.TidemarkNode;
import io.tidemark.engine.write.RecordInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Timestream's time-series SQL end to end with hand-computed expectations. The data, from
 * {@code B = 11:10:00} (one point a minute unless said):
 * <pre>
 * a   temp  B:10  B+1m:20  B+2m:30  (gap)  B+4m:50  B+5m:40
 * b   temp  B+1m:5                                   (a single point)
 * lin temp  B:0   B+1m:10  B+2m:20  (gap)  B+4m:40   (on a line: every interpolation gives the line)
 * d   temp  B:1   B+1m:2                             (the same instants as a)
 * c   hits  B:100 B+1m:160 B+2m:40  B+3m:100         (a BIGINT counter with a reset)
 * </pre>
 * The clock then stands at {@code NOW = 12:12:30} and the migrator has moved everything before
 * 11:12:30 (memory retention one hour) to the magnetic store, so a's first three points are
 * magnetic and its last two in memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeseriesFunctionsTest {

    private static final String B_TEXT = "2026-03-10 11:10:00";
    private static final Instant B = Instant.parse("2026-03-10T11:10:00Z");
    private static final long NOW = nanos("2026-03-10T12:12:30Z");
    private static final long MINUTE = 60_000_000_000L;
    private static final long B_NANOS = nanos("2026-03-10T11:10:00Z");
    private static final String TS_A = "(SELECT create_time_series(time, measure_value::double) AS ts FROM e2e.sensor WHERE device = 'a')";

    private Path dataDir;
    private TidemarkNode node;

    @BeforeAll
    void load() throws IOException {
        dataDir = Files.createTempDirectory("tidemark-timeseries");
        ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
        node = TidemarkNode.start(dataDir, clock, "e2e");
        node.createTable("sensor", new RetentionProperties(1, 30), false);
        List<RecordInput> records = new ArrayList<>();
        addTemps(records, "a", new int[] {0, 1, 2, 4, 5}, 10.0, 20.0, 30.0, 50.0, 40.0);
        addTemps(records, "b", new int[] {1}, 5.0);
        addTemps(records, "lin", new int[] {0, 1, 2, 4}, 0.0, 10.0, 20.0, 40.0);
        addTemps(records, "d", new int[] {0, 1}, 1.0, 2.0);
        long[] hits = {100, 160, 40, 100};
        for (int m = 0; m < hits.length; m++) {
            records.add(single("c", "hits", B.plusSeconds(60L * m), "BIGINT", hits[m]));
        }
        node.write("sensor", records);
        clock.set(Instant.parse("2026-03-10T12:12:30Z"));
        node.migrateNow();
        TableUsage usage = node.usage("sensor");
        assertThat(usage.magneticStorePoints()).as("points migrated").isEqualTo(12);
        assertThat(usage.memoryStorePoints()).as("points left in memory").isEqualTo(4);
    }

    private static void addTemps(List<RecordInput> records, String device, int[] minutes, double... values) {
        for (int i = 0; i < minutes.length; i++) {
            records.add(single(device, "temp", B.plusSeconds(60L * minutes[i]), "DOUBLE", values[i]));
        }
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

    private static long at(int minutes) {
        return B_NANOS + minutes * MINUTE;
    }

    private static String seq(int fromMinute, int toMinute) {
        return "sequence(timestamp '" + B_TEXT + "' + interval '" + fromMinute + "' minute, timestamp '" + B_TEXT
                + "' + interval '" + toMinute + "' minute, 1m)";
    }

    @Test
    void binGroupsOnEpochAlignedBoundariesAcrossTiers() {
        SqlRows twoMinutes = node.query("SELECT bin(time, 2m), count(*), sum(measure_value::double) FROM e2e.sensor"
                + " WHERE device = 'a' GROUP BY 1 ORDER BY 1");
        SqlRows fiveMinutes = node.query("SELECT bin(time, 5m) AS b, count(*), avg(measure_value::double) FROM e2e.sensor"
                + " WHERE device = 'a' GROUP BY bin(time, 5m)");
        SqlRows odd = node.query("SELECT bin(timestamp '2026-03-10 11:10:13', 7s), bin(timestamp '2026-03-10 11:10:13.999', 1s)");

        assertThat(twoMinutes.rows()).containsExactly(List.of(at(0), 2L, 30.0), List.of(at(2), 1L, 30.0), List.of(at(4), 2L, 90.0));
        assertThat(fiveMinutes.rows()).as("the first bin holds magnetic and memory points")
                .containsExactlyInAnyOrder(List.of(at(0), 4L, 27.5), List.of(at(5), 1L, 40.0));
        long seconds = LocalDateTime.of(2026, 3, 10, 11, 10, 13).toEpochSecond(ZoneOffset.UTC);
        assertThat(odd.rows()).containsExactly(List.of(seconds / 7 * 7 * 1_000_000_000L, seconds * 1_000_000_000L));
    }

    @Test
    void nowAndAgoAreTheQueryStartOnTheEngineClock() {
        SqlRows times = node.query("SELECT now(), current_timestamp, ago(1h), ago(30s), ago(1d)");
        SqlRows recent = node.query("SELECT count(*) FROM e2e.sensor WHERE time > ago(1h)");

        assertThat(times.rows()).containsExactly(List.of(NOW, NOW, NOW - 60 * MINUTE, NOW - 30_000_000_000L, NOW - 1440 * MINUTE));
        assertThat(recent.single()).as("points after 11:12:30: a at B+4m and B+5m, lin at B+4m, c at B+3m").isEqualTo(4L);
    }

    @Test
    void dateTruncAndFieldExtraction() {
        String ts = "timestamp '2026-03-10 11:47:13.5'";
        SqlRows truncated = node.query("SELECT date_trunc('second', " + ts + "), date_trunc('minute', " + ts + "), date_trunc('hour', "
                + ts + "), date_trunc('day', " + ts + "), date_trunc('month', " + ts + "), date_trunc('year', " + ts + ")");
        SqlRows fields = node.query("SELECT year(" + ts + "), quarter(" + ts + "), month(" + ts + "), day(" + ts + "), hour(" + ts
                + "), minute(" + ts + "), second(" + ts + "), millisecond(" + ts + "), day_of_week(" + ts + "), day_of_year(" + ts
                + "), extract(hour FROM " + ts + "), extract(minute FROM " + ts + ")");

        assertThat(truncated.rows()).containsExactly(List.of(nanos("2026-03-10T11:47:13Z"), nanos("2026-03-10T11:47:00Z"),
                nanos("2026-03-10T11:00:00Z"), nanos("2026-03-10T00:00:00Z"), nanos("2026-03-01T00:00:00Z"),
                nanos("2026-01-01T00:00:00Z")));
        assertThat(fields.rows()).as("2026-03-10 is a Tuesday (ISO day 2), day 69 of the year")
                .containsExactly(List.of(2026L, 1L, 3L, 10L, 11L, 47L, 13L, 500L, 2L, 69L, 11L, 47L));
    }

    @Test
    void millisecondsAndNanosecondsConvert() {
        SqlRows rows = node.query("SELECT from_milliseconds(1700000000123), to_milliseconds(from_milliseconds(1700000000123)),"
                + " to_milliseconds(1h), from_nanoseconds(1700000000123456789), to_nanoseconds(2s), to_milliseconds(time)"
                + " FROM e2e.sensor WHERE device = 'b'");

        assertThat(rows.rows()).containsExactly(List.of(1_700_000_000_123_000_000L, 1_700_000_000_123L, 3_600_000L,
                1_700_000_000_123_456_789L, 2_000_000_000L, at(1) / 1_000_000));
    }

    @Test
    void createTimeSeriesCollectsEachGroupInTimeOrderAndUnnestExpandsIt() {
        SqlRows perDevice = node.query("SELECT device, create_time_series(time, measure_value::double) FROM e2e.sensor"
                + " WHERE measure_name = 'temp' GROUP BY device ORDER BY device");
        SqlRows unnested = node.query("SELECT p.time, p.value FROM " + TS_A + " s CROSS JOIN UNNEST(s.ts) AS p(time, value)"
                + " ORDER BY p.time");
        SqlRows defaultNames = node.query("SELECT * FROM (SELECT create_time_series(time, measure_value::bigint) AS ts"
                + " FROM e2e.sensor WHERE device = 'c') s CROSS JOIN UNNEST(ts)");

        assertThat(perDevice.column(0)).containsExactly("a", "b", "d", "lin");
        assertSeries(perDevice.rows().get(0).get(1), series(at(0), 10.0, at(1), 20.0, at(2), 30.0, at(4), 50.0, at(5), 40.0));
        assertSeries(perDevice.rows().get(1).get(1), series(at(1), 5.0));
        assertThat(unnested.rows()).containsExactly(List.of(at(0), 10.0), List.of(at(1), 20.0), List.of(at(2), 30.0),
                List.of(at(4), 50.0), List.of(at(5), 40.0));
        assertThat(defaultNames.columns()).containsExactly("ts", "time", "value");
        assertThat(defaultNames.rows()).extracting(r -> r.subList(1, 3)).containsExactly(List.of(at(0), 100L),
                List.of(at(1), 160L), List.of(at(2), 40L), List.of(at(3), 100L));
    }

    @Test
    void duplicateTimestampsFromTwoSeriesAreBothKept() {
        SqlRows rows = node.query("SELECT p.time, p.value FROM (SELECT create_time_series(time, measure_value::double) AS ts"
                + " FROM e2e.sensor WHERE device IN ('a', 'd')) s CROSS JOIN UNNEST(s.ts) AS p(time, value) ORDER BY p.time, p.value");

        assertThat(rows.rows()).containsExactly(List.of(at(0), 1.0), List.of(at(0), 10.0), List.of(at(1), 2.0),
                List.of(at(1), 20.0), List.of(at(2), 30.0), List.of(at(4), 50.0), List.of(at(5), 40.0));
    }

    @Test
    void interpolationFillsTheGapOnAGrid() {
        SqlRows rows = node.query("SELECT interpolate_linear(ts, " + seq(0, 5) + "), interpolate_locf(ts, " + seq(0, 5)
                + "), interpolate_fill(ts, " + seq(0, 5) + ", -1.0), interpolate_linear(ts, timestamp '2026-03-10 11:13:30'),"
                + " interpolate_locf(ts, timestamp '2026-03-10 11:13:30') FROM " + TS_A + " s");

        List<Object> row = rows.rows().get(0);
        assertSeries(row.get(0), series(at(0), 10.0, at(1), 20.0, at(2), 30.0, at(3), 40.0, at(4), 50.0, at(5), 40.0));
        assertSeries(row.get(1), series(at(0), 10.0, at(1), 20.0, at(2), 30.0, at(3), 30.0, at(4), 50.0, at(5), 40.0));
        assertSeries(row.get(2), series(at(0), 10.0, at(1), 20.0, at(2), 30.0, at(3), -1.0, at(4), 50.0, at(5), 40.0));
        assertClose(row.get(3), 45.0, "linear at 11:13:30, between 30 at 11:12 and 50 at 11:14");
        assertClose(row.get(4), 30.0, "last observation before 11:13:30");
    }

    @Test
    void cubicSplineThroughPointsOnALineIsTheLine() {
        SqlRows rows = node.query("SELECT interpolate_spline_cubic(create_time_series(time, measure_value::double), " + seq(0, 4)
                + ") FROM e2e.sensor WHERE device = 'lin'");

        assertSeries(rows.single(), series(at(0), 0.0, at(1), 10.0, at(2), 20.0, at(3), 30.0, at(4), 40.0));
    }

    @Test
    void interpolatingOutsideTheSeriesGivesNoPoint() {
        SqlRows rows = node.query("SELECT interpolate_linear(create_time_series(time, measure_value::double), " + seq(0, 2)
                + ") FROM e2e.sensor WHERE device = 'b'");

        assertSeries(rows.single(), series(at(1), 5.0));
    }

    @Test
    void derivativesArePerIntervalBetweenNeighbours() {
        SqlRows rows = node.query("SELECT derivative_linear(ts, 1m), derivative_linear(ts, 1s) FROM " + TS_A + " s");
        SqlRows counter = node.query("SELECT non_negative_derivative_linear(create_time_series(time, measure_value::bigint), 1m),"
                + " derivative_linear(create_time_series(time, measure_value::bigint), 1m) FROM e2e.sensor WHERE device = 'c'");
        SqlRows onePoint = node.query("SELECT derivative_linear(create_time_series(time, measure_value::double), 1m)"
                + " FROM e2e.sensor WHERE device = 'b'");

        assertSeries(rows.rows().get(0).get(0), series(at(1), 10.0, at(2), 10.0, at(4), 10.0, at(5), -10.0));
        assertSeries(rows.rows().get(0).get(1), series(at(1), 10.0 / 60, at(2), 10.0 / 60, at(4), 10.0 / 60, at(5), -10.0 / 60));
        assertSeries(counter.rows().get(0).get(0), series(at(1), 60.0, at(3), 60.0));
        assertSeries(counter.rows().get(0).get(1), series(at(1), 60.0, at(2), -120.0, at(3), 60.0));
        assertSeries(onePoint.single(), series());
    }

    @Test
    void trapezoidalIntegralIsPerSecondByDefault() {
        SqlRows rows = node.query("SELECT integral_trapezoidal(ts), integral_trapezoidal(ts, 1m) FROM " + TS_A + " s");
        SqlRows counter = node.query("SELECT integral_trapezoidal(create_time_series(time, measure_value::bigint))"
                + " FROM e2e.sensor WHERE device = 'c'");

        assertClose(rows.rows().get(0).get(0), 9900.0, "(10+20)/2*60 + (20+30)/2*60 + (30+50)/2*120 + (50+40)/2*60");
        assertClose(rows.rows().get(0).get(1), 165.0, "the same per minute");
        assertClose(counter.single(), 18000.0, "(100+160)/2*60 + (160+40)/2*60 + (40+100)/2*60");
    }

    @Test
    void lambdasOverATimeSeries() {
        SqlRows rows = node.query("SELECT filter(ts, x -> x.value > 25), reduce(ts, 0.0, (s, x) -> s + x.value, s -> s),"
                + " reduce(ts, 0.0, (s, x) -> greatest(s, x.value), s -> s * 2), filter(ts, x -> x.time > timestamp '2026-03-10 11:14:30')"
                + " FROM " + TS_A + " s");
        SqlRows transformed = node.query("SELECT transform(ts, x -> x.value * 2) FROM " + TS_A + " s");

        List<Object> row = rows.rows().get(0);
        assertSeries(row.get(0), series(at(2), 30.0, at(4), 50.0, at(5), 40.0));
        assertClose(row.get(1), 150.0, "sum of values");
        assertClose(row.get(2), 100.0, "twice the largest value");
        assertSeries(row.get(3), series(at(5), 40.0));
        assertSeries(transformed.single(), series(at(0), 20.0, at(1), 40.0, at(2), 60.0, at(4), 100.0, at(5), 80.0));
    }

    @Test
    void approxPercentileOfFivePoints() {
        SqlRows rows = node.query("SELECT approx_percentile(measure_value::double, 0.0), approx_percentile(measure_value::double, 1.0),"
                + " approx_percentile(measure_value::double, 0.5) FROM e2e.sensor WHERE device = 'a'");

        List<Object> row = rows.rows().get(0);
        assertClose(row.get(0), 10.0, "p0 is the minimum");
        assertClose(row.get(1), 50.0, "p100 is the maximum");
        assertThat((Double) row.get(2)).as("median of 10..50").isBetween(20.0, 40.0);
    }

    @Test
    void anEmptySeriesHasNoGroup() {
        SqlRows rows = node.query("SELECT device, create_time_series(time, measure_value::double) FROM e2e.sensor"
                + " WHERE device = 'none' GROUP BY device");

        assertThat(rows.rows()).isEmpty();
    }
}
