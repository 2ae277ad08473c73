package io.tidemark.http.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.http.auth.SigV4Signer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./tidemark sql "SELECT …"}: runs one statement on a running node through the wire API's
 * Query operation, follows NextToken to the last page and prints the result as an aligned table
 * ({@code NULL} for nulls, nested values in Trino's text form). A failed query prints the error
 * code and message and exits with 1. When {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}
 * are set, requests are signed with SigV4 (as the AWS SDKs sign them), for a node running with
 * {@code tidemark.http.auth = sigv4}; otherwise they go unsigned.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run a SQL statement on a running Tidemark node and print the result as a table.")
public final class SqlCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NUMERIC = Set.of("BIGINT", "INTEGER", "DOUBLE");

    @Parameters(index = "0", paramLabel = "QUERY", description = "The statement, e.g. \"SELECT 1\".")
    String query;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:8080",
            description = "The node's HTTP address (default: ${DEFAULT-VALUE}).")
    URI endpoint;

    @Option(names = "--max-rows", description = "Rows per page requested from the node (1..1000; default: as many as fit in 1 MB).")
    Integer maxRows;

    @Option(names = "--timeout", defaultValue = "PT90S",
            description = "How long one page may take, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private final PrintStream out;
    private final PrintStream err;
    private final Optional<SigV4Signer> signer;

    SqlCommand(PrintStream out, PrintStream err, Optional<SigV4Signer> signer) {
        this.out = out;
        this.err = err;
        this.signer = signer;
    }

    public static void main(String[] args) {
        Optional<SigV4Signer> signer = SigV4Signer.fromEnvironment(System.getenv(), Clock.systemUTC());
        System.exit(new CommandLine(new SqlCommand(System.out, System.err, signer)).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        TextTable table = null;
        String nextToken = null;
        try {
            do {
                JsonNode page = page(http, nextToken);
                if (table == null) {
                    table = newTable(page.get("ColumnInfo"));
                }
                for (JsonNode row : page.get("Rows")) {
                    List<String> cells = new ArrayList<>();
                    row.get("Data").forEach(datum -> cells.add(text(datum)));
                    table.add(cells);
                }
                nextToken = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
            } while (nextToken != null);
        } catch (QueryFailed e) {
            err.println("tidemark sql: " + e.getMessage());
            return 1;
        } catch (ConnectException e) {
            err.println("tidemark sql: cannot connect: endpoint=" + endpoint + " (is a node serving there?)");
            return 1;
        } catch (IOException e) {
            err.println("tidemark sql: cannot query: endpoint=" + endpoint + ", cause=" + e);
            return 1;
        }
        out.print(table.render());
        return 0;
    }

    /** One Query call; fails with the node's error code and message. */
    private JsonNode page(HttpClient http, String nextToken) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("QueryString", query);
        if (nextToken != null) {
            body.put("NextToken", nextToken);
        }
        if (maxRows != null) {
            body.put("MaxRows", maxRows);
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        Map<String, String> headers = Map.of("Content-Type", "application/x-amz-json-1.0",
                "X-Amz-Target", "Timestream_20181101.Query");
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.resolve("/")).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (signer.isPresent()) {
            signer.get().sign(builder, endpoint, headers, bytes);
        } else {
            headers.forEach(builder::header);
        }
        HttpRequest request = builder.build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new QueryFailed("HTTP " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        if (response.statusCode() != 200 || json == null || !json.has("Rows")) {
            String type = json != null && json.hasNonNull("__type") ? json.get("__type").asText() : "HTTP "
                    + response.statusCode();
            String message = json != null && json.hasNonNull("Message") ? json.get("Message").asText()
                    : String.valueOf(json);
            throw new QueryFailed(type + ": " + message);
        }
        return json;
    }

    private static TextTable newTable(JsonNode columnInfo) {
        List<String> names = new ArrayList<>();
        boolean[] numeric = new boolean[columnInfo.size()];
        for (int c = 0; c < columnInfo.size(); c++) {
            JsonNode column = columnInfo.get(c);
            names.add(column.path("Name").asText(""));
            numeric[c] = NUMERIC.contains(column.path("Type").path("ScalarType").asText(""));
        }
        return new TextTable(names, numeric);
    }

    /** A Datum as text: the scalar text, NULL, or nested values as {@code [a, b]} and {@code {a, b}}. */
    static String text(JsonNode datum) {
        if (datum.path("NullValue").asBoolean(false)) {
            return "NULL";
        }
        if (datum.has("ScalarValue")) {
            return datum.get("ScalarValue").asText();
        }
        StringBuilder out = new StringBuilder();
        if (datum.has("ArrayValue")) {
            out.append('[');
            join(out, datum.get("ArrayValue"));
            out.append(']');
        } else if (datum.has("RowValue")) {
            out.append('{');
            join(out, datum.get("RowValue").get("Data"));
            out.append('}');
        } else if (datum.has("TimeSeriesValue")) {
            out.append('[');
            boolean first = true;
            for (JsonNode point : datum.get("TimeSeriesValue")) {
                out.append(first ? "" : ", ").append("{time=").append(point.get("Time").asText())
                        .append(", value=").append(text(point.get("Value"))).append('}');
                first = false;
            }
            out.append(']');
        }
        return out.toString();
    }

    private static void join(StringBuilder out, JsonNode data) {
        for (int i = 0; i < data.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(text(data.get(i)));
        }
    }

    /** A Query call the node refused; the message is its error code and text. */
    private static final class QueryFailed extends IOException {

        private static final long serialVersionUID = 1L;

        QueryFailed(String message) {
            super(message);
        }
    }
}
