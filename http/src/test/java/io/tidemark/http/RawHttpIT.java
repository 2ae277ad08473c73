package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire protocol without an SDK: framing, the error bodies and status codes of bad requests,
 * DescribeEndpoints and the shapes SDKs parse. After each bad request the node still serves.
 */
class RawHttpIT {

    static final String PREFIX = "Timestream_20181101.";
    static final int MAX_BODY = 64 * 1024;

    @TempDir
    static Path dataDir;

    @AutoClose
    static ServerFixture node;
    static RawHttp http;

    @BeforeAll
    static void start() {
        node = ServerFixture.start(dataDir, Map.of("tidemark.http.limits.max-body-bytes", MAX_BODY,
                "tidemark.http.limits.body-timeout", "1s"));
        http = new RawHttp(node.uri());
    }

    @Test
    void healthAnswers200() throws Exception {
        HttpResponse<String> response = http.get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(response).get("status").asText()).isEqualTo("serving");
    }

    @Test
    void describeEndpointsLeadsBackToThisListener() throws Exception {
        HttpResponse<String> response = http.post(PREFIX + "DescribeEndpoints", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(
                id -> assertThat(id).matches("[A-Z2-7]{26}"));
        JsonNode endpoint = RawHttp.json(response).get("Endpoints").get(0);
        assertThat(endpoint.get("Address").asText()).isEqualTo("http://127.0.0.1:" + node.port());
        assertThat(endpoint.get("CachePeriodInMinutes").asLong()).isEqualTo(1440);
        assertThat(http.post(PREFIX + "DescribeEndpoints", "").statusCode()).isEqualTo(200);
    }

    @Test
    void outputsUseEpochSecondTimestampsAndOmitAbsentMembers() throws Exception {
        HttpResponse<String> response = http.post(PREFIX + "CreateDatabase", "{\"DatabaseName\":\"raw_db\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode db = RawHttp.json(response).get("Database");
        assertThat(db.get("CreationTime").isNumber()).isTrue();
        assertThat(db.get("CreationTime").asDouble()).isCloseTo(System.currentTimeMillis() / 1000.0,
                org.assertj.core.data.Offset.offset(600.0));
        assertThat(db.get("TableCount").isIntegralNumber()).isTrue();
        JsonNode lastPage = RawHttp.json(http.post(PREFIX + "ListDatabases", "{\"MaxResults\": 20}"));
        assertThat(lastPage.has("NextToken")).isFalse();
        assertThat(http.post(PREFIX + "DeleteDatabase", "{\"DatabaseName\":\"raw_db\"}").body()).isEqualTo("{}");
    }

    @Test
    void malformedJsonIsASerializationException() throws Exception {
        assertError(http.post(PREFIX + "CreateDatabase", "{\"DatabaseName\": "), 400, "SerializationException",
                "malformed JSON");
        assertError(http.post(PREFIX + "CreateDatabase", "[1, 2]"), 400, "SerializationException", "JSON object");
        assertError(http.post(PREFIX + "CreateDatabase", "{\"A\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
                400, "SerializationException", "nesting depth");
        assertStillServing();
    }

    @Test
    void membersOfTheWrongTypeAreNamedByPath() throws Exception {
        assertError(http.post(PREFIX + "CreateDatabase", "{\"DatabaseName\": 5}"), 400, "SerializationException",
                "path=DatabaseName, expected a string, got NUMBER");
        assertError(http.post(PREFIX + "WriteRecords", "{\"DatabaseName\":\"d\",\"TableName\":\"t\","
                + "\"Records\":[{\"MeasureName\":\"m\",\"Time\":17}]}"), 400, "SerializationException",
                "path=Records[0].Time, expected a string");
        assertError(http.post(PREFIX + "ListDatabases", "{\"MaxResults\": \"ten\"}"), 400, "SerializationException",
                "path=MaxResults, expected a 32-bit integer");
        assertStillServing();
    }

    @Test
    void missingRequiredMembersAreValidationExceptions() throws Exception {
        assertError(http.post(PREFIX + "CreateDatabase", "{}"), 400, "ValidationException",
                "Value null at 'databaseName' failed to satisfy constraint: Member must not be null");
        assertError(http.post(PREFIX + "WriteRecords", "{\"DatabaseName\":\"d\",\"TableName\":\"t\"}"), 400,
                "ValidationException", "'records'");
    }

    @Test
    void unknownAndMissingTargetsAreUnknownOperationExceptions() throws Exception {
        assertError(http.post(PREFIX + "DropEverything", "{}"), 404, "UnknownOperationException", "DropEverything");
        assertError(http.post("Other_20990101.ListDatabases", "{}"), 404, "UnknownOperationException",
                "Other_20990101.ListDatabases");
        assertError(http.post(null, "{}"), 404, "UnknownOperationException", "missing header X-Amz-Target");
        assertStillServing();
    }

    @Test
    void operationsNotBuiltYetSaySo() throws Exception {
        for (String op : new String[] {"CreateScheduledQuery", "ListBatchLoadTasks"}) {
            assertError(http.post(PREFIX + op, "{}"), 400, "ValidationException",
                    "cannot run " + op + ": the operation is not supported by this build");
        }
        HttpResponse<String> settings = http.post(PREFIX + "DescribeAccountSettings", "{}");
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(settings).get("QueryPricingModel").asText()).isEqualTo("BYTES_SCANNED");
    }

    @Test
    void oversizedBodiesAreRefusedWith413WhetherDeclaredOrStreamed() throws Exception {
        String big = "{\"DatabaseName\":\"" + "x".repeat(MAX_BODY) + "\"}";
        assertError(http.post(PREFIX + "CreateDatabase", big), 413, "ValidationException",
                "exceeds the limit of " + MAX_BODY + " bytes");

        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = http.request(PREFIX + "CreateDatabase")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
        assertError(http.send(chunked), 413, "ValidationException", "exceeds the limit of " + MAX_BODY + " bytes");
        assertStillServing();
    }

    @Test
    void aClientThatStopsSendingItsBodyGets408AndOthersAreServed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: " + PREFIX + "ListDatabases\r\n"
                    + "Content-Type: application/x-amz-json-1.0\r\nContent-Length: 100\r\n\r\n{\"Max")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readNBytes(2048), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("RequestTimeoutException")
                    .contains("tidemark.http.limits.body-timeout");
        }
        assertStillServing();
    }

    @Test
    void rejectedRecordsAre419WithTheirIndexesAndReasons() throws Exception {
        http.post(PREFIX + "CreateDatabase", "{\"DatabaseName\":\"raw_rejects\"}");
        http.post(PREFIX + "CreateTable", "{\"DatabaseName\":\"raw_rejects\",\"TableName\":\"tbl\"}");
        long now = System.currentTimeMillis();
        HttpResponse<String> response = http.post(PREFIX + "WriteRecords", "{\"DatabaseName\":\"raw_rejects\","
                + "\"TableName\":\"tbl\",\"CommonAttributes\":{\"Dimensions\":[{\"Name\":\"h\",\"Value\":\"a\"}]},"
                + "\"Records\":[{\"MeasureName\":\"m\",\"MeasureValue\":\"1\",\"Time\":\"" + now + "\"},"
                + "{\"MeasureName\":\"m\",\"MeasureValue\":\"oops\",\"Time\":\"" + (now - 1) + "\"}]}");

        JsonNode body = assertError(response, 419, "RejectedRecordsException", "One or more records have been rejected");
        assertThat(body.get("RejectedRecords")).hasSize(1);
        assertThat(body.get("RejectedRecords").get(0).get("RecordIndex").asInt()).isEqualTo(1);
        assertThat(body.get("RejectedRecords").get(0).get("Reason").asText()).isNotBlank();
        assertThat(body.get("RejectedRecords").get(0).has("ExistingVersion")).isFalse();
    }

    @Test
    void queryAnswersTheDocumentedBody() throws Exception {
        HttpResponse<String> response = http.post(PREFIX + "Query",
                "{\"QueryString\":\"SELECT 1 AS one, ARRAY[1.5] AS a, NULL AS n\",\"MaxRows\":10}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(response.body()).matches("\\{\"QueryId\":\"[a-zA-Z0-9]{1,64}\",\\Q"
                + "\"Rows\":[{\"Data\":[{\"ScalarValue\":\"1\"},{\"ArrayValue\":[{\"ScalarValue\":\"1.5\"}]},"
                + "{\"NullValue\":true}]}],\"ColumnInfo\":[{\"Name\":\"one\",\"Type\":{\"ScalarType\":\"BIGINT\"}},"
                + "{\"Name\":\"a\",\"Type\":{\"ArrayColumnInfo\":{\"Type\":{\"ScalarType\":\"DOUBLE\"}}}},"
                + "{\"Name\":\"n\",\"Type\":{\"ScalarType\":\"UNKNOWN\"}}],"
                + "\"QueryStatus\":{\"ProgressPercentage\":100.0,\"CumulativeBytesScanned\":0,"
                + "\"CumulativeBytesMetered\":10000000}}\\E");
    }

    @Test
    void queryMembersAreCheckedAgainstTheModel() throws Exception {
        assertError(http.post(PREFIX + "Query", "{}"), 400, "ValidationException",
                "Value null at 'queryString' failed to satisfy constraint: Member must not be null");
        assertError(http.post(PREFIX + "Query", "{\"QueryString\":\"\"}"), 400, "ValidationException",
                "at 'queryString' failed to satisfy constraint: Member must have length greater than or equal to 1");
        assertError(http.post(PREFIX + "Query", "{\"QueryString\":\"SELECT 1\",\"ClientToken\":\"short\"}"), 400,
                "ValidationException", "Value at 'clientToken' failed to satisfy constraint: Member must have length"
                        + " greater than or equal to 32");
        assertError(http.post(PREFIX + "Query", "{\"QueryString\":\"SELECT 1\",\"NextToken\":\""
                + "x".repeat(2049) + "\"}"), 400, "ValidationException",
                "at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 2048");
        assertError(http.post(PREFIX + "Query", "{\"QueryString\":\"SELECT 1\",\"NextToken\":\"bm90LWEtdG9rZW4\"}"),
                400, "ValidationException", "Invalid pagination token");
        assertError(http.post(PREFIX + "Query", "{\"QueryString\":\"SELECT 1\",\"MaxRows\":0}"), 400,
                "ValidationException", "Value '0' at 'maxRows' failed to satisfy constraint");
        assertError(http.post(PREFIX + "Query", "{\"QueryString\":\"SELECT 1\",\"MaxRows\":\"10\"}"), 400,
                "SerializationException", "path=MaxRows, expected a 32-bit integer");
        assertError(http.post(PREFIX + "Query", "{\"QueryString\":\"SELECT 1\",\"QueryInsights\":{\"Mode\":\"ON\"}}"),
                400, "ValidationException", "at 'queryInsights.mode' failed to satisfy constraint");
        assertError(http.post(PREFIX + "CancelQuery", "{\"QueryId\":\"abc123\"}"), 400, "ValidationException",
                "no query with QueryId=abc123");
        assertError(http.post(PREFIX + "PrepareQuery", "{\"QueryString\":\"SELECT 1\",\"ValidateOnly\":false}"),
                400, "ValidationException", "only ValidateOnly=true is supported");
        assertStillServing();
    }

    private static JsonNode assertError(HttpResponse<String> response, int status, String type, String messagePart)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
        JsonNode body = RawHttp.json(response);
        assertThat(body.get("__type").asText()).isEqualTo(type);
        assertThat(body.get("Message").asText()).contains(messagePart);
        return body;
    }

    private static void assertStillServing() throws Exception {
        assertThat(http.post(PREFIX + "ListDatabases", "{}").statusCode()).isEqualTo(200);
    }
}
