package io.tidemark.loadtest.bench;

import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Ingest over the Timestream wire API: the TSBS cpu-only data set as WriteRecords calls (see
 * {@link WriteRecordsBodies}), posted by {@code clients} threads over keep-alive HTTP/1.1 (the JDK
 * HttpClient, one connection per thread) to a serving node; every call must answer 200.
 *
 * <p>The bodies are encoded before the clock starts, and the encoding rate is reported on its own
 * line, so a reader can tell what a loader that encodes as it sends would add. The data ends at the
 * current time and every table keeps {@code hours + 1} hours in its memory store, so all records
 * fall inside Timestream's acceptance window. Each run (warm-ups included) writes into a fresh
 * table of its own.
 */
public final class HttpIngestBenchmark {

    static final String DATABASE = "benchmark";
    private static final String TARGET = "Timestream_20181101.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param data the data set (its start is replaced so that the data ends now)
     * @param clients concurrent client threads, one connection each
     * @param recordsPerCall multi-measure records (ten points each) per WriteRecords call
     */
    public record Options(CpuOnlyConfig data, int hours, int clients, int recordsPerCall, int warmups, int runs) {
        public Options {
            if (hours < 1 || clients < 1 || recordsPerCall < 1 || warmups < 0 || runs < 1) {
                throw new IllegalArgumentException("cannot run the http-ingest benchmark: hours=" + hours + ", clients="
                        + clients + ", recordsPerCall=" + recordsPerCall + ", warmups=" + warmups + ", runs=" + runs
                        + " (all at least 1, warmups at least 0)");
            }
        }
    }

    /**
     * @param tables the table each run wrote, warm-ups first
     * @param pointsPerTable points every table received
     */
    public record Result(List<String> tables, long pointsPerTable, double medianPointsPerSecond, double p50CallMillis,
            double p99CallMillis) {
    }

    private final Options options;

    public HttpIngestBenchmark(Options options) {
        this.options = options;
    }

    /** Runs every warm-up and measured run against the node at {@code endpoint}; prints progress and the summary line. */
    public Result run(URI endpoint, PrintWriter out) throws IOException, InterruptedException {
        long interval = options.data().intervalNanos();
        long steps = options.hours() * TimeUnit.HOURS.toNanos(1) / interval;
        long start = (TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - steps * interval) / interval * interval;
        CpuOnlyConfig data = new CpuOnlyConfig(options.data().scale(), options.data().seed(), options.data().values(),
                start, interval);
        WriteRecordsBodies bodies = WriteRecordsBodies.encode(data, Math.toIntExact(steps), options.recordsPerCall());
        out.printf(Locale.ROOT, "data: %d hosts x %d rows = %d records, %d points in %d calls of up to %d records"
                        + " (%.1f MB of JSON); endpoint %s; load average %.2f on %d cores%n", data.scale(), steps,
                bodies.records(), bodies.points(), bodies.calls(), options.recordsPerCall(), bodies.bytes() / 1e6,
                endpoint, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        double encodeSeconds = bodies.encodeNanos() / 1e9;
        out.printf(Locale.ROOT, "encode (before the clock, one thread): %.0f records/s = %.2fM points/s, %.1f MB/s%n",
                bodies.records() / encodeSeconds, bodies.points() / encodeSeconds / 1e6,
                bodies.bytes() / encodeSeconds / 1e6);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CALL_TIMEOUT).build();
        ExecutorService threads = Executors.newFixedThreadPool(options.clients(), r -> {
            Thread t = new Thread(r, "http-ingest-client");
            t.setDaemon(true);
            return t;
        });
        String prefix = "http_cpu_" + Long.toString(System.currentTimeMillis(), 36) + "_";
        List<String> tables = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        try {
            createDatabase(client, endpoint);
            for (int run = 0; run < options.warmups() + options.runs(); run++) {
                String table = prefix + run;
                createTable(client, endpoint, table);
                tables.add(table);
                byte[] head = WriteRecordsBodies.head(DATABASE, table);
                long cpu0 = IngestBenchmark.processCpuNanos();
                long t0 = System.nanoTime();
                Histogram runLatencies = send(client, threads, endpoint, head, bodies);
                long wall = System.nanoTime() - t0;
                long cpu = IngestBenchmark.processCpuNanos() - cpu0;
                double rate = bodies.points() / (wall / 1e9);
                boolean warmup = run < options.warmups();
                if (!warmup) {
                    rates.add(rate);
                    latencies.add(runLatencies);
                }
                out.printf(Locale.ROOT, "%s %d: %.2fM points/s (%.3f s, p50 %.2f ms, p99 %.2f ms per call,"
                                + " %.0f ns CPU/point and %.2f cores busy in this process, clients included)%n",
                        warmup ? "warm-up" : "run", run, rate / 1e6, wall / 1e9, millis(runLatencies, 50),
                        millis(runLatencies, 99), cpu / (double) bodies.points(), cpu / (double) wall);
            }
        } finally {
            threads.shutdownNow();
        }
        Result result = new Result(List.copyOf(tables), bodies.points(), IngestBenchmark.median(rates),
                millis(latencies, 50), millis(latencies, 99));
        out.printf(Locale.ROOT, "http-ingest clients=%d records_per_call=%d median_points_per_s=%.0f p50_call_ms=%.3f"
                        + " p99_call_ms=%.3f%n", options.clients(), options.recordsPerCall(),
                result.medianPointsPerSecond(), result.p50CallMillis(), result.p99CallMillis());
        return result;
    }

    /** Every call once, taken in order by whichever client thread is free; the calls' latencies in microseconds. */
    private Histogram send(HttpClient client, ExecutorService threads, URI endpoint, byte[] head,
            WriteRecordsBodies bodies) throws IOException, InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Callable<Histogram>> clients = new ArrayList<>();
        for (int c = 0; c < options.clients(); c++) {
            clients.add(() -> {
                Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
                for (int call = next.getAndIncrement(); call < bodies.calls(); call = next.getAndIncrement()) {
                    byte[] tail = bodies.tail(call);
                    HttpRequest request = request(endpoint, "WriteRecords", HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofByteArrays(List.of(head, tail)),
                            (long) head.length + tail.length));
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    h.recordValue(Math.min(h.getHighestTrackableValue(), (System.nanoTime() - t0) / 1000));
                    if (response.statusCode() != 200) {
                        throw new IOException("cannot write call " + call + ": status=" + response.statusCode()
                                + ", body=" + abbreviate(response.body()));
                    }
                }
                return h;
            });
        }
        Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        for (Future<Histogram> f : threads.invokeAll(clients)) {
            try {
                all.add(f.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException ? (IOException) e.getCause()
                        : new IOException("cannot write: " + e.getCause(), e.getCause());
            }
        }
        return all;
    }

    private static void createDatabase(HttpClient client, URI endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request(endpoint, "CreateDatabase",
                json("{\"DatabaseName\":\"" + DATABASE + "\"}")), HttpResponse.BodyHandlers.ofString());
        boolean exists = response.headers().firstValue("x-amzn-ErrorType").filter(t -> t.startsWith("ConflictException"))
                .isPresent();
        if (response.statusCode() != 200 && !exists) {
            throw new IOException("cannot create database: name=" + DATABASE + ", status=" + response.statusCode()
                    + ", body=" + abbreviate(response.body()));
        }
    }

    private void createTable(HttpClient client, URI endpoint, String table) throws IOException, InterruptedException {
        String body = String.format(Locale.ROOT, "{\"DatabaseName\":\"%s\",\"TableName\":\"%s\",\"RetentionProperties\":"
                + "{\"MemoryStoreRetentionPeriodInHours\":%d,\"MagneticStoreRetentionPeriodInDays\":1}}", DATABASE,
                table, options.hours() + 1);
        HttpResponse<String> response = client.send(request(endpoint, "CreateTable", json(body)),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("cannot create table: name=" + table + ", status=" + response.statusCode()
                    + ", body=" + abbreviate(response.body()));
        }
    }

    private static HttpRequest request(URI endpoint, String operation, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(endpoint.resolve("/"))
                .timeout(CALL_TIMEOUT)
                .header("Content-Type", CONTENT_TYPE)
                .header("X-Amz-Target", TARGET + operation)
                .POST(body)
                .build();
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    }

    private static double millis(Histogram microseconds, double percentile) {
        return microseconds.getTotalCount() == 0 ? 0 : microseconds.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}
