package io.tidemark.loadtest.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.loadtest.compare.TabularResult;
import io.tidemark.loadtest.drill.WireClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket subscriber of {@code /subscribe} on a per-bin count query: keeps the result as
 * the node sends it (the snapshot, then each update applied by the row's first cell, its bin), and
 * notes when it first saw each write: a bin's count of {@code n} rows means the bin's first
 * {@code n / rowsPerWrite} writes are in the result.
 */
final class SubscriberClient implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long firstWriteMillis;
    private final long writeIntervalMillis;
    private final long binMillis;
    private final int rowsPerWrite;
    /** Per write, when this subscriber first saw it (System.nanoTime), or -1. */
    private final long[] seenNanos;
    private final StringBuilder frame = new StringBuilder();
    private final CountDownLatch snapshot = new CountDownLatch(1);
    private final Map<String, List<String>> rows = new LinkedHashMap<>();
    private List<String> columns = List.of();
    private long updates;
    private long lastUpdateNanos;
    private int seen;
    private String failure;
    private WebSocket socket;

    /**
     * @param firstWriteMillis the time of the first write's rows, a multiple of {@code binMillis}
     * @param writeIntervalMillis time between two writes' rows
     * @param rowsPerWrite rows each write adds to its bin
     */
    SubscriberClient(int writes, long firstWriteMillis, long writeIntervalMillis, long binMillis, int rowsPerWrite) {
        this.firstWriteMillis = firstWriteMillis;
        this.writeIntervalMillis = writeIntervalMillis;
        this.binMillis = binMillis;
        this.rowsPerWrite = rowsPerWrite;
        this.seenNanos = new long[writes];
        Arrays.fill(seenNanos, -1);
    }

    /** Opens the socket, sends the query and waits for the snapshot. */
    void subscribe(HttpClient client, URI endpoint, String sql, long timeoutMillis)
            throws IOException, InterruptedException {
        URI uri = URI.create(endpoint.toString().replaceFirst("^http", "ws")).resolve("/subscribe");
        socket = client.newWebSocketBuilder().buildAsync(uri, this).join();
        socket.sendText(JSON.createObjectNode().put("query", sql).toString(), true).join();
        if (!snapshot.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new IOException("cannot subscribe: no snapshot within " + timeoutMillis + " ms, uri=" + uri);
        }
        synchronized (this) {
            if (failure != null) {
                throw new IOException("cannot subscribe: " + failure);
            }
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        frame.append(data);
        if (last) {
            long now = System.nanoTime();
            String text = frame.toString();
            frame.setLength(0);
            try {
                apply(JSON.readTree(text), now);
            } catch (IOException | RuntimeException e) {
                fail("cannot read a frame: " + e.getMessage() + ", frame=" + text.substring(0, Math.min(300,
                        text.length())));
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        fail("closed by the node: status=" + statusCode + ", reason=" + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        fail("socket failed: " + error);
    }

    private synchronized void fail(String why) {
        if (failure == null) {
            failure = why;
        }
        snapshot.countDown();
    }

    private synchronized void apply(JsonNode message, long now) {
        switch (message.path("type").asText()) {
            case "snapshot" -> {
                List<String> names = new ArrayList<>();
                message.path("columns").forEach(c -> names.add(c.path("Name").asText()));
                columns = List.copyOf(names);
                rows.clear();
                message.path("rows").forEach(r -> put(r, now));
                snapshot.countDown();
            }
            case "update" -> {
                message.path("removed").forEach(r -> rows.remove(WireClient.cells(r).get(0)));
                message.path("added").forEach(r -> put(r, now));
                message.path("updated").forEach(r -> put(r, now));
                updates++;
                lastUpdateNanos = now;
            }
            default -> fail(message.path("type").asText() + ": " + message);
        }
    }

    /** Keeps the row and marks the writes its count shows as seen. */
    private void put(JsonNode row, long now) {
        List<String> cells = WireClient.cells(row);
        rows.put(cells.get(0), cells);
        long bin = TabularResult.parseTimeMillis(cells.get(0));
        long firstWrite = (bin - firstWriteMillis) / writeIntervalMillis;
        long writesInResult = Long.parseLong(cells.get(1)) / rowsPerWrite;
        long lastWrite = Math.min(seenNanos.length, firstWrite + Math.min(writesInResult, binMillis
                / writeIntervalMillis));
        for (long w = Math.max(0, firstWrite); w < lastWrite; w++) {
            if (seenNanos[(int) w] < 0) {
                seenNanos[(int) w] = now;
                seen++;
            }
        }
    }

    synchronized boolean sawEveryWrite() {
        return seen == seenNanos.length;
    }

    synchronized String failure() {
        return failure;
    }

    synchronized long updates() {
        return updates;
    }

    synchronized long lastUpdateNanos() {
        return lastUpdateNanos;
    }

    synchronized long seenNanos(int write) {
        return seenNanos[write];
    }

    /** The result as kept: the snapshot's columns and the current rows. */
    synchronized TabularResult result() {
        return new TabularResult(columns, new ArrayList<>(rows.values()));
    }

    void close() {
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
            socket.abort();
        }
    }
}
