package io.tidemark.loadtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Timestream's Query operation over HTTP, as an SDK client calls it: a JSON 1.0 POST with
 * {@code X-Amz-Target: Timestream_20181101.Query}, then one more call per {@code NextToken} until
 * the last page. One keep-alive HTTP/1.1 connection; not thread-safe (one query at a time).
 */
final class HttpQueryClient {

    private static final String TARGET = "Timestream_20181101.Query";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);

    /** A whole result read page by page: its rows and how many calls it took. */
    record Result(long rows, int pages) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI endpoint;
    private final Optional<Integer> maxRows;

    /** @param maxRows MaxRows of every call; empty: the server's default (as many rows as fit a page) */
    HttpQueryClient(URI endpoint, Optional<Integer> maxRows) {
        this.endpoint = endpoint.resolve("/");
        this.maxRows = maxRows;
    }

    /** Runs {@code sql} and reads every page; a call answered with anything but 200 fails with its body. */
    Result query(String sql) {
        long rows = 0;
        int pages = 0;
        String nextToken = null;
        do {
            JsonNode page = call(sql, nextToken);
            pages++;
            rows += page.path("Rows").size();
            JsonNode next = page.get("NextToken");
            nextToken = next != null && next.isTextual() ? next.asText() : null;
        } while (nextToken != null);
        return new Result(rows, pages);
    }

    private JsonNode call(String sql, String nextToken) {
        ObjectNode body = json.createObjectNode().put("QueryString", sql);
        if (nextToken != null) {
            body.put("NextToken", nextToken);
        }
        maxRows.ifPresent(rows -> body.put("MaxRows", rows));
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(CALL_TIMEOUT)
                    .header("Content-Type", CONTENT_TYPE)
                    .header("X-Amz-Target", TARGET)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                String text = new String(response.body(), StandardCharsets.UTF_8);
                throw new IllegalStateException("cannot run query over HTTP: status=" + response.statusCode()
                        + ", endpoint=" + endpoint + ", body=" + (text.length() <= 300 ? text : text.substring(0, 300) + "..."));
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run query over HTTP: endpoint=" + endpoint + ", cause=" + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cannot run query over HTTP: interrupted, endpoint=" + endpoint, e);
        }
    }
}
