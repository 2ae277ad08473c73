package io.tidemark.http.subscribe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket subscriber on the JDK client, as an application would write one: it sends its query,
 * keeps the result by applying the snapshot and each update's added, updated and removed rows by
 * key, and records every frame. A reading client requests the next frame after each one; a
 * stalled client requests nothing after the first, so the server sees a reader that does not keep
 * up, until {@link #resume()}.
 */
final class SubscriptionClient implements WebSocket.Listener {

    static final ObjectMapper JSON = new ObjectMapper();

    private final int keyColumns;
    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    /** Row key (the first {@code keyColumns} values, or the whole row when 0) → row values; guarded by this. */
    private final Map<List<String>, List<String>> rows = new HashMap<>();
    private volatile boolean reading;
    private WebSocket socket;

    SubscriptionClient(int keyColumns, boolean reading) {
        this.keyColumns = keyColumns;
        this.reading = reading;
    }

    /**
     * Connects to {@code /subscribe} and sends {@code firstFrame}.
     *
     * @param keyColumns how many leading columns identify a row (0: the whole row)
     */
    static SubscriptionClient connect(URI node, String firstFrame, int keyColumns, boolean reading) {
        SubscriptionClient client = new SubscriptionClient(keyColumns, reading);
        URI uri = URI.create("ws://" + node.getHost() + ":" + node.getPort() + "/subscribe");
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, client).join();
        socket.sendText(firstFrame, true).join();
        return client;
    }

    static String queryFrame(String sql) {
        return JSON.createObjectNode().put("query", sql).toString();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode frame = parse(partial.toString());
            partial.setLength(0);
            apply(frame);
            frames.add(frame);
        }
        if (reading || !last) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** Starts reading again (after a stall). */
    void resume() {
        reading = true;
        socket.request(Long.MAX_VALUE);
    }

    /** Drops the connection without a close handshake. */
    void abort() {
        socket.abort();
    }

    /** The next frame, waiting up to {@code timeout}; fails when none arrives. */
    JsonNode next(Duration timeout) throws InterruptedException {
        JsonNode frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within " + timeout);
        }
        return frame;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    CompletableFuture<Integer> closed() {
        return closed;
    }

    /** The result as the client holds it: every row's scalar values. */
    synchronized List<List<String>> rows() {
        return new ArrayList<>(rows.values());
    }

    private synchronized void apply(JsonNode frame) {
        switch (frame.path("type").asText()) {
            case "snapshot":
                rows.clear();
                put(frame.get("rows"));
                break;
            case "update":
                for (JsonNode removed : frame.get("removed")) {
                    rows.remove(key(values(removed)));
                }
                put(frame.get("added"));
                put(frame.get("updated"));
                break;
            default:
                break;
        }
    }

    private void put(JsonNode list) {
        for (JsonNode row : list) {
            List<String> values = values(row);
            rows.put(key(values), values);
        }
    }

    private List<String> key(List<String> values) {
        return keyColumns == 0 ? values : values.subList(0, keyColumns);
    }

    /** A row's {@code Data} as text: the scalar value, or "NULL". */
    static List<String> values(JsonNode row) {
        List<String> values = new ArrayList<>();
        for (JsonNode datum : row.get("Data")) {
            values.add(datum.has("ScalarValue") ? datum.get("ScalarValue").asText() : "NULL");
        }
        return values;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
