package io.tidemark.loadtest.load;

import io.tidemark.loadtest.drill.WireClient;
import io.tidemark.loadtest.tsbs.LineProtocolFormat;
import io.tidemark.loadtest.tsbs.Point;
import io.tidemark.loadtest.tsbs.UseCaseGenerator;
import io.tidemark.loadtest.tsbs.WriteRecordsFormat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A use case's rows as write calls, generated as the workers take them (the next
 * {@code rowsPerCall} rows are encoded when a worker asks, one worker at a time), so no more of the
 * data set than the calls in flight is ever in memory. WriteRecords calls must answer 200, line
 * protocol ones any 2xx (Tidemark, InfluxDB and VictoriaMetrics answer 204).
 */
public final class GeneratedCalls implements CallLoop.Source {

    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private final UseCaseGenerator generator;
    private final HttpClient client;
    private final URI uri;
    private final int rowsPerCall;
    /** The WriteRecords encoder; null for line protocol. */
    private final WriteRecordsFormat records;
    private final StringBuilder lines = new StringBuilder(1 << 16);
    private final Point point;
    private long calls;

    private GeneratedCalls(UseCaseGenerator generator, HttpClient client, URI uri, int rowsPerCall,
            WriteRecordsFormat records) {
        if (rowsPerCall < 1) {
            throw new IllegalArgumentException("cannot cut calls: rowsPerCall=" + rowsPerCall + " (must be at least 1)");
        }
        this.generator = generator;
        this.client = client;
        this.uri = uri;
        this.rowsPerCall = rowsPerCall;
        this.records = records;
        this.point = generator.newPoint();
    }

    /** Line-protocol bodies of {@code rowsPerCall} lines posted to {@code writeUri}. */
    public static GeneratedCalls lineProtocol(UseCaseGenerator generator, HttpClient client, URI writeUri,
            int rowsPerCall) {
        return new GeneratedCalls(generator, client, writeUri, rowsPerCall, null);
    }

    /** WriteRecords calls of {@code rowsPerCall} multi-measure records into {@code database.table} at {@code endpoint}. */
    public static GeneratedCalls writeRecords(UseCaseGenerator generator, HttpClient client, URI endpoint,
            String database, String table, int rowsPerCall) {
        return new GeneratedCalls(generator, client, endpoint, rowsPerCall,
                new WriteRecordsFormat(database, table, rowsPerCall, generator.measurements()));
    }

    @Override
    public synchronized CallLoop.Call next() {
        long rows = 0;
        long points = 0;
        lines.setLength(0);
        while (rows < rowsPerCall && generator.next(point)) {
            rows++;
            for (int f = 0; f < point.measurement().fieldCount(); f++) {
                if (point.present(f)) {
                    points++;
                }
            }
            if (records != null) {
                records.add(point);
            } else {
                LineProtocolFormat.append(lines, point);
            }
        }
        if (rows == 0) {
            return null;
        }
        long call = calls++;
        CharSequence text = records != null ? records.takeBody() : lines;
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = records != null
                ? WireClient.request(uri, "WriteRecords", HttpRequest.BodyPublishers.ofByteArray(body), CALL_TIMEOUT)
                : HttpRequest.newBuilder(uri).timeout(CALL_TIMEOUT).header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        boolean exact = records != null;
        return new CallLoop.Call(() -> {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (exact ? status != 200 : status / 100 != 2) {
                throw new IOException("cannot write call " + call + ": uri=" + uri + ", status=" + status + ", body="
                        + WireClient.abbreviate(response.body()));
            }
        }, points, rows);
    }
}
