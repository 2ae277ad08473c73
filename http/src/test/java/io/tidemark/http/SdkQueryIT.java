package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.timestreamquery.TimestreamQueryClient;
import software.amazon.awssdk.services.timestreamquery.model.CancelQueryResponse;
import software.amazon.awssdk.services.timestreamquery.model.ColumnInfo;
import software.amazon.awssdk.services.timestreamquery.model.ConflictException;
import software.amazon.awssdk.services.timestreamquery.model.Datum;
import software.amazon.awssdk.services.timestreamquery.model.ParameterMapping;
import software.amazon.awssdk.services.timestreamquery.model.PrepareQueryResponse;
import software.amazon.awssdk.services.timestreamquery.model.QueryInsightsMode;
import software.amazon.awssdk.services.timestreamquery.model.QueryInsightsResponse;
import software.amazon.awssdk.services.timestreamquery.model.QueryResponse;
import software.amazon.awssdk.services.timestreamquery.model.ScalarType;
import software.amazon.awssdk.services.timestreamquery.model.SelectColumn;
import software.amazon.awssdk.services.timestreamquery.model.TimeSeriesDataPoint;
import software.amazon.awssdk.services.timestreamquery.model.ValidationException;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Dimension;
import software.amazon.awssdk.services.timestreamwrite.model.MeasureValueType;
import software.amazon.awssdk.services.timestreamwrite.model.Record;

/**
 * The AWS SDK for Java v2 query client against a running node: data written with the write
 * client comes back through Query with every kind of value, across pages, and CancelQuery,
 * PrepareQuery and the query errors arrive as the SDK's own types.
 */
class SdkQueryIT {

    /** Points written per host; the time of point i is {@code BASE + i} seconds. */
    static final int POINTS = 25;
    static final long BASE_SECONDS = System.currentTimeMillis() / 1000 - 3600;

    @TempDir
    static Path dataDir;

    static ServerFixture node;
    static TimestreamWriteClient writer;
    static TimestreamQueryClient client;

    @BeforeAll
    static void start() {
        node = ServerFixture.start(dataDir, Map.of());
        writer = node.writeClient();
        client = node.queryClient();
        writer.createDatabase(b -> b.databaseName("q_db"));
        writer.createTable(b -> b.databaseName("q_db").tableName("metrics"));
        for (String host : List.of("h1", "h2")) {
            List<Record> records = new ArrayList<>();
            for (int i = 0; i < POINTS; i++) {
                records.add(Record.builder().measureName("cpu").measureValue(Double.toString(i + 0.5))
                        .time(Long.toString(BASE_SECONDS + i)).build());
            }
            writer.writeRecords(b -> b.databaseName("q_db").tableName("metrics")
                    .commonAttributes(c -> c.dimensions(Dimension.builder().name("host").value(host).build())
                            .measureValueType(MeasureValueType.DOUBLE).timeUnit("SECONDS"))
                    .records(records));
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        writer.close();
        node.close();
    }

    @Test
    void everyScalarTypeAndNullArriveWithTheirScalarTypeAndText() {
        QueryResponse response = client.query(b -> b.queryString("SELECT 42 AS big, CAST(7 AS integer) AS i,"
                + " 2.5 AS d, 'text' AS s, true AS b, TIMESTAMP '2022-07-07 17:42:32.939' AS ts,"
                + " DATE '2022-07-07' AS dt, TIME '17:41:52.827' AS tm, INTERVAL '5' DAY AS ds,"
                + " INTERVAL '4' YEAR AS ym, NULL AS n, CAST(NULL AS bigint) AS nb"));

        assertThat(response.columnInfo()).extracting(ColumnInfo::name)
                .containsExactly("big", "i", "d", "s", "b", "ts", "dt", "tm", "ds", "ym", "n", "nb");
        assertThat(response.columnInfo()).extracting(c -> c.type().scalarType()).containsExactly(
                ScalarType.BIGINT, ScalarType.INTEGER, ScalarType.DOUBLE, ScalarType.VARCHAR, ScalarType.BOOLEAN,
                ScalarType.TIMESTAMP, ScalarType.DATE, ScalarType.TIME, ScalarType.INTERVAL_DAY_TO_SECOND,
                ScalarType.INTERVAL_YEAR_TO_MONTH, ScalarType.UNKNOWN, ScalarType.BIGINT);
        List<Datum> data = response.rows().get(0).data();
        assertThat(data.subList(0, 10)).extracting(Datum::scalarValue).containsExactly("42", "7", "2.5", "text", "true",
                "2022-07-07 17:42:32.939000000", "2022-07-07", "17:41:52.827000000", "5 00:00:00.000000000", "4-0");
        assertThat(data.subList(10, 12)).allSatisfy(d -> {
            assertThat(d.nullValue()).isTrue();
            assertThat(d.scalarValue()).isNull();
        });
        assertThat(response.nextToken()).isNull();
        assertThat(response.queryId()).matches("[a-zA-Z0-9]{1,64}");
    }

    @Test
    void unnamedColumnsAreNamedByTheirPositionAsTimestreamNamesThem() {
        QueryResponse response = client.query(b -> b.queryString(
                "SELECT 1, 2 AS two, max(measure_value::double) FROM q_db.metrics"));

        assertThat(response.columnInfo()).extracting(ColumnInfo::name).containsExactly("_col0", "two", "_col2");
        assertThat(response.rows().get(0).data()).extracting(Datum::scalarValue)
                .containsExactly("1", "2", Double.toString(POINTS - 0.5));
    }

    @Test
    void arraysRowsAndMapsArriveAsNestedDatums() {
        QueryResponse response = client.query(b -> b.queryString("SELECT ARRAY[1, NULL, 3] AS a,"
                + " CAST(ROW(1, 'x') AS ROW(id bigint, name varchar)) AS r, MAP(ARRAY['k'], ARRAY[2.5]) AS m"));

        List<ColumnInfo> columns = response.columnInfo();
        assertThat(columns.get(0).type().arrayColumnInfo().type().scalarType()).isEqualTo(ScalarType.BIGINT);
        assertThat(columns.get(1).type().rowColumnInfo()).extracting(ColumnInfo::name).containsExactly("id", "name");
        assertThat(columns.get(1).type().rowColumnInfo()).extracting(c -> c.type().scalarType())
                .containsExactly(ScalarType.BIGINT, ScalarType.VARCHAR);
        List<ColumnInfo> entry = columns.get(2).type().arrayColumnInfo().type().rowColumnInfo();
        assertThat(entry).extracting(ColumnInfo::name).containsExactly("key", "value");
        assertThat(entry).extracting(c -> c.type().scalarType()).containsExactly(ScalarType.VARCHAR, ScalarType.DOUBLE);

        List<Datum> data = response.rows().get(0).data();
        assertThat(data.get(0).arrayValue()).extracting(Datum::scalarValue).containsExactly("1", null, "3");
        assertThat(data.get(0).arrayValue().get(1).nullValue()).isTrue();
        assertThat(data.get(1).rowValue().data()).extracting(Datum::scalarValue).containsExactly("1", "x");
        assertThat(data.get(2).arrayValue()).singleElement()
                .satisfies(e -> assertThat(e.rowValue().data()).extracting(Datum::scalarValue).containsExactly("k", "2.5"));
    }

    @Test
    void aTimeseriesColumnArrivesAsTimeSeriesValuePointsInTimeOrder() {
        QueryResponse response = client.query(b -> b.queryString("SELECT host,"
                + " create_time_series(time, measure_value::double) AS cpu FROM q_db.metrics"
                + " WHERE measure_name = 'cpu' GROUP BY host ORDER BY host"));

        assertThat(response.columnInfo().get(1).type().timeSeriesMeasureValueColumnInfo().type().scalarType())
                .isEqualTo(ScalarType.DOUBLE);
        assertThat(response.rows()).extracting(r -> r.data().get(0).scalarValue()).containsExactly("h1", "h2");
        List<TimeSeriesDataPoint> points = response.rows().get(0).data().get(1).timeSeriesValue();
        assertThat(points).hasSize(POINTS);
        assertThat(points.get(0).value().scalarValue()).isEqualTo("0.5");
        assertThat(points.get(3).value().scalarValue()).isEqualTo("3.5");
        assertThat(points).extracting(TimeSeriesDataPoint::time).isSorted()
                .allSatisfy(t -> assertThat(t).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9}"));
    }

    @Test
    void theSdkPaginatorFollowsNextTokenAcrossPagesOfMaxRows() {
        String sql = "SELECT host, time, measure_value::double AS v FROM q_db.metrics ORDER BY host, time";
        List<QueryResponse> pages = client.queryPaginator(b -> b.queryString(sql).maxRows(7)).stream()
                .collect(Collectors.toList());

        assertThat(pages).hasSize((2 * POINTS + 6) / 7);
        assertThat(pages).allSatisfy(page -> {
            assertThat(page.rows()).hasSizeLessThanOrEqualTo(7);
            assertThat(page.columnInfo()).extracting(ColumnInfo::name).containsExactly("host", "time", "v");
            assertThat(page.queryStatus().cumulativeBytesScanned()).isPositive();
            assertThat(page.queryStatus().cumulativeBytesMetered()).isGreaterThanOrEqualTo(10_000_000L);
            assertThat(page.queryStatus().progressPercentage()).isEqualTo(100.0);
        });
        assertThat(pages).extracting(QueryResponse::queryId).containsOnly(pages.get(0).queryId());
        assertThat(pages.get(pages.size() - 1).nextToken()).isNull();
        List<String> values = pages.stream().flatMap(p -> p.rows().stream())
                .map(r -> r.data().get(0).scalarValue() + "=" + r.data().get(2).scalarValue())
                .collect(Collectors.toList());
        assertThat(values).hasSize(2 * POINTS).startsWith("h1=0.5", "h1=1.5").endsWith("h2=24.5");
    }

    @Test
    void withoutMaxRowsPagesAreCutAtAboutOneMegabyte() {
        String sql = "SELECT i, rpad('', 200000, 'x') AS pad FROM UNNEST(sequence(1, 12)) AS t(i) ORDER BY i";
        List<QueryResponse> pages = client.queryPaginator(b -> b.queryString(sql)).stream()
                .collect(Collectors.toList());

        assertThat(pages.size()).isBetween(3, 12);
        assertThat(pages).allSatisfy(page -> assertThat(page.rows()).hasSizeLessThanOrEqualTo(5));
        assertThat(pages.stream().flatMap(p -> p.rows().stream()).map(r -> r.data().get(0).scalarValue()))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        assertThat(pages.get(0).rows().get(0).data().get(1).scalarValue()).hasSize(200_000);
    }

    @Test
    void aRepeatedClientTokenAnswersTheFirstRun() {
        String token = "tidemark-client-token-0123456789abcdef";
        QueryResponse first = client.query(b -> b.queryString("SELECT 1").clientToken(token));
        QueryResponse again = client.query(b -> b.queryString("SELECT 1").clientToken(token));
        assertThat(again.queryId()).isEqualTo(first.queryId());
        assertThatThrownBy(() -> client.query(b -> b.queryString("SELECT 2").clientToken(token)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("ClientToken");
    }

    @Test
    void anEmptyResultHasEmptyRowsAndItsColumnInfo() {
        QueryResponse response = client.query(b -> b.queryString(
                "SELECT host FROM q_db.metrics WHERE host = 'nobody'"));
        assertThat(response.rows()).isEmpty();
        assertThat(response.columnInfo()).extracting(ColumnInfo::name).containsExactly("host");
        assertThat(response.nextToken()).isNull();
    }

    @Test
    void cancelQueryStopsPagingAndSaysSoWhenRepeated() {
        String sql = "SELECT time FROM q_db.metrics ORDER BY time";
        QueryResponse first = client.query(b -> b.queryString(sql).maxRows(1));
        assertThat(first.nextToken()).isNotNull();

        CancelQueryResponse cancelled = client.cancelQuery(b -> b.queryId(first.queryId()));
        assertThat(cancelled.cancellationMessage()).isNull();
        CancelQueryResponse again = client.cancelQuery(b -> b.queryId(first.queryId()));
        assertThat(again.cancellationMessage()).contains(first.queryId());

        assertThatThrownBy(() -> client.query(b -> b.queryString(sql).maxRows(1).nextToken(first.nextToken())))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> client.cancelQuery(b -> b.queryId("not-an-id")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("[a-zA-Z0-9]+");
    }

    @Test
    void prepareQueryDescribesColumnsWithoutRunning() {
        PrepareQueryResponse prepared = client.prepareQuery(b -> b.validateOnly(true)
                .queryString("SELECT host, measure_value::double AS v FROM q_db.metrics WHERE host = @wanted"));

        assertThat(prepared.queryString())
                .isEqualTo("SELECT host, measure_value::double AS v FROM q_db.metrics WHERE host = @wanted");
        assertThat(prepared.columns()).extracting(SelectColumn::name).containsExactly("host", "v");
        assertThat(prepared.columns()).extracting(c -> c.type().scalarType())
                .containsExactly(ScalarType.VARCHAR, ScalarType.DOUBLE);
        SelectColumn host = prepared.columns().get(0);
        assertThat(host.databaseName()).isEqualTo("q_db");
        assertThat(host.tableName()).isEqualTo("metrics");
        assertThat(host.aliased()).isFalse();
        assertThat(prepared.columns().get(1).aliased()).isTrue();
        assertThat(prepared.parameters()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("wanted");
            assertThat(p.type().scalarType()).isEqualTo(ScalarType.VARCHAR);
        });
    }

    @Test
    void prepareQueryTypesParametersByTheirUseAndQueryRefusesThemUnbound() {
        String sql = "SELECT bin(time, @width) AS t, @label AS l, max(measure_value::double) FROM q_db.metrics"
                + " WHERE host = @wanted AND time BETWEEN @scheduled_runtime - 1h AND @scheduled_runtime"
                + " GROUP BY bin(time, @width)";
        PrepareQueryResponse prepared = client.prepareQuery(b -> b.validateOnly(true).queryString(sql));

        assertThat(prepared.parameters()).extracting(ParameterMapping::name, p -> p.type().scalarType())
                .containsExactly(tuple("width", ScalarType.INTERVAL_DAY_TO_SECOND), tuple("label", ScalarType.UNKNOWN),
                        tuple("wanted", ScalarType.VARCHAR), tuple("scheduled_runtime", ScalarType.TIMESTAMP));
        assertThatThrownBy(() -> client.query(b -> b.queryString(sql)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .startsWith("line 1:18: Query has unbound parameter @width"));
    }

    @Test
    void queryInsightsDescribeTheWholeQueryOnEveryPage() {
        String arn = writer.describeTable(b -> b.databaseName("q_db").tableName("metrics")).table().arn();
        String sql = "SELECT host, measure_value::double FROM q_db.metrics WHERE time BETWEEN from_unixtime("
                + BASE_SECONDS + ") AND from_unixtime(" + (BASE_SECONDS + 9) + ")";

        QueryResponse first = client.query(b -> b.queryString(sql).maxRows(15)
                .queryInsights(i -> i.mode(QueryInsightsMode.ENABLED_WITH_RATE_CONTROL)));
        QueryResponse second = client.query(b -> b.queryString(sql).maxRows(15).nextToken(first.nextToken())
                .queryInsights(i -> i.mode(QueryInsightsMode.ENABLED_WITH_RATE_CONTROL)));

        QueryInsightsResponse insights = first.queryInsightsResponse();
        assertThat(insights.querySpatialCoverage().max().value()).isEqualTo(1.0);
        assertThat(insights.querySpatialCoverage().max().tableArn()).isEqualTo(arn);
        assertThat(insights.querySpatialCoverage().max().partitionKey()).containsExactly("measure_name");
        assertThat(insights.queryTemporalRange().max().value()).isEqualTo(9_000_000_000L);
        assertThat(insights.queryTemporalRange().max().tableArn()).isEqualTo(arn);
        assertThat(insights.queryTableCount()).isEqualTo(1);
        assertThat(insights.outputRows()).isEqualTo(20);
        assertThat(insights.outputBytes()).isPositive();
        assertThat(insights.unloadWrittenRows()).isNull();
        assertThat(first.rows().size() + second.rows().size()).isEqualTo(20);
        assertThat(second.queryInsightsResponse()).isEqualTo(insights);
        assertThat(client.query(b -> b.queryString(sql)).queryInsightsResponse()).isNull();
    }

    @Test
    void queryErrorsArriveAsValidationExceptionsWithTheirPosition() {
        assertThatThrownBy(() -> client.query(b -> b.queryString("SELECT host FROM q_db.metrics WHERE")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).containsPattern("line 1:\\d+");
                });
        assertThatThrownBy(() -> client.query(b -> b.queryString("SELECT * FROM q_db.missing")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> client.query(b -> b.queryString("SELECT 1").maxRows(1001)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("maxRows");
        assertThatThrownBy(() -> client.query(b -> b.queryString("SELECT 1").clientToken("short")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("clientToken");
    }

    @Test
    void queryStringsUpToTimestreamsLimitOf262144CharactersRunAndLongerOnesAreRefused() {
        String select = "SELECT 1 AS one -- ";
        String longest = select + "x".repeat(262_144 - select.length());
        QueryResponse atTheLimit = client.query(b -> b.queryString(longest));
        assertThat(atTheLimit.rows().get(0).data().get(0).scalarValue()).isEqualTo("1");

        assertThatThrownBy(() -> client.query(b -> b.queryString(longest + "x")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value at"
                            + " 'queryString' failed to satisfy constraint: Member must have length less than or"
                            + " equal to 262144");
                });
    }
}
