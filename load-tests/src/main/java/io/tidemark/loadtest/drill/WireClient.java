package io.tidemark.loadtest.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few Timestream wire calls the drills and the comparison make, unsigned (the node runs with
 * {@code tidemark.http.auth = none}) over keep-alive HTTP/1.1: any operation with a JSON body,
 * database and table creation that tolerate an existing one, and Query with every page followed.
 */
public final class WireClient {

    public static final String TARGET = "Timestream_20181101.";
    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI endpoint;
    private final Duration timeout;

    public WireClient(URI endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** A call's status and body. */
    public record Response(int status, String body) {
        public boolean ok() {
            return status == 200;
        }
    }

    /** One call of {@code operation} (e.g. {@code WriteRecords}) with {@code body} as it is. */
    public Response call(String operation, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = request(endpoint, operation, HttpRequest.BodyPublishers.ofByteArray(body), timeout);
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    /** The POST of one Timestream {@code operation} (JSON 1.0, {@code X-Amz-Target}) to the node at {@code endpoint}. */
    public static HttpRequest request(URI endpoint, String operation, HttpRequest.BodyPublisher body,
            Duration timeout) {
        return HttpRequest.newBuilder(endpoint.resolve("/")).timeout(timeout)
                .header("Content-Type", CONTENT_TYPE).header("X-Amz-Target", TARGET + operation)
                .POST(body).build();
    }

    public Response call(String operation, String body) throws IOException, InterruptedException {
        return call(operation, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String database) throws IOException, InterruptedException {
        Response r = call("CreateDatabase", "{\"DatabaseName\":\"" + database + "\"}");
        if (!r.ok() && !r.body().contains("ConflictException")) {
            throw new IOException("cannot create database: name=" + database + ", status=" + r.status() + ", body="
                    + abbreviate(r.body()));
        }
    }

    /** Creates the table unless it exists, keeping {@code memoryHours} of data in the memory store. */
    public void ensureTable(String database, String table, int memoryHours) throws IOException, InterruptedException {
        String body = String.format(Locale.ROOT, "{\"DatabaseName\":\"%s\",\"TableName\":\"%s\",\"RetentionProperties\":"
                + "{\"MemoryStoreRetentionPeriodInHours\":%d,\"MagneticStoreRetentionPeriodInDays\":1}}", database,
                table, memoryHours);
        Response r = call("CreateTable", body);
        if (!r.ok() && !r.body().contains("ConflictException")) {
            throw new IOException("cannot create table: name=" + database + "." + table + ", status=" + r.status()
                    + ", body=" + abbreviate(r.body()));
        }
    }

    /** A query's column names and rows, each cell its scalar text or {@code null} for a SQL null. */
    public record QueryResult(List<String> columns, List<List<String>> rows) {
    }

    /**
     * Runs {@code sql} and returns every row of every page, each cell as its scalar text or
     * {@code null} for a SQL null.
     */
    public List<List<String>> query(String sql) throws IOException, InterruptedException {
        return queryResult(sql).rows();
    }

    /** Runs {@code sql} and returns its columns and every row of every page. */
    public QueryResult queryResult(String sql) throws IOException, InterruptedException {
        List<String> columns = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        String nextToken = null;
        do {
            ObjectNode request = JSON.createObjectNode().put("QueryString", sql);
            if (nextToken != null) {
                request.put("NextToken", nextToken);
            }
            Response r = call("Query", JSON.writeValueAsBytes(request));
            if (!r.ok()) {
                throw new IOException("cannot query: sql=" + sql + ", status=" + r.status() + ", body="
                        + abbreviate(r.body()));
            }
            JsonNode page = JSON.readTree(r.body());
            if (columns.isEmpty()) {
                page.path("ColumnInfo").forEach(c -> columns.add(c.path("Name").asText()));
            }
            for (JsonNode row : page.get("Rows")) {
                rows.add(cells(row));
            }
            nextToken = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
        } while (nextToken != null);
        return new QueryResult(columns, rows);
    }

    /** A Timestream {@code Row}'s cells: each {@code Datum}'s scalar text, or {@code null} for a {@code NullValue}. */
    public static List<String> cells(JsonNode row) {
        List<String> cells = new ArrayList<>();
        for (JsonNode datum : row.path("Data")) {
            cells.add(datum.path("NullValue").asBoolean(false) ? null : datum.path("ScalarValue").asText());
        }
        return cells;
    }

    /** The body's first 300 characters, for error messages. */
    public static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}
