package io.tidemark.sql.parser;

import static io.tidemark.sql.parser.ParserAssert.roundTrip;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parse, format, parse again: the same tree. The queries are the examples of the Timestream
 * developer guide (basic queries, time-series functions, interpolation, unnest, SHOW/DESCRIBE,
 * UNLOAD) and of the dialect's catalogue, plus standard SQL covering every construct.
 */
class RoundTripTest {

    static Stream<String> timestreamExamples() {
        return Stream.of(
                "SELECT * FROM \"sampleDB\".DevOps ORDER BY time DESC LIMIT 10",
                "SELECT * FROM sampleDB.DevOps WHERE measure_name = 'cpu_utilization' ORDER BY time ASC LIMIT 5",
                "SELECT now() AS time_now, now() - (INTERVAL '12' HOUR) AS twelve_hour_earlier -- ANSI\n"
                        + ", now() - 12h AS also_twelve_hour_earlier, ago(12h) AS twelve_hours_ago,"
                        + " bin(now(), 10m) AS time_binned, ago(50ns) AS fifty_ns_ago,"
                        + " now() + (1h + 50ns) AS hour_fifty_ns_future",
                "SELECT region, az, hostname, BIN(time, 15s) AS binned_timestamp,"
                        + " ROUND(AVG(measure_value::double), 2) AS avg_cpu_utilization,"
                        + " ROUND(APPROX_PERCENTILE(measure_value::double, 0.9), 2) AS p90_cpu_utilization,"
                        + " ROUND(APPROX_PERCENTILE(measure_value::double, 0.95), 2) AS p95_cpu_utilization,"
                        + " ROUND(APPROX_PERCENTILE(measure_value::double, 0.99), 2) AS p99_cpu_utilization"
                        + " FROM \"sampleDB\".DevOps WHERE measure_name = 'cpu_utilization'"
                        + " AND hostname = 'host-Hovjv' AND time > ago(2h)"
                        + " GROUP BY region, hostname, az, BIN(time, 15s) ORDER BY binned_timestamp ASC",
                "WITH binned_timeseries AS (SELECT hostname, BIN(time, 30s) AS binned_timestamp,"
                        + " ROUND(AVG(measure_value::double), 2) AS avg_cpu_utilization FROM \"sampleDB\".DevOps"
                        + " WHERE measure_name = 'cpu_utilization' AND hostname = 'host-Hovjv' AND time > ago(2h)"
                        + " GROUP BY hostname, BIN(time, 30s)), interpolated_timeseries AS (SELECT hostname,"
                        + " INTERPOLATE_LINEAR(CREATE_TIME_SERIES(binned_timestamp, avg_cpu_utilization),"
                        + " SEQUENCE(min(binned_timestamp), max(binned_timestamp), 15s)) AS interpolated_avg_cpu_utilization"
                        + " FROM binned_timeseries GROUP BY hostname)"
                        + " SELECT time, ROUND(value, 2) AS interpolated_cpu FROM interpolated_timeseries"
                        + " CROSS JOIN UNNEST(interpolated_avg_cpu_utilization)",
                "WITH binned_timeseries AS (SELECT hostname, BIN(time, 30s) AS binned_timestamp,"
                        + " ROUND(AVG(measure_value::double), 2) AS avg_cpu_utilization FROM \"sampleDB\".DevOps"
                        + " WHERE measure_name = 'cpu_utilization' AND time > ago(2h) GROUP BY hostname, BIN(time, 30s)),"
                        + " interpolated_timeseries AS (SELECT hostname, INTERPOLATE_LOCF("
                        + "CREATE_TIME_SERIES(binned_timestamp, avg_cpu_utilization),"
                        + " SEQUENCE(min(binned_timestamp), max(binned_timestamp), 15s)) AS interpolated_avg_cpu_utilization"
                        + " FROM binned_timeseries GROUP BY hostname)"
                        + " SELECT time, ROUND(value, 2) AS interpolated_cpu FROM interpolated_timeseries"
                        + " CROSS JOIN UNNEST(interpolated_avg_cpu_utilization)",
                "SELECT INTERPOLATE_FILL(CREATE_TIME_SERIES(time, measure_value::double),"
                        + " SEQUENCE(ago(15m), ago(1m), 10s), 0.0) FROM \"sampleDB\".DevOps GROUP BY hostname",
                "SELECT INTERPOLATE_SPLINE_CUBIC(CREATE_TIME_SERIES(time, measure_value::double), ago(5m))"
                        + " FROM \"sampleDB\".DevOps GROUP BY hostname",
                "SELECT hostname, DERIVATIVE_LINEAR(CREATE_TIME_SERIES(time, measure_value::double), 1m)"
                        + " AS result FROM \"sampleDB\".DevOps WHERE measure_name = 'cpu_utilization'"
                        + " AND time > ago(1h) GROUP BY hostname",
                "SELECT NON_NEGATIVE_DERIVATIVE_LINEAR(CREATE_TIME_SERIES(time, measure_value::bigint), 5m)"
                        + " FROM db.counters GROUP BY instance",
                "SELECT INTEGRAL_TRAPEZOIDAL(CREATE_TIME_SERIES(time, measure_value::double), 1s) FROM db.t",
                "SELECT CORRELATE_PEARSON(CREATE_TIME_SERIES(time, measure_value::double),"
                        + " CREATE_TIME_SERIES(time, measure_value::double)) AS correlation FROM db.t",
                "SELECT FILTER(CREATE_TIME_SERIES(time, measure_value::double), x -> x.value > 20.0) FROM db.t",
                "SELECT REDUCE(CREATE_TIME_SERIES(time, measure_value::double), DOUBLE '0.0',"
                        + " (s, x) -> x.value + s, s -> s) FROM db.t",
                "SELECT transform(ARRAY[1, 2, 3], x -> x * 2), filter(ARRAY[5, -6, NULL, 7], x -> x > 0)",
                "SELECT regexp_replace('new york', '(\\w)(\\w*)', x -> upper(x[1]) || lower(x[2]))",
                "SELECT region, az, vpc, instance_id, CREATE_TIME_SERIES(time, measure_value::double) AS cpu_utilization"
                        + " FROM metrics WHERE measure_name = 'cpu_utilization' GROUP BY region, az, vpc, instance_id",
                "SELECT region, az, vpc, instance_id, time, value FROM (SELECT region, az, vpc, instance_id,"
                        + " CREATE_TIME_SERIES(time, measure_value::double) AS cpu FROM metrics GROUP BY 1, 2, 3, 4)"
                        + " CROSS JOIN UNNEST(cpu) AS t (time, value)",
                "SELECT t.c, n FROM (VALUES 1, 2, 3) AS t (c) CROSS JOIN UNNEST(ARRAY[10, 20]) WITH ORDINALITY AS u (v, n)",
                "SELECT SUM(measure_value::double) FILTER (WHERE measure_name = 'cpu') FROM db.t",
                "SELECT fleet, truck_id, fuel_reading, load, time FROM \"sampleDB\".IoTMulti WHERE time >= ago(1d)"
                        + " AND measure_name = 'metrics' AND fuel_reading < 10.0",
                "SELECT truck_id, make, model, BIN(time, 1h) AS binned_time, ROUND(AVG(fuel_reading), 2)"
                        + " FROM \"sampleDB\".IoTMulti WHERE time >= ago(7d) GROUP BY 1, 2, 3, 4 ORDER BY 4 DESC NULLS LAST",
                "SELECT measure_value::varchar, measure_value::boolean, measure_value::timestamp FROM db.t",
                "SELECT date '2022-05-21' + 2day, timestamp '2022-06-17 01:00', TIME '17:02:07.496',"
                        + " INTERVAL '6' DAY - INTERVAL '4' HOUR, INTERVAL '4' YEAR + INTERVAL '2' MONTH",
                "SELECT INTERVAL '2 10:00:00' DAY TO SECOND, INTERVAL -'1' HOUR",
                "SELECT IF(measure_value::double > 50, 'high', 'low') AS level, COALESCE(a, b, 0),"
                        + " NULLIF(x, 0), TRY(1 / 0), typeof(1) FROM db.t",
                "SELECT CAST(ROW(0, 0) AS ROW(a BIGINT, b BIGINT)), TRY_CAST('x' AS bigint),"
                        + " CAST(x AS varchar(10)), CAST(y AS array(double)), CAST(z AS array<bigint>),"
                        + " CAST(m AS map(varchar, bigint)), CAST(i AS INTERVAL DAY TO SECOND), x::double",
                "SELECT extract(YEAR FROM time), EXTRACT(day_of_week FROM time), position('b' IN 'abc')",
                "SELECT current_date, current_time, current_timestamp, localtime, localtimestamp, current_timezone()",
                "SHOW DATABASES",
                "SHOW DATABASES LIKE 'sample%'",
                "SHOW TABLES",
                "SHOW TABLES FROM \"sampleDB\" LIKE '%Ops'",
                "SHOW MEASURES FROM \"sampleDB\".DevOps LIKE 'cpu%'",
                "DESCRIBE \"sampleDB\".DevOps",
                "EXPLAIN SELECT count(*) FROM db.t",
                "UNLOAD (SELECT user_id, ip_address, event, session_id, measure_name, time, query, quantity,"
                        + " product_id, channel FROM sample_clickstream.sample_shopping"
                        + " WHERE time BETWEEN ago(2d) AND now())"
                        + " TO 's3://my_timestream_unloads/withoutpartition' WITH (format = 'CSV',"
                        + " compression = 'GZIP', partitioned_by = ARRAY['channel'], include_header = 'true')",
                "SELECT @scheduled_runtime, bin(@scheduled_runtime, 1h) FROM db.t WHERE time BETWEEN"
                        + " @scheduled_runtime - 10m AND @scheduled_runtime",
                "SELECT BIN(time, 1m) AS time_bin, AVG(CASE WHEN measure_name = 'cpu_utilization'"
                        + " THEN measure_value::double ELSE NULL END) AS avg_cpu, AVG(CASE WHEN measure_name ="
                        + " 'memory_utilization' THEN measure_value::double ELSE NULL END) AS avg_memory"
                        + " FROM \"sampleDB\".DevOps WHERE time >= ago(1h) GROUP BY BIN(time, 1m) ORDER BY time_bin DESC",
                "SELECT hostname, max_by(measure_value::double, time) AS last_cpu, max(time) AS last_time"
                        + " FROM \"sampleDB\".DevOps WHERE measure_name = 'cpu_utilization' AND time > ago(10m)"
                        + " GROUP BY hostname",
                "SELECT * FROM (SELECT hostname, time, measure_value::double AS cpu, ROW_NUMBER() OVER"
                        + " (PARTITION BY hostname ORDER BY time DESC) AS rn FROM \"sampleDB\".DevOps"
                        + " WHERE measure_name = 'cpu_utilization') WHERE rn = 1",
                "SELECT hostname, time, measure_value::double - LAG(measure_value::double, 1) OVER"
                        + " (PARTITION BY hostname ORDER BY time) AS delta FROM \"sampleDB\".DevOps",
                "SELECT SUM(CASE WHEN status_code >= 500 THEN 1 ELSE 0 END) * 100.0 / COUNT(*) AS error_pct"
                        + " FROM \"sampleDB\".requests WHERE time BETWEEN from_iso8601_timestamp('2021-01-01T00:00:00Z')"
                        + " AND now()",
                "SELECT date_trunc('hour', time) AS hour, approx_percentile(latency, weight, 0.99) FROM db.t"
                        + " GROUP BY date_trunc('hour', time) HAVING COUNT(*) > 100",
                "WITH cpu AS (SELECT hostname, AVG(measure_value::double) AS v FROM db.t"
                        + " WHERE measure_name = 'cpu' GROUP BY hostname), mem AS (SELECT hostname,"
                        + " AVG(measure_value::double) AS v FROM db.t WHERE measure_name = 'mem' GROUP BY hostname)"
                        + " SELECT hostname, cpu.v AS cpu, mem.v AS mem FROM cpu JOIN mem USING (hostname)"
                        + " ORDER BY cpu DESC LIMIT 10",
                "SELECT instance_id, to_milliseconds(time), from_milliseconds(1600000000000),"
                        + " date_diff('second', min(time), max(time)), format_datetime(time, 'yyyy-MM-dd HH:mm:ss'),"
                        + " date_format(time, '%Y-%m-%d %H:%i:%s') FROM db.t GROUP BY instance_id, time",
                "SELECT hostname, INTERPOLATE_LINEAR(CREATE_TIME_SERIES(time, measure_value::double),"
                        + " SEQUENCE(bin(min(time), 1m), bin(max(time), 1m), 1m)) AS ts FROM db.t GROUP BY hostname"
                        + " HAVING count(*) > 2",
                "SELECT t.hostname, u.time, u.value FROM (SELECT hostname, CREATE_TIME_SERIES(time,"
                        + " measure_value::double) AS series FROM db.t GROUP BY hostname) AS t"
                        + " CROSS JOIN UNNEST(t.series) AS u (time, value) WHERE u.value > 90.0 ORDER BY u.time");
    }

    static Stream<String> standardSql() {
        return Stream.of(
                "SELECT DISTINCT a, b AS \"B\", \"select\", t.* FROM t",
                "SELECT ALL a FROM t",
                "SELECT ALL  ALL a FROM t",
                "SELECT \"all\", all.x, all_time FROM t",
                "select a from t where a = 1 and b <> 2 or not c != 3 and d < 4 and e <= 5 and f > 6 and g >= 7",
                "SELECT a + b * c - d / e % f || 'x', -a, +b, - -c FROM t",
                "SELECT count(*), count(DISTINCT a), count_if(b > 1), max_by(a, b), approx_percentile(x, ARRAY[0.5, 0.9])"
                        + " FROM t GROUP BY DISTINCT c HAVING count(*) > 10",
                "SELECT a FROM t GROUP BY ALL a",
                "SELECT h, array_agg(x ORDER BY time DESC NULLS FIRST, y) FILTER (WHERE x > 0), map_agg(DISTINCT k, v ORDER BY k) FROM t GROUP BY h",
                "SELECT first_value(x) IGNORE NULLS OVER (PARTITION BY h ORDER BY time), lead(x, 1, 0) RESPECT NULLS OVER (ORDER BY time) FROM t",
                "SELECT count(*) FROM t GROUP BY ()",
                "SELECT a FROM t ORDER BY a DESC NULLS FIRST, b ASC NULLS LAST, c LIMIT ALL",
                "SELECT a FROM t ORDER BY a OFFSET 10 ROWS LIMIT 5",
                "SELECT a FROM t LIMIT 5 OFFSET 10",
                "SELECT a FROM t1 UNION SELECT b FROM t2 UNION ALL SELECT c FROM t3",
                "SELECT a FROM t1 UNION SELECT b FROM t2 INTERSECT SELECT c FROM t3 EXCEPT DISTINCT SELECT d FROM t4",
                "(SELECT a FROM t1 ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM t2) ORDER BY 1",
                "SELECT a FROM t1 INTERSECT ALL (SELECT a FROM t2 UNION SELECT a FROM t3)",
                "VALUES (1, 'a'), (2, 'b')",
                "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v (id, name)",
                "SELECT * FROM a JOIN b ON a.id = b.id LEFT JOIN c USING (id, k) RIGHT OUTER JOIN d ON TRUE"
                        + " FULL OUTER JOIN e ON e.x = d.x CROSS JOIN f INNER JOIN g ON g.y = f.y",
                "SELECT * FROM a, b, c WHERE a.x = b.x AND b.y = c.y",
                "SELECT * FROM a JOIN (b JOIN c ON b.x = c.x) ON a.x = b.x",
                "SELECT * FROM (a JOIN b ON a.x = b.x) AS j",
                "SELECT * FROM t x, u AS y (p, q)",
                "SELECT (SELECT max(a) FROM t) AS m, a IN (SELECT a FROM u), a NOT IN (1, 2, 3),"
                        + " EXISTS (SELECT 1 FROM u WHERE u.a = t.a), NOT EXISTS (SELECT 1) FROM t",
                "SELECT a = ANY (SELECT b FROM u), a < ALL (VALUES 1, 2), a >= SOME (SELECT c FROM v) FROM t",
                "SELECT a BETWEEN 1 AND 2, a NOT BETWEEN b AND c + 1, s LIKE 'a%', s NOT LIKE 'a!%' ESCAPE '!',"
                        + " a IS NULL, a IS NOT NULL, a IS DISTINCT FROM b, a IS NOT DISTINCT FROM b FROM t",
                "SELECT CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN 'neg' ELSE 'zero' END,"
                        + " CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' END FROM t",
                "SELECT ARRAY[1, 2, 3][1], ARRAY[], ROW(1, 'a'), (1, 2), r.f, r.f.g, arr[2].x, (ROW(1, 2)).x FROM t",
                "SELECT 1, 1.5, .5, 1., 1e3, 2.5E-3, 'it''s', \"a\"\"b\", TRUE, FALSE, NULL",
                "SELECT row_number() OVER (PARTITION BY a ORDER BY b DESC), rank() OVER (ORDER BY c),"
                        + " avg(x) OVER (PARTITION BY h ORDER BY time ROWS BETWEEN 2 PRECEDING AND CURRENT ROW),"
                        + " sum(x) OVER (ORDER BY time RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND UNBOUNDED FOLLOWING),"
                        + " first_value(x) OVER (ROWS UNBOUNDED PRECEDING), lag(x, 1, 0) OVER (),"
                        + " count(*) OVER (ORDER BY t ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING) FROM t",
                "SELECT zip_with(a, b, (x, y) -> x + y), reduce(a, 0, (s, x) -> s + x, s -> s * 2),"
                        + " transform(a, () -> 1) FROM t",
                "WITH q (a, b) AS (SELECT 1, 2), r AS (SELECT * FROM q) SELECT * FROM r",
                "SELECT * FROM t WHERE a IN (1) AND (b OR c) AND (d AND e) OR f",
                "SELECT \"time\", \"measure_value::double\", \"a b\" FROM \"my db\".\"my table\"",
                "SELECT a FROM t;",
                "EXPLAIN EXPLAIN SELECT 1",
                "SELECT 1 -- trailing comment",
                "/* leading */ SELECT /* inline */ 1",
                "SELECT limit, offset FROM t AS limited",
                "SELECT x AS limit FROM t AS offset");
    }

    @ParameterizedTest
    @MethodSource("timestreamExamples")
    void timestreamExamplesRoundTrip(String sql) {
        roundTrip(sql);
    }

    @ParameterizedTest
    @MethodSource("standardSql")
    void standardSqlRoundTrips(String sql) {
        roundTrip(sql);
    }
}
