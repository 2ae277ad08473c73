package io.tidemark.sql.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.sql.parser.SqlParser;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven analyzer tests: valid statements with their result columns ({@code name type}),
 * and invalid ones with the exact message, position included.
 */
class AnalyzerTest {

    private static final SqlParser PARSER = new SqlParser();
    private static final Analyzer ANALYZER = new Analyzer(TestCatalog.INSTANCE);

    static List<String> columns(String sql) {
        return ANALYZER.analyze(PARSER.parseStatement(sql)).outputColumns().stream()
                .map(c -> c.name() + " " + c.type().displayName()).toList();
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("SELECT * FROM db.cpu", List.of("region varchar", "host varchar", "measure_name varchar", "time timestamp",
                        "measure_value::double double", "measure_value::bigint bigint")),
                Arguments.of("SELECT * FROM db.metrics", List.of("host varchar", "measure_name varchar", "time timestamp",
                        "cpu double", "memory bigint", "status varchar")),
                Arguments.of("SELECT m.* FROM db.metrics m WHERE m.cpu > 1", List.of("host varchar", "measure_name varchar", "time timestamp",
                        "cpu double", "memory bigint", "status varchar")),
                Arguments.of("SELECT \"Host\", HOST FROM \"Sample\".\"DevOps\"", List.of("Host varchar", "Host varchar")),
                Arguments.of("SELECT 1, 'a', 2.5, NULL, true", List.of("_col0 bigint", "_col1 varchar", "_col2 double", "_col3 unknown", "_col4 boolean")),
                Arguments.of("SELECT host, avg(measure_value::double) AS avg_cpu FROM db.cpu WHERE time > ago(2h) GROUP BY host",
                        List.of("host varchar", "avg_cpu double")),
                Arguments.of("SELECT region, bin(time, 5m) AS t, max(measure_value::bigint) FROM db.cpu GROUP BY region, bin(time, 5m) ORDER BY t",
                        List.of("region varchar", "t timestamp", "_col2 bigint")),
                Arguments.of("SELECT host, count(*) FROM db.cpu GROUP BY 1 HAVING count(*) > 10 ORDER BY 2 DESC",
                        List.of("host varchar", "_col1 bigint")),
                Arguments.of("SELECT host, create_time_series(time, measure_value::double) AS ts FROM db.cpu GROUP BY host",
                        List.of("host varchar", "ts timeseries(double)")),
                Arguments.of("WITH s AS (SELECT host, create_time_series(time, measure_value::double) AS ts FROM db.cpu GROUP BY host) "
                        + "SELECT host, interpolate_linear(ts, sequence(ago(15m), ago(1m), 10s)) AS i FROM s",
                        List.of("host varchar", "i timeseries(double)")),
                Arguments.of("WITH s AS (SELECT host, create_time_series(time, measure_value::double) AS ts FROM db.cpu GROUP BY host) "
                        + "SELECT s.host, u.t, u.v FROM s CROSS JOIN UNNEST(ts) AS u(t, v)",
                        List.of("host varchar", "t timestamp", "v double")),
                Arguments.of("WITH s AS (SELECT create_time_series(time, measure_value::bigint) AS ts FROM db.cpu) SELECT * FROM s CROSS JOIN UNNEST(ts)",
                        List.of("ts timeseries(bigint)", "time timestamp", "value bigint")),
                Arguments.of("SELECT filter(create_time_series(time, measure_value::double), p -> p.value > 0.5) FROM db.cpu",
                        List.of("_col0 timeseries(double)")),
                Arguments.of("SELECT reduce(create_time_series(time, measure_value::double), 0.0, (s, p) -> s + p.value, s -> s / 2) FROM db.cpu",
                        List.of("_col0 double")),
                Arguments.of("SELECT transform(ARRAY[1, 2], x -> x * 2.0), filter(ARRAY['a'], x -> x <> 'b')",
                        List.of("_col0 array(double)", "_col1 array(varchar)")),
                Arguments.of("SELECT time + INTERVAL '1' HOUR, time - 1d, date '2022-05-21' + 2d, INTERVAL '4' YEAR + INTERVAL '2' MONTH FROM db.cpu",
                        List.of("_col0 timestamp", "_col1 timestamp", "_col2 date", "_col3 interval year to month")),
                Arguments.of("SELECT coalesce(measure_value::bigint, 2.5), if(true, 1), nullif(host, 'a') FROM db.cpu",
                        List.of("_col0 double", "_col1 bigint", "_col2 varchar")),
                Arguments.of("SELECT CASE WHEN host = 'a' THEN 1 ELSE 2.0 END, CASE host WHEN 'a' THEN 'x' END FROM db.cpu",
                        List.of("_col0 double", "_col1 varchar")),
                Arguments.of("SELECT CAST(measure_value::double AS bigint) AS b, TRY_CAST(host AS double) FROM db.cpu",
                        List.of("b bigint", "_col1 double")),
                Arguments.of("SELECT host, row_number() OVER (PARTITION BY host ORDER BY time DESC) AS rn, "
                        + "avg(measure_value::double) OVER (ORDER BY time ROWS BETWEEN 5 PRECEDING AND CURRENT ROW) FROM db.cpu",
                        List.of("host varchar", "rn bigint", "_col2 double")),
                Arguments.of("SELECT host, rank() OVER (ORDER BY avg(measure_value::double)) FROM db.cpu GROUP BY host",
                        List.of("host varchar", "_col1 bigint")),
                Arguments.of("SELECT c.host, m.memory FROM db.cpu c JOIN db.metrics m ON c.host = m.host", List.of("host varchar", "memory bigint")),
                Arguments.of("SELECT host, region, memory FROM db.cpu JOIN db.metrics USING (host)",
                        List.of("host varchar", "region varchar", "memory bigint")),
                Arguments.of("SELECT x FROM (SELECT host AS x FROM db.cpu) WHERE x LIKE 'a%'", List.of("x varchar")),
                Arguments.of("SELECT c FROM (VALUES 1, 2, 3) AS t(c)", List.of("c bigint")),
                Arguments.of("SELECT host FROM db.cpu c WHERE EXISTS (SELECT 1 FROM db.metrics m WHERE m.host = c.host) "
                        + "AND measure_value::double > (SELECT avg(cpu) FROM db.metrics) AND host IN (SELECT host FROM db.metrics)",
                        List.of("host varchar")),
                Arguments.of("SELECT host FROM db.cpu UNION SELECT status FROM db.metrics", List.of("host varchar")),
                Arguments.of("SELECT measure_value::bigint FROM db.cpu UNION ALL SELECT cpu FROM db.metrics ORDER BY 1",
                        List.of("measure_value::bigint double")),
                Arguments.of("SELECT approx_percentile(measure_value::double, ARRAY[0.5, 0.9]), min_by(host, time), count(DISTINCT host), "
                        + "count_if(measure_value::double > 1) FILTER (WHERE host = 'a') FROM db.cpu",
                        List.of("_col0 array(double)", "_col1 varchar", "_col2 bigint", "_col3 bigint")),
                Arguments.of("SELECT extract(HOUR FROM time), year(time), date_trunc('hour', time), to_milliseconds(5m) FROM db.cpu",
                        List.of("_col0 bigint", "_col1 bigint", "_col2 timestamp", "_col3 bigint")),
                Arguments.of("SELECT ARRAY[1, 2][1], ROW(1, 'a'), map(ARRAY['a'], ARRAY[1])['a'], 'a' || 'b', ARRAY[1] || 2",
                        List.of("_col0 bigint", "_col1 row(bigint, varchar)", "_col2 bigint", "_col3 varchar", "_col4 array(bigint)")),
                Arguments.of("SELECT DISTINCT host FROM db.cpu ORDER BY host LIMIT 10", List.of("host varchar")),
                Arguments.of("SELECT current_date, current_timestamp, now(), current_time", List.of("_col0 date", "_col1 timestamp", "_col2 timestamp", "_col3 time")),
                Arguments.of("SELECT regexp_replace(host, '(a)', x -> upper(x[1])) FROM db.cpu", List.of("_col0 varchar")),
                Arguments.of("EXPLAIN SELECT 1", List.of("Query Plan varchar")),
                Arguments.of("DESCRIBE db.cpu", List.of("Column varchar", "Type varchar", "Timestream attribute type varchar")),
                Arguments.of("SHOW MEASURES FROM db.cpu", List.of("measure_name varchar", "data_type varchar",
                        "dimensions array(row(dimension_name varchar, data_type varchar))")),
                Arguments.of("SELECT host FROM db.cpu WHERE measure_value::double > ALL (SELECT cpu FROM db.metrics)", List.of("host varchar")),
                Arguments.of("SELECT count(*) FROM db.cpu HAVING count(*) > 1", List.of("_col0 bigint")),
                Arguments.of("SELECT host AS h FROM db.cpu ORDER BY h, region", List.of("h varchar")),
                Arguments.of("SELECT host, avg(measure_value::double) AS a FROM db.cpu GROUP BY host ORDER BY a DESC, count(*)",
                        List.of("host varchar", "a double")),
                Arguments.of("SELECT * FROM db.cpu GROUP BY 1, 2, 3, 4, 5, 6", List.of("region varchar", "host varchar", "measure_name varchar",
                        "time timestamp", "measure_value::double double", "measure_value::bigint bigint")),
                Arguments.of("SELECT max(host), max_by(host, time), greatest(1, 2.5), array_sort(ARRAY['b', 'a']) FROM db.cpu",
                        List.of("_col0 varchar", "_col1 varchar", "_col2 double", "_col3 array(varchar)")),
                Arguments.of("SELECT " + "1 + ".repeat(900) + "1", List.of("_col0 bigint")),
                Arguments.of("SELECT CAST(ROW(0, 0) AS ROW(a BIGINT, b DOUBLE)), CAST('1' AS varchar(5)), CAST(NULL AS map(varchar, array(int))), "
                        + "CAST(5m AS varchar), INTERVAL '1 02:03:04' DAY TO SECOND",
                        List.of("_col0 row(a bigint, b double)", "_col1 varchar", "_col2 map(varchar, array(integer))", "_col3 varchar",
                                "_col4 interval day to second")),
                Arguments.of("SELECT " + "abs(".repeat(195) + "1" + ")".repeat(195), List.of("_col0 bigint")),
                Arguments.of("SELECT sum(cardinality(" + "transform(".repeat(60) + "ARRAY[1]" + ", x -> x + 1)".repeat(60) + "))",
                        List.of("_col0 bigint")),
                Arguments.of("SELECT host, array_agg(measure_value::double ORDER BY time DESC, region) FROM db.cpu GROUP BY host",
                        List.of("host varchar", "_col1 array(double)")),
                Arguments.of("SELECT first_value(host) IGNORE NULLS OVER (ORDER BY time), lag(time, 2) RESPECT NULLS OVER (ORDER BY time) FROM db.cpu",
                        List.of("_col0 varchar", "_col1 timestamp")),
                Arguments.of("SELECT sum(measure_value::bigint) FILTER (WHERE host = 'a') OVER (PARTITION BY region ORDER BY time "
                        + "RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) FROM db.cpu", List.of("_col0 bigint")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validStatementsHaveTheseColumns(String sql, List<String> expected) {
        assertThat(columns(sql)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("SELECT * FROM abc.sampleDB", "Requested database 'abc' not found for identifier 'abc.sampleDB' at line 1:15"),
                Arguments.of("SELECT * FROM db.nope", "line 1:15: Table 'db.nope' does not exist"),
                Arguments.of("SELECT * FROM cpu", "line 1:15: Table 'cpu' must be qualified with its database: \"<database>\".\"cpu\""),
                Arguments.of("SELECT x FROM db.cpu", "line 1:8: Column 'x' cannot be resolved"),
                Arguments.of("SELECT \"HOST\" FROM db.cpu", "line 1:8: Column 'HOST' cannot be resolved"),
                Arguments.of("SELECT c.nope FROM db.cpu c", "line 1:8: Column 'c.nope' cannot be resolved"),
                Arguments.of("SELECT host FROM db.cpu, db.metrics", "line 1:8: Column 'host' is ambiguous"),
                Arguments.of("SELECT abs('x')", "line 1:8: Unexpected parameters (varchar) for function abs. Expected: abs(bigint), abs(integer), abs(double)"),
                Arguments.of("SELECT nosuch(1)", "line 1:8: Function 'nosuch' not registered"),
                Arguments.of("SELECT host FROM db.cpu WHERE count(*) > 1",
                        "line 1:31: WHERE clause cannot contain aggregations, window functions or grouping operations: [count(*)]"),
                Arguments.of("SELECT host, count(*) FROM db.cpu",
                        "line 1:8: 'host' must be an aggregate expression or appear in GROUP BY clause"),
                Arguments.of("SELECT region, count(*) FROM db.cpu GROUP BY host",
                        "line 1:8: 'region' must be an aggregate expression or appear in GROUP BY clause"),
                Arguments.of("SELECT host AS h, count(*) FROM db.cpu GROUP BY h", "line 1:49: Column 'h' cannot be resolved"),
                Arguments.of("SELECT host FROM db.cpu GROUP BY 3", "line 1:34: GROUP BY position 3 is not in select list"),
                Arguments.of("SELECT host FROM db.cpu ORDER BY 2", "line 1:34: ORDER BY position 2 is not in select list"),
                Arguments.of("SELECT sum(max(measure_value::double)) FROM db.cpu",
                        "line 1:12: Cannot nest aggregations inside aggregation 'sum': [max(measure_value::double)]"),
                Arguments.of("SELECT host FROM db.cpu WHERE host = 1", "line 1:31: '=' cannot be applied to varchar, bigint"),
                Arguments.of("SELECT host FROM db.cpu WHERE time > '2022-01-01'", "line 1:31: '>' cannot be applied to timestamp, varchar"),
                Arguments.of("SELECT CASE WHEN true THEN 1 ELSE 'a' END",
                        "line 1:8: All CASE results must be the same type or coercible to a common type: bigint, varchar"),
                Arguments.of("SELECT host FROM db.cpu UNION SELECT memory FROM db.metrics",
                        "line 1:31: column 1 in UNION query has incompatible types: varchar, bigint"),
                Arguments.of("SELECT host, region FROM db.cpu UNION SELECT host FROM db.metrics",
                        "line 1:39: UNION query has different number of fields: 2, 1"),
                Arguments.of("SELECT host FROM db.cpu WHERE measure_value::double", "line 1:31: WHERE clause must evaluate to a boolean: actual type double"),
                Arguments.of("SELECT 'a' + 1", "line 1:8: Cannot apply operator: varchar + bigint"),
                Arguments.of("SELECT time - time FROM db.cpu", "line 1:8: Cannot apply operator: timestamp - timestamp"),
                Arguments.of("SELECT row_number() FROM db.cpu", "line 1:8: Window function row_number requires an OVER clause"),
                Arguments.of("SELECT abs(1 ORDER BY time) FROM db.cpu", "line 1:8: ORDER BY is only valid for aggregation functions without OVER: abs"),
                Arguments.of("SELECT array_agg(host ORDER BY time) OVER () FROM db.cpu",
                        "line 1:8: ORDER BY is only valid for aggregation functions without OVER: array_agg"),
                Arguments.of("SELECT array_agg(host ORDER BY nope) FROM db.cpu", "line 1:32: Column 'nope' cannot be resolved"),
                Arguments.of("SELECT array_agg(host ORDER BY max(time)) FROM db.cpu",
                        "line 1:32: Cannot nest aggregations inside aggregation 'array_agg': [max(time)]"),
                Arguments.of("SELECT row_number() IGNORE NULLS OVER () FROM db.cpu",
                        "line 1:8: Cannot specify null treatment clause for non-value window function: row_number"),
                Arguments.of("SELECT sum(measure_value::double) RESPECT NULLS OVER () FROM db.cpu",
                        "line 1:8: Cannot specify null treatment clause for non-value window function: sum"),
                Arguments.of("SELECT abs(1) OVER () FROM db.cpu", "line 1:8: Not a window function: abs"),
                Arguments.of("SELECT DISTINCT host FROM db.cpu ORDER BY region",
                        "line 1:43: For SELECT DISTINCT, ORDER BY expressions must appear in select list"),
                Arguments.of("SELECT (SELECT host, region FROM db.cpu)", "line 1:8: Multiple columns returned by subquery are not yet supported. Found 2"),
                Arguments.of("SELECT CAST(host AS array(bigint)) FROM db.cpu", "line 1:8: Cannot cast varchar to array(bigint)"),
                Arguments.of("SELECT timestamp '2022-13-01'", "line 1:8: '2022-13-01' is not a valid timestamp literal"),
                Arguments.of("SELECT bin(time, 'x') FROM db.cpu",
                        "line 1:8: Unexpected parameters (timestamp, varchar) for function bin. Expected: bin(timestamp, interval day to second)"),
                Arguments.of("SELECT filter(ARRAY[1], x -> x + 1)",
                        "line 1:8: Unexpected parameters (array(bigint), function) for function filter. Expected: filter(array(T), function(T, boolean)), "
                                + "filter(timeseries(T), function(row(time timestamp, value T), boolean))"),
                Arguments.of("SELECT x -> x", "line 1:8: Lambda expression should always be used inside a function"),
                Arguments.of("SELECT create_time_series(time, measure_value::double) AS ts FROM db.cpu ORDER BY ts",
                        "line 1:83: Type timeseries(double) is not orderable, and therefore cannot be used in ORDER BY"),
                Arguments.of("SELECT * FROM db.cpu CROSS JOIN UNNEST(host)", "line 1:40: Cannot unnest type: varchar"),
                Arguments.of("SELECT extract(HOUR FROM current_date)", "line 1:8: Cannot extract HOUR from date"),
                Arguments.of("SELECT c FROM (VALUES 1, 'a') AS t(c)", "line 1:16: Values rows have mismatched types: bigint vs varchar"),
                Arguments.of("SELECT * FROM db.cpu AS t(a)", "line 1:15: Column alias list has 1 entries but 't' has 6 columns available"),
                Arguments.of("SELECT host FROM db.cpu JOIN db.metrics USING (region)", "line 1:48: Column 'region' is missing from right side of join"),
                Arguments.of("SELECT host, count(*) FROM db.cpu GROUP BY 2",
                        "line 1:14: GROUP BY clause cannot contain aggregations, window functions or grouping operations: [count(*)]"),
                Arguments.of("SELECT * FROM db.cpu GROUP BY host", "line 1:1: 'region' must be an aggregate expression or appear in GROUP BY clause"),
                Arguments.of("SELECT count(count(*)) FROM db.cpu", "line 1:14: Cannot nest aggregations inside aggregation 'count': [count(*)]"),
                Arguments.of("SELECT max(create_time_series(time, measure_value::double)) FROM db.cpu",
                        "line 1:8: Unexpected parameters (timeseries(double)) for function max. Expected: max(T) T:orderable, max(T, bigint) T:orderable"),
                Arguments.of("SELECT avg(measure_value::double) OVER (ORDER BY host RANGE 5 PRECEDING) FROM db.cpu",
                        "line 1:61: Window frame RANGE offset of type bigint does not fit ORDER BY key of type varchar"),
                Arguments.of("SELECT rank() OVER (ORDER BY rank() OVER ()) FROM db.cpu",
                        "line 1:30: Cannot nest window functions inside window function 'rank': [rank() OVER ()]"),
                Arguments.of("SELECT host FROM db.cpu WHERE host LIKE 1", "line 1:41: Pattern for LIKE expression must evaluate to a varchar (actual: bigint)"),
                Arguments.of("SELECT CAST(1 AS decimal(10, 2))", "line 1:18: Unknown type: decimal"),
                Arguments.of("SELECT CAST(1 AS bigint(3))", "line 1:18: Type bigint does not take 1 parameters"),
                Arguments.of("SELECT INTERVAL '1' YEAR TO SECOND", "line 1:8: Invalid interval qualifier: year to second"),
                Arguments.of("SHOW TABLES FROM nodb", "Requested database 'nodb' not found at line 1:18"),
                Arguments.of("SELECT host FROM db.cpu WHERE EXISTS (SELECT nope FROM db.metrics)", "line 1:46: Column 'nope' cannot be resolved"),
                Arguments.of("DESCRIBE nodb.cpu", "Requested database 'nodb' not found for identifier 'nodb.cpu' at line 1:10"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidStatementsFailAtTheirPosition(String sql, String message) {
        assertThatThrownBy(() -> columns(sql)).isInstanceOf(SemanticException.class).hasMessage(message);
    }
}
