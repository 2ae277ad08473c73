package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Dimension;
import software.amazon.awssdk.services.timestreamwrite.model.MeasureValueType;
import software.amazon.awssdk.services.timestreamwrite.model.Record;

/**
 * {@code POST /sql} on a running node: results as JSON (Query API types and Datums) and as RFC 4180
 * CSV, statements in text or JSON bodies, a result of 200,000 rows streamed in chunks and arriving
 * whole, a result past the query memory limit refused, and every failure as the JSON error with
 * the wire API's status.
 */
class SqlEndpointIT {

    static final long BASE_SECONDS = System.currentTimeMillis() / 1000 - 3600;

    @TempDir
    static Path dataDir;

    @AutoClose
    static ServerFixture node;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() {
        node = ServerFixture.start(dataDir, Map.of("tidemark.engine.query.memory-limit", "32MiB"));
        try (TimestreamWriteClient writer = node.writeClient()) {
            writer.createDatabase(b -> b.databaseName("s_db"));
            writer.createTable(b -> b.databaseName("s_db").tableName("cpu"));
            List<Record> records = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                records.add(Record.builder().measureName("usage").measureValue(Double.toString(i + 0.25))
                        .time(Long.toString(BASE_SECONDS + i)).build());
            }
            writer.writeRecords(b -> b.databaseName("s_db").tableName("cpu")
                    .commonAttributes(c -> c.dimensions(Dimension.builder().name("host").value("h1").build())
                            .measureValueType(MeasureValueType.DOUBLE).timeUnit("SECONDS"))
                    .records(records));
        }
    }

    static HttpRequest.Builder sql(String body, String contentType, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.uri().resolve("/sql")).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return b;
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> json(String statement) throws IOException, InterruptedException {
        return send(sql(statement, "text/plain", null));
    }

    static HttpResponse<String> csv(String statement) throws IOException, InterruptedException {
        return send(sql(statement, "text/plain", "text/csv"));
    }

    @Test
    void jsonHasTheColumnsTypesAndDatumsOfTheQueryApi() throws Exception {
        HttpResponse<String> response = json("SELECT 42 AS big, 2.5 AS d, 'text' AS s, true AS b,"
                + " TIMESTAMP '2022-07-07 17:42:32.939' AS ts, NULL AS n, CAST(NULL AS bigint) AS nb");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = RawHttp.json(response);
        assertThat(body.get("queryId").asText()).matches("[a-zA-Z0-9]{1,64}");
        assertThat(body.get("columns").toString()).isEqualTo("[{\"name\":\"big\",\"type\":{\"ScalarType\":\"BIGINT\"}},"
                + "{\"name\":\"d\",\"type\":{\"ScalarType\":\"DOUBLE\"}},"
                + "{\"name\":\"s\",\"type\":{\"ScalarType\":\"VARCHAR\"}},"
                + "{\"name\":\"b\",\"type\":{\"ScalarType\":\"BOOLEAN\"}},"
                + "{\"name\":\"ts\",\"type\":{\"ScalarType\":\"TIMESTAMP\"}},"
                + "{\"name\":\"n\",\"type\":{\"ScalarType\":\"UNKNOWN\"}},"
                + "{\"name\":\"nb\",\"type\":{\"ScalarType\":\"BIGINT\"}}]");
        assertThat(body.get("rows").toString()).isEqualTo("[[{\"ScalarValue\":\"42\"},{\"ScalarValue\":\"2.5\"},"
                + "{\"ScalarValue\":\"text\"},{\"ScalarValue\":\"true\"},"
                + "{\"ScalarValue\":\"2022-07-07 17:42:32.939000000\"},{\"NullValue\":true},{\"NullValue\":true}]]");
        assertThat(body.get("queryStatus").get("progressPercentage").asDouble()).isEqualTo(100.0);
        assertThat(body.get("queryStatus").get("cumulativeBytesMetered").asLong()).isGreaterThanOrEqualTo(10_000_000L);
    }

    @Test
    void jsonRendersArraysRowsMapsAndTimeseriesAsNestedDatums() throws Exception {
        JsonNode nested = RawHttp.json(json("SELECT ARRAY[1, NULL] AS a,"
                + " CAST(ROW(1, 'x') AS ROW(id bigint, name varchar)) AS r, MAP(ARRAY['k'], ARRAY[2.5]) AS m"));
        assertThat(nested.get("columns").get(0).get("type").toString())
                .isEqualTo("{\"ArrayColumnInfo\":{\"Type\":{\"ScalarType\":\"BIGINT\"}}}");
        assertThat(nested.get("columns").get(1).get("type").toString()).isEqualTo("{\"RowColumnInfo\":["
                + "{\"Name\":\"id\",\"Type\":{\"ScalarType\":\"BIGINT\"}},"
                + "{\"Name\":\"name\",\"Type\":{\"ScalarType\":\"VARCHAR\"}}]}");
        assertThat(nested.get("rows").get(0).toString()).isEqualTo("["
                + "{\"ArrayValue\":[{\"ScalarValue\":\"1\"},{\"NullValue\":true}]},"
                + "{\"RowValue\":{\"Data\":[{\"ScalarValue\":\"1\"},{\"ScalarValue\":\"x\"}]}},"
                + "{\"ArrayValue\":[{\"RowValue\":{\"Data\":[{\"ScalarValue\":\"k\"},{\"ScalarValue\":\"2.5\"}]}}]}]");

        JsonNode series = RawHttp.json(json("SELECT host, create_time_series(time, measure_value::double) AS usage"
                + " FROM s_db.cpu GROUP BY host"));
        assertThat(series.get("columns").get(1).get("type").toString()).isEqualTo(
                "{\"TimeSeriesMeasureValueColumnInfo\":{\"Type\":{\"ScalarType\":\"DOUBLE\"}}}");
        JsonNode points = series.get("rows").get(0).get(1).get("TimeSeriesValue");
        assertThat(points).hasSize(3);
        assertThat(points.get(0).get("Value").toString()).isEqualTo("{\"ScalarValue\":\"0.25\"}");
        assertThat(points.get(2).get("Time").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9}");
    }

    @Test
    void csvQuotesWhatRfc4180RequiresAndLeavesNullEmpty() throws Exception {
        HttpResponse<String> response = csv("SELECT 1 AS \"id\", 'a,b' AS comma, 'say \"hi\"' AS quote,"
                + " 'two' || chr(10) || 'lines' AS lf, '' AS empty, NULL AS nothing, 2.5 AS d,"
                + " TIMESTAMP '2022-07-07 17:42:32' AS ts");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=UTF-8");
        assertThat(response.body()).isEqualTo("id,comma,quote,lf,empty,nothing,d,ts\r\n"
                + "1,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\",,2.5,2022-07-07 17:42:32.000000000\r\n");
    }

    @Test
    void csvWritesNestedValuesInTheirTextForm() throws Exception {
        HttpResponse<String> response = csv("SELECT ARRAY[1, 2] AS a, CAST(ROW(1, 'x') AS ROW(id bigint, name"
                + " varchar)) AS r, MAP(ARRAY['k'], ARRAY[2.5]) AS m");

        assertThat(response.body()).isEqualTo("a,r,m\r\n\"[1, 2]\",\"{id=1, name=x}\",{k=2.5}\r\n");
    }

    @Test
    void aJsonBodyCarriesTheStatementInItsQueryMember() throws Exception {
        HttpResponse<String> response = send(sql("{\"query\": \"SELECT 7 AS seven\"}", "application/json",
                "text/csv"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("seven\r\n7\r\n");
    }

    @Test
    void aLargeResultArrivesChunkedAndComplete() throws Exception {
        String statement = "SELECT (x - 1) * 400 + y AS n FROM UNNEST(sequence(1, 500)) AS a(x)"
                + " CROSS JOIN UNNEST(sequence(1, 400)) AS b(y) ORDER BY n";
        HttpResponse<InputStream> response = HTTP.send(sql(statement, "text/plain", "text/csv").build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        long rows = 0;
        long expected = 1;
        try (InputStream in = response.body()) {
            String[] lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
            assertThat(lines[0]).isEqualTo("n");
            for (int i = 1; i < lines.length; i++) {
                assertThat(Long.parseLong(lines[i])).isEqualTo(expected++);
                rows++;
            }
        }
        assertThat(rows).isEqualTo(200_000);

        HttpResponse<String> asJson = send(sql(statement, "text/plain", "application/json"));
        assertThat(asJson.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        JsonNode all = RawHttp.json(asJson).get("rows");
        assertThat(all).hasSize(200_000);
        assertThat(all.get(199_999).get(0).get("ScalarValue").asText()).isEqualTo("200000");
    }

    @Test
    void aSqlErrorKeepsTheParsersLineAndColumnInEitherFormat() throws Exception {
        for (String accept : new String[] {"application/json", "text/csv"}) {
            HttpResponse<String> response = send(sql("SELECT 1,\n  FROM", "text/plain", accept));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode error = RawHttp.json(response).get("error");
            assertThat(error.get("type").asText()).isEqualTo("ValidationException");
            assertThat(error.get("message").asText()).startsWith("line 2:");
        }
    }

    @Test
    void anUnknownTableIsTheEnginesErrorWithItsStatus() throws Exception {
        HttpResponse<String> response = json("SELECT * FROM s_db.nowhere");

        JsonNode error = RawHttp.json(response).get("error");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error.get("type").asText()).isEqualTo("ValidationException");
        assertThat(error.get("message").asText()).startsWith("line 1:15: ").contains("nowhere");
    }

    @Test
    void aResultPastTheQueryMemoryLimitFailsBeforeAnyRowIsSent() throws Exception {
        HttpResponse<String> response = csv("SELECT rpad('', 1000000, 'x') AS pad FROM UNNEST(sequence(1, 50)) AS t(i)");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = RawHttp.json(response).get("error");
        assertThat(error.get("type").asText()).isEqualTo("ValidationException");
        assertThat(error.get("message").asText()).contains("exceeded its memory limit");
    }

    @Test
    void malformedRequestsAreRefusedWithAReason() throws Exception {
        HttpResponse<String> notJson = send(sql("{\"query\": ", "application/json", null));
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(notJson).get("error").get("type").asText()).isEqualTo("SerializationException");

        HttpResponse<String> noQuery = send(sql("{\"sql\": \"SELECT 1\"}", "application/json", null));
        assertThat(noQuery.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(noQuery).get("error").get("message").asText()).contains("\"query\"");

        HttpResponse<String> form = send(sql("SELECT 1", "application/x-www-form-urlencoded", null));
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(RawHttp.json(form).get("error").get("message").asText()).contains("text/plain");

        HttpResponse<String> unacceptable = send(sql("SELECT 1", "text/plain", "image/png"));
        assertThat(unacceptable.statusCode()).isEqualTo(406);
        assertThat(RawHttp.json(unacceptable).get("error").get("message").asText())
                .contains("application/json, text/csv");

        HttpResponse<String> empty = json("");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(empty).get("error").get("type").asText()).isEqualTo("ValidationException");
    }

    @Test
    void acceptPicksTheFormatOfHighestQuality() throws Exception {
        assertThat(send(sql("SELECT 1 AS x", "text/plain", "application/json;q=0.5, text/csv")).body())
                .isEqualTo("x\r\n1\r\n");
        assertThat(send(sql("SELECT 1 AS x", "text/plain", "*/*")).headers().firstValue("Content-Type"))
                .hasValue("application/json");
    }
}
