package io.tidemark.loadtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.loadtest.drill.WireClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Timestream's Query operation over HTTP, as an SDK client calls it: a JSON 1.0 POST with
 * {@code X-Amz-Target: Timestream_20181101.Query}, then one more call per {@code NextToken} until
 * the last page, through the harness's {@link WireClient} (one keep-alive HTTP/1.1 connection);
 * not thread-safe (one query at a time).
 */
final class HttpQueryClient {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);

    /** A whole result read page by page: its rows and how many calls it took. */
    record Result(long rows, int pages) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final URI endpoint;
    private final WireClient client;
    private final Optional<Integer> maxRows;

    /** @param maxRows MaxRows of every call; empty: the server's default (as many rows as fit a page) */
    HttpQueryClient(URI endpoint, Optional<Integer> maxRows) {
        this.endpoint = endpoint.resolve("/");
        this.client = new WireClient(endpoint, CALL_TIMEOUT);
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
            WireClient.Response response = client.call("Query", json.writeValueAsBytes(body));
            if (!response.ok()) {
                throw new IllegalStateException("cannot run query over HTTP: status=" + response.status()
                        + ", endpoint=" + endpoint + ", body=" + WireClient.abbreviate(response.body()));
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
