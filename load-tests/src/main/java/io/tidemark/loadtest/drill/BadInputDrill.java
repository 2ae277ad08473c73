package io.tidemark.loadtest.drill;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The bad-input drill: while one well-behaved writer sends multi-measure WriteRecords calls to a
 * real node process, other clients flood it with malformed JSON, bodies cut short, invalid SQL,
 * oversized batches and slow partial bodies (slowloris). At the end every record the good writer
 * saw acknowledged must be there whole, the good writer must never have been refused, and
 * {@code /health} must have answered throughout. Latencies are reported, not judged.
 */
public final class BadInputDrill {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final int GOOD_WRITER = 0;
    private static final int GOOD_CYCLE = 1;

    /** What the drill found. */
    public record Result(long acked, long ackedLost, long halfWritten, long goodRefused, long healthFailures) {
        public boolean passed() {
            return ackedLost == 0 && halfWritten == 0 && goodRefused == 0 && healthFailures == 0;
        }
    }

    private final Duration duration;
    private final int slowClients;
    private final Path serverJar;
    private final Path workDir;
    private final List<String> nodeJvmOptions;
    private final AtomicBoolean stop = new AtomicBoolean();
    /** Per kind of bad input: answers by status ("200", "400", ..., "io" for a dropped connection). */
    private final Map<String, Map<String, AtomicLong>> answers = new ConcurrentHashMap<>();

    public BadInputDrill(Duration duration, int slowClients, Path serverJar, Path workDir, List<String> nodeJvmOptions) {
        this.duration = duration;
        this.slowClients = slowClients;
        this.serverJar = serverJar;
        this.workDir = workDir;
        this.nodeJvmOptions = List.copyOf(nodeJvmOptions);
    }

    public Result run(PrintWriter out) throws IOException, InterruptedException {
        DrillRecords records = new DrillRecords(CrashDrill.DATABASE, CrashDrill.TABLE,
                (System.currentTimeMillis() - 3_600_000L) / 1000 * 1000);
        try (NodeProcess node = NodeProcess.start(serverJar, workDir.resolve("data"), workDir.resolve("node.log"),
                nodeJvmOptions)) {
            WireClient admin = new WireClient(node.endpoint(), CALL_TIMEOUT);
            admin.ensureDatabase(CrashDrill.DATABASE);
            admin.ensureTable(CrashDrill.DATABASE, CrashDrill.TABLE, 24);
            CycleLedger ledger = new CycleLedger(GOOD_CYCLE, new long[] {0});
            ConcurrentHistogram goodLatency = new ConcurrentHistogram(CALL_TIMEOUT.toNanos() / 1000, 3);
            ConcurrentHistogram healthLatency = new ConcurrentHistogram(CALL_TIMEOUT.toNanos() / 1000, 3);
            AtomicLong refused = new AtomicLong();
            AtomicLong healthFailures = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            threads.add(start("good-writer", () -> goodWriter(node.endpoint(), records, ledger.writer(GOOD_WRITER),
                    goodLatency, refused)));
            threads.add(start("health", () -> health(node.endpoint(), healthLatency, healthFailures)));
            threads.add(start("malformed-json", () -> flood(node.endpoint(), "malformed-json", "WriteRecords",
                    i -> malformed(i))));
            threads.add(start("invalid-sql", () -> flood(node.endpoint(), "invalid-sql", "Query",
                    i -> "{\"QueryString\":\"SELEC " + i + " FROM nowhere WHERE\"}")));
            threads.add(start("huge-batch", () -> flood(node.endpoint(), "huge-batch", "WriteRecords",
                    i -> new String(records.body(1, GOOD_CYCLE, i * 10_000L, 10_000), StandardCharsets.UTF_8))));
            threads.add(start("truncated-body", () -> truncated(node.endpoint())));
            for (int s = 0; s < slowClients; s++) {
                threads.add(start("slowloris", () -> slowloris(node.endpoint())));
            }
            Thread.sleep(duration.toMillis());
            stop.set(true);
            for (Thread t : threads) {
                t.join(CALL_TIMEOUT.toMillis() * 2);
            }
            if (ledger.acked() > 0) {
                ledger.check(admin.query(records.cycleQuery(GOOD_CYCLE)).stream()
                        .filter(row -> DrillRecords.writerName(GOOD_WRITER).equals(row.get(0))).toList());
            }
            Result result = new Result(ledger.acked(), ledger.lost(), ledger.halfWritten(), refused.get(),
                    healthFailures.get());
            report(out, goodLatency, healthLatency, result);
            return result;
        }
    }

    private Thread start(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                count(name, "error " + e.getClass().getSimpleName());
            }
        }, "bad-input-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void goodWriter(URI endpoint, DrillRecords records, CycleLedger.Writer ledger, Histogram latency,
            AtomicLong refused) {
        WireClient client = new WireClient(endpoint, CALL_TIMEOUT);
        for (long seq = 0; !stop.get(); seq += 100) {
            ledger.sentEnd = seq + 100;
            long t0 = System.nanoTime();
            try {
                WireClient.Response r = client.call("WriteRecords", records.body(GOOD_WRITER, GOOD_CYCLE, seq, 100));
                latency.recordValue(Math.min(latency.getHighestTrackableValue(), (System.nanoTime() - t0) / 1000));
                if (!r.ok()) {
                    refused.incrementAndGet();
                    return;
                }
                ledger.ackedEnd = seq + 100;
            } catch (IOException | InterruptedException e) {
                refused.incrementAndGet();
                return;
            }
        }
    }

    private void health(URI endpoint, Histogram latency, AtomicLong failures) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/health")).timeout(CALL_TIMEOUT).GET().build();
        while (!stop.get()) {
            long t0 = System.nanoTime();
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                    failures.incrementAndGet();
                }
                latency.recordValue(Math.min(latency.getHighestTrackableValue(), (System.nanoTime() - t0) / 1000));
                Thread.sleep(200);
            } catch (IOException e) {
                failures.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void flood(URI endpoint, String kind, String operation, Function<Long, String> body) {
        WireClient client = new WireClient(endpoint, CALL_TIMEOUT);
        for (long i = 0; !stop.get(); i++) {
            try {
                count(kind, Integer.toString(client.call(operation, body.apply(i)).status()));
            } catch (IOException e) {
                count(kind, "io");
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Malformed bodies of several shapes: not JSON, wrong types, an unclosed document. */
    private static String malformed(long i) {
        switch ((int) (i % 4)) {
            case 0:
                return "{\"DatabaseName\":\"drill\",\"TableName\":\"records\",\"Records\":[{\"Dimensions\":";
            case 1:
                return "not json at all " + i;
            case 2:
                return "{\"DatabaseName\":42,\"TableName\":[],\"Records\":\"none\"}";
            default:
                return "{\"DatabaseName\":\"drill\",\"TableName\":\"records\",\"Records\":[{\"MeasureName\":\"m\","
                        + "\"MeasureValue\":\"x\",\"Time\":\"soon\"}]}";
        }
    }

    /** A request that announces more body than it sends, then hangs up. */
    private void truncated(URI endpoint) {
        while (!stop.get()) {
            try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
                OutputStream o = socket.getOutputStream();
                o.write(("POST / HTTP/1.1\r\nHost: " + endpoint.getHost() + "\r\nContent-Type: application/x-amz-json-1.0"
                        + "\r\nX-Amz-Target: Timestream_20181101.WriteRecords\r\nContent-Length: 5000\r\n\r\n"
                        + "{\"DatabaseName\":\"drill\",\"Records\":[").getBytes(StandardCharsets.US_ASCII));
                o.flush();
                count("truncated-body", "sent");
                // a flood, but not so fast that the loopback runs out of ephemeral ports
                Thread.sleep(5);
            } catch (IOException e) {
                count("truncated-body", "io");
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends a request's headers and then its body one byte a second, never finishing. */
    private void slowloris(URI endpoint) {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            OutputStream o = socket.getOutputStream();
            o.write(("POST / HTTP/1.1\r\nHost: " + endpoint.getHost() + "\r\nContent-Type: application/x-amz-json-1.0"
                    + "\r\nX-Amz-Target: Timestream_20181101.WriteRecords\r\nContent-Length: 100000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            count("slowloris", "connected");
            while (!stop.get()) {
                o.write('{');
                o.flush();
                Thread.sleep(1000);
            }
        } catch (IOException e) {
            count("slowloris", "dropped by the node");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void count(String kind, String answer) {
        answers.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).computeIfAbsent(answer, a -> new AtomicLong())
                .incrementAndGet();
    }

    private void report(PrintWriter out, Histogram good, Histogram health, Result result) {
        for (Map.Entry<String, Map<String, AtomicLong>> e : new TreeMap<>(answers).entrySet()) {
            out.printf(Locale.ROOT, "bad input %-15s answers %s%n", e.getKey(), new TreeMap<>(e.getValue()));
        }
        out.printf(Locale.ROOT, "good writer: %d calls, p50 %.1f ms, p99 %.1f ms, max %.1f ms; refused=%d%n",
                good.getTotalCount(), good.getValueAtPercentile(50) / 1000.0, good.getValueAtPercentile(99) / 1000.0,
                good.getMaxValue() / 1000.0, result.goodRefused());
        out.printf(Locale.ROOT, "health: %d probes, p50 %.1f ms, max %.1f ms; failures=%d%n", health.getTotalCount(),
                health.getValueAtPercentile(50) / 1000.0, health.getMaxValue() / 1000.0, result.healthFailures());
        out.printf(Locale.ROOT, "bad-input-drill acked=%d acked_lost=%d half_written=%d good_refused=%d"
                        + " health_failures=%d%n", result.acked(), result.ackedLost(), result.halfWritten(),
                result.goodRefused(), result.healthFailures());
        out.flush();
    }
}
