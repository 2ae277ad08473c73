package io.tidemark.loadtest.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.loadtest.bench.TsbsQueries;
import io.tidemark.loadtest.bench.TsbsQueries.Draw;
import io.tidemark.loadtest.bench.TsbsQueries.Type;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Every compared TSBS query type renders the expected text in each system's language for fixed
 * hosts and windows (the texts below ran against the real servers and agreed on the answers).
 */
class QueryTranslationsTest {

    private static final long FIRST = 1451606400000L;
    private static final long END = FIRST + 24 * 3_600_000L;
    private static final DataRange RANGE = new DataRange(FIRST, END, 10_000);

    /** Hosts host_5 (and host_7 for cpu-max-all-8), window from 03:00 of the type's length; lastpoint: the last hour. */
    static Draw draw(Type type) {
        List<String> hosts = switch (type) {
            case SINGLE_GROUPBY_1_1_1, SINGLE_GROUPBY_5_1_12, HIGH_CPU_1 -> List.of("host_5");
            case CPU_MAX_ALL_8 -> List.of("host_5", "host_7");
            default -> List.of();
        };
        long start = type == Type.LASTPOINT ? END - 3_600_000L : FIRST + 3 * 3_600_000L;
        long end = type == Type.LASTPOINT ? END : start + TsbsQueries.windowHours(type) * 3_600_000L;
        return new Draw(type, hosts, start, end);
    }

    static final Map<Type, String> INFLUXQL = Map.ofEntries(
                Map.entry(Type.LASTPOINT,
                        "SELECT last(*) FROM cpu WHERE time >= 1451689200000ms GROUP BY hostname"),
                Map.entry(Type.SINGLE_GROUPBY_1_1_1,
                        "SELECT max(usage_user) AS max_usage_user FROM cpu WHERE (hostname = 'host_5') AND time >="
                        + " 1451617200000ms AND time < 1451620800000ms GROUP BY time(1m) fill(none)"),
                Map.entry(Type.SINGLE_GROUPBY_5_1_12,
                        "SELECT max(usage_user) AS max_usage_user, max(usage_system) AS max_usage_system,"
                        + " max(usage_idle) AS max_usage_idle, max(usage_nice) AS max_usage_nice, max(usage_iowait)"
                        + " AS max_usage_iowait FROM cpu WHERE (hostname = 'host_5') AND time >= 1451617200000ms AND"
                        + " time < 1451660400000ms GROUP BY time(1m) fill(none)"),
                Map.entry(Type.CPU_MAX_ALL_8,
                        "SELECT max(usage_user) AS max_usage_user, max(usage_system) AS max_usage_system,"
                        + " max(usage_idle) AS max_usage_idle, max(usage_nice) AS max_usage_nice, max(usage_iowait)"
                        + " AS max_usage_iowait, max(usage_irq) AS max_usage_irq, max(usage_softirq) AS"
                        + " max_usage_softirq, max(usage_steal) AS max_usage_steal, max(usage_guest) AS"
                        + " max_usage_guest, max(usage_guest_nice) AS max_usage_guest_nice FROM cpu WHERE (hostname"
                        + " = 'host_5' OR hostname = 'host_7') AND time >= 1451617200000ms AND time <"
                        + " 1451646000000ms GROUP BY time(1h) fill(none)"),
                Map.entry(Type.DOUBLE_GROUPBY_1,
                        "SELECT mean(usage_user) AS mean_usage_user FROM cpu WHERE time >= 1451617200000ms AND"
                        + " time < 1451660400000ms GROUP BY time(1h), hostname fill(none)"),
                Map.entry(Type.DOUBLE_GROUPBY_ALL,
                        "SELECT mean(usage_user) AS mean_usage_user, mean(usage_system) AS mean_usage_system,"
                        + " mean(usage_idle) AS mean_usage_idle, mean(usage_nice) AS mean_usage_nice,"
                        + " mean(usage_iowait) AS mean_usage_iowait, mean(usage_irq) AS mean_usage_irq,"
                        + " mean(usage_softirq) AS mean_usage_softirq, mean(usage_steal) AS mean_usage_steal,"
                        + " mean(usage_guest) AS mean_usage_guest, mean(usage_guest_nice) AS mean_usage_guest_nice"
                        + " FROM cpu WHERE time >= 1451617200000ms AND time < 1451660400000ms GROUP BY time(1h),"
                        + " hostname fill(none)"),
                Map.entry(Type.HIGH_CPU_1,
                        "SELECT * FROM cpu WHERE usage_user > 90 AND time >= 1451617200000ms AND time <"
                        + " 1451660400000ms AND (hostname = 'host_5')"),
                Map.entry(Type.HIGH_CPU_ALL,
                        "SELECT * FROM cpu WHERE usage_user > 90 AND time >= 1451617200000ms AND time <"
                        + " 1451660400000ms"),
                Map.entry(Type.GROUPBY_ORDERBY_LIMIT,
                        "SELECT max(usage_user) AS max_usage_user FROM cpu WHERE time >= 1451617200000ms AND time"
                        + " < 1451620800000ms GROUP BY time(1m) fill(none) ORDER BY time DESC LIMIT 5"));

    static final Map<Type, String> QUESTDB = Map.ofEntries(
                Map.entry(Type.LASTPOINT,
                        "SELECT * FROM cpu WHERE timestamp >= '2016-01-01T23:00:00.000000Z' LATEST ON timestamp"
                        + " PARTITION BY hostname"),
                Map.entry(Type.SINGLE_GROUPBY_1_1_1,
                        "SELECT timestamp, max(usage_user) max_usage_user FROM cpu WHERE hostname IN ('host_5')"
                        + " AND timestamp >= '2016-01-01T03:00:00.000000Z' AND timestamp <"
                        + " '2016-01-01T04:00:00.000000Z' SAMPLE BY 1m ALIGN TO CALENDAR"),
                Map.entry(Type.SINGLE_GROUPBY_5_1_12,
                        "SELECT timestamp, max(usage_user) max_usage_user, max(usage_system) max_usage_system,"
                        + " max(usage_idle) max_usage_idle, max(usage_nice) max_usage_nice, max(usage_iowait)"
                        + " max_usage_iowait FROM cpu WHERE hostname IN ('host_5') AND timestamp >="
                        + " '2016-01-01T03:00:00.000000Z' AND timestamp < '2016-01-01T15:00:00.000000Z' SAMPLE BY 1m"
                        + " ALIGN TO CALENDAR"),
                Map.entry(Type.CPU_MAX_ALL_8,
                        "SELECT timestamp, max(usage_user) max_usage_user, max(usage_system) max_usage_system,"
                        + " max(usage_idle) max_usage_idle, max(usage_nice) max_usage_nice, max(usage_iowait)"
                        + " max_usage_iowait, max(usage_irq) max_usage_irq, max(usage_softirq) max_usage_softirq,"
                        + " max(usage_steal) max_usage_steal, max(usage_guest) max_usage_guest,"
                        + " max(usage_guest_nice) max_usage_guest_nice FROM cpu WHERE hostname IN ('host_5',"
                        + " 'host_7') AND timestamp >= '2016-01-01T03:00:00.000000Z' AND timestamp <"
                        + " '2016-01-01T11:00:00.000000Z' SAMPLE BY 1h ALIGN TO CALENDAR"),
                Map.entry(Type.DOUBLE_GROUPBY_1,
                        "SELECT timestamp, hostname, avg(usage_user) avg_usage_user FROM cpu WHERE timestamp >="
                        + " '2016-01-01T03:00:00.000000Z' AND timestamp < '2016-01-01T15:00:00.000000Z' SAMPLE BY 1h"
                        + " ALIGN TO CALENDAR"),
                Map.entry(Type.DOUBLE_GROUPBY_ALL,
                        "SELECT timestamp, hostname, avg(usage_user) avg_usage_user, avg(usage_system)"
                        + " avg_usage_system, avg(usage_idle) avg_usage_idle, avg(usage_nice) avg_usage_nice,"
                        + " avg(usage_iowait) avg_usage_iowait, avg(usage_irq) avg_usage_irq, avg(usage_softirq)"
                        + " avg_usage_softirq, avg(usage_steal) avg_usage_steal, avg(usage_guest) avg_usage_guest,"
                        + " avg(usage_guest_nice) avg_usage_guest_nice FROM cpu WHERE timestamp >="
                        + " '2016-01-01T03:00:00.000000Z' AND timestamp < '2016-01-01T15:00:00.000000Z' SAMPLE BY 1h"
                        + " ALIGN TO CALENDAR"),
                Map.entry(Type.HIGH_CPU_1,
                        "SELECT * FROM cpu WHERE usage_user > 90 AND timestamp >= '2016-01-01T03:00:00.000000Z'"
                        + " AND timestamp < '2016-01-01T15:00:00.000000Z' AND hostname IN ('host_5')"),
                Map.entry(Type.HIGH_CPU_ALL,
                        "SELECT * FROM cpu WHERE usage_user > 90 AND timestamp >= '2016-01-01T03:00:00.000000Z'"
                        + " AND timestamp < '2016-01-01T15:00:00.000000Z'"),
                Map.entry(Type.GROUPBY_ORDERBY_LIMIT,
                        "SELECT timestamp, max(usage_user) max_usage_user FROM cpu WHERE timestamp >="
                        + " '2016-01-01T03:00:00.000000Z' AND timestamp < '2016-01-01T04:00:00.000000Z' SAMPLE BY 1m"
                        + " ALIGN TO CALENDAR ORDER BY timestamp DESC LIMIT 5"));

    static final Map<Type, String> METRICSQL = Map.ofEntries(
                Map.entry(Type.LASTPOINT,
                        "last_over_time({__name__=~\"cpu_(usage_user|usage_system|usage_idle|usage_nice|usage_iowait"
                        + "|usage_irq|usage_softirq|usage_steal|usage_guest|usage_guest_nice)\"}[1h])"
                        + " keep_metric_names @1451692800"),
                Map.entry(Type.SINGLE_GROUPBY_1_1_1,
                        "max by (__name__) (max_over_time({__name__=~\"cpu_(usage_user)\",hostname=~\"host_5\"}[1m])"
                        + " keep_metric_names) [1451617250, 1451620790] step 1m"),
                Map.entry(Type.SINGLE_GROUPBY_5_1_12,
                        "max by (__name__)"
                        + " (max_over_time({__name__=~\"cpu_(usage_user|usage_system|usage_idle|usage_nice|usage_iowai"
                        + "t)\",hostname=~\"host_5\"}[1m]) keep_metric_names) [1451617250, 1451660390] step 1m"),
                Map.entry(Type.CPU_MAX_ALL_8,
                        "max by (__name__)"
                        + " (max_over_time({__name__=~\"cpu_(usage_user|usage_system|usage_idle|usage_nice|usage_iowai"
                        + "t|usage_irq|usage_softirq|usage_steal|usage_guest|usage_guest_nice)\",hostname=~\"host_5|hos"
                        + "t_7\"}[1h]) keep_metric_names) [1451620790, 1451645990] step 1h"),
                Map.entry(Type.DOUBLE_GROUPBY_1,
                        "avg by (__name__, hostname) (avg_over_time({__name__=~\"cpu_(usage_user)\"}[1h])"
                        + " keep_metric_names) [1451620790, 1451660390] step 1h"),
                Map.entry(Type.DOUBLE_GROUPBY_ALL,
                        "avg by (__name__, hostname)"
                        + " (avg_over_time({__name__=~\"cpu_(usage_user|usage_system|usage_idle|usage_nice|usage_iowai"
                        + "t|usage_irq|usage_softirq|usage_steal|usage_guest|usage_guest_nice)\"}[1h])"
                        + " keep_metric_names) [1451620790, 1451660390] step 1h"),
                Map.entry(Type.HIGH_CPU_1,
                        "{__name__=~\"cpu_(usage_user|usage_system|usage_idle|usage_nice|usage_iowait|usage_irq|usag"
                        + "e_softirq|usage_steal|usage_guest|usage_guest_nice)\",hostname=~\"host_5\"} and on(hostname)"
                        + " (cpu_usage_user{hostname=~\"host_5\"} > 90) [1451617200, 1451660390] step 10s"),
                Map.entry(Type.HIGH_CPU_ALL,
                        "{__name__=~\"cpu_(usage_user|usage_system|usage_idle|usage_nice|usage_iowait|usage_irq|usag"
                        + "e_softirq|usage_steal|usage_guest|usage_guest_nice)\"} and on(hostname) (cpu_usage_user >"
                        + " 90) [1451617200, 1451660390] step 10s"),
                Map.entry(Type.GROUPBY_ORDERBY_LIMIT,
                        "max by (__name__) (max_over_time({__name__=~\"cpu_(usage_user)\"}[1m]) keep_metric_names)"
                        + " [1451620550, 1451620790] step 1m"));

    static final Map<Type, String> TIMESTREAM = Map.ofEntries(
                Map.entry(Type.LASTPOINT,
                        "SELECT hostname, max(time) AS time, max_by(usage_user, time) AS usage_user,"
                        + " max_by(usage_system, time) AS usage_system, max_by(usage_idle, time) AS usage_idle,"
                        + " max_by(usage_nice, time) AS usage_nice, max_by(usage_iowait, time) AS usage_iowait,"
                        + " max_by(usage_irq, time) AS usage_irq, max_by(usage_softirq, time) AS usage_softirq,"
                        + " max_by(usage_steal, time) AS usage_steal, max_by(usage_guest, time) AS usage_guest,"
                        + " max_by(usage_guest_nice, time) AS usage_guest_nice FROM \"benchmark\".\"cpu\" WHERE time >="
                        + " from_milliseconds(1451689200000) GROUP BY hostname ORDER BY hostname"),
                Map.entry(Type.SINGLE_GROUPBY_1_1_1,
                        "SELECT bin(time, 1m) AS minute, max(usage_user) AS max_usage_user FROM \"benchmark\".\"cpu\""
                        + " WHERE hostname = 'host_5' AND time >= from_milliseconds(1451617200000) AND time <"
                        + " from_milliseconds(1451620800000) GROUP BY bin(time, 1m) ORDER BY minute"),
                Map.entry(Type.SINGLE_GROUPBY_5_1_12,
                        "SELECT bin(time, 1m) AS minute, max(usage_user) AS max_usage_user, max(usage_system) AS"
                        + " max_usage_system, max(usage_idle) AS max_usage_idle, max(usage_nice) AS max_usage_nice,"
                        + " max(usage_iowait) AS max_usage_iowait FROM \"benchmark\".\"cpu\" WHERE hostname = 'host_5'"
                        + " AND time >= from_milliseconds(1451617200000) AND time < from_milliseconds(1451660400000)"
                        + " GROUP BY bin(time, 1m) ORDER BY minute"),
                Map.entry(Type.CPU_MAX_ALL_8,
                        "SELECT bin(time, 1h) AS hour, max(usage_user) AS max_usage_user, max(usage_system) AS"
                        + " max_usage_system, max(usage_idle) AS max_usage_idle, max(usage_nice) AS max_usage_nice,"
                        + " max(usage_iowait) AS max_usage_iowait, max(usage_irq) AS max_usage_irq,"
                        + " max(usage_softirq) AS max_usage_softirq, max(usage_steal) AS max_usage_steal,"
                        + " max(usage_guest) AS max_usage_guest, max(usage_guest_nice) AS max_usage_guest_nice FROM"
                        + " \"benchmark\".\"cpu\" WHERE hostname IN ('host_5', 'host_7') AND time >="
                        + " from_milliseconds(1451617200000) AND time < from_milliseconds(1451646000000) GROUP BY"
                        + " bin(time, 1h) ORDER BY hour"),
                Map.entry(Type.DOUBLE_GROUPBY_1,
                        "SELECT bin(time, 1h) AS hour, hostname, avg(usage_user) AS mean_usage_user FROM"
                        + " \"benchmark\".\"cpu\" WHERE time >= from_milliseconds(1451617200000) AND time <"
                        + " from_milliseconds(1451660400000) GROUP BY bin(time, 1h), hostname ORDER BY hour, hostname"),
                Map.entry(Type.DOUBLE_GROUPBY_ALL,
                        "SELECT bin(time, 1h) AS hour, hostname, avg(usage_user) AS mean_usage_user,"
                        + " avg(usage_system) AS mean_usage_system, avg(usage_idle) AS mean_usage_idle,"
                        + " avg(usage_nice) AS mean_usage_nice, avg(usage_iowait) AS mean_usage_iowait,"
                        + " avg(usage_irq) AS mean_usage_irq, avg(usage_softirq) AS mean_usage_softirq,"
                        + " avg(usage_steal) AS mean_usage_steal, avg(usage_guest) AS mean_usage_guest,"
                        + " avg(usage_guest_nice) AS mean_usage_guest_nice FROM \"benchmark\".\"cpu\" WHERE time >="
                        + " from_milliseconds(1451617200000) AND time < from_milliseconds(1451660400000) GROUP BY"
                        + " bin(time, 1h), hostname ORDER BY hour, hostname"),
                Map.entry(Type.HIGH_CPU_1,
                        "SELECT * FROM \"benchmark\".\"cpu\" WHERE usage_user > 90 AND time >="
                        + " from_milliseconds(1451617200000) AND time < from_milliseconds(1451660400000) AND"
                        + " hostname = 'host_5'"),
                Map.entry(Type.HIGH_CPU_ALL,
                        "SELECT * FROM \"benchmark\".\"cpu\" WHERE usage_user > 90 AND time >="
                        + " from_milliseconds(1451617200000) AND time < from_milliseconds(1451660400000)"),
                Map.entry(Type.GROUPBY_ORDERBY_LIMIT,
                        "SELECT bin(time, 1m) AS minute, max(usage_user) AS max_usage_user FROM \"benchmark\".\"cpu\""
                        + " WHERE time < from_milliseconds(1451620800000) GROUP BY 1 ORDER BY minute DESC LIMIT 5"));

    @Test
    void everyComparedTypeHasATranslationInEveryLanguage() {
        assertThat(INFLUXQL.keySet()).containsExactlyInAnyOrderElementsOf(CompareRun.TYPES);
        assertThat(QUESTDB.keySet()).containsExactlyInAnyOrderElementsOf(CompareRun.TYPES);
        assertThat(METRICSQL.keySet()).containsExactlyInAnyOrderElementsOf(CompareRun.TYPES);
        assertThat(TIMESTREAM.keySet()).containsExactlyInAnyOrderElementsOf(CompareRun.TYPES);
    }

    @ParameterizedTest
    @EnumSource(value = Type.class, names = {"LASTPOINT", "SINGLE_GROUPBY_1_1_1", "SINGLE_GROUPBY_5_1_12",
            "CPU_MAX_ALL_8", "DOUBLE_GROUPBY_1", "DOUBLE_GROUPBY_ALL", "HIGH_CPU_1", "HIGH_CPU_ALL",
            "GROUPBY_ORDERBY_LIMIT"})
    void rendersTheExpectedText(Type type) {
        Draw draw = draw(type);
        assertThat(new InfluxQlQueries("bench").render(draw).text()).isEqualTo(INFLUXQL.get(type));
        assertThat(new QuestDbQueries().render(draw).text()).isEqualTo(QUESTDB.get(type));
        assertThat(new MetricsQlQueries(RANGE).render(draw).text()).isEqualTo(METRICSQL.get(type));
        assertThat(new TsbsQueries("benchmark", "cpu", 100, FIRST, END).sql(draw)).isEqualTo(TIMESTREAM.get(type));
    }

    @Test
    void requestsCarryTheTextAndTheirParameters() {
        Draw draw = draw(Type.SINGLE_GROUPBY_1_1_1);
        assertThat(new InfluxQlQueries("bench").render(draw).parameters())
                .containsEntry("db", "bench").containsEntry("epoch", "ms").containsEntry("q", INFLUXQL.get(draw.type()));
        assertThat(new QuestDbQueries().render(draw).parameters()).containsOnlyKeys("query");
        // evaluated at each bucket's start + 50 s, so that (t-1m, t] holds exactly the bucket's six readings
        assertThat(new MetricsQlQueries(RANGE).render(draw).parameters()).containsEntry("start", "1451617250")
                .containsEntry("end", "1451620790").containsEntry("step", "60").containsEntry("nocache", "1");
        assertThat(new MetricsQlQueries(RANGE).shiftMillis(Type.SINGLE_GROUPBY_1_1_1)).isEqualTo(50_000);
        assertThat(new MetricsQlQueries(RANGE).shiftMillis(Type.HIGH_CPU_ALL)).isZero();
    }

    @Test
    void metricsQlWindowsStopAtTheDataEnd() {
        Draw pastTheEnd = new Draw(Type.HIGH_CPU_ALL, List.of(), END - 3_600_000L, END + 11 * 3_600_000L);
        assertThat(new MetricsQlQueries(RANGE).render(pastTheEnd).parameters()).containsEntry("end",
                Long.toString((END - 10_000) / 1000));
    }

    @Test
    void oneDrawRendersTheSameQueryAsTheRandomForm() {
        TsbsQueries queries = new TsbsQueries("benchmark", "cpu", 100, FIRST, END);
        for (Type type : Type.values()) {
            String direct = queries.sql(type, new SplittableRandom(42));
            assertThat(queries.sql(queries.draw(type, new SplittableRandom(42)))).as(type.label()).isEqualTo(direct);
        }
    }
}
