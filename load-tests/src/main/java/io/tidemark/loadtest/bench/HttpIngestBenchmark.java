package io.tidemark.loadtest.bench;

import io.tidemark.loadtest.drill.WireClient;
import io.tidemark.loadtest.load.CallLoop;
import io.tidemark.loadtest.load.Progress;
import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.loadtest.tsbs.TsbsVocabulary;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Ingest over HTTP: the TSBS cpu-only data set as Timestream WriteRecords calls (see
 * {@link WriteRecordsBodies}; every call must answer 200) or as InfluxDB line-protocol
 * {@code POST /write} calls (see {@link LineProtocolBodies}; every call must answer 204), posted
 * by {@code clients} threads over keep-alive HTTP/1.1 (a {@link KeepAliveConnection} per thread
 * and node: each request written as one array of bytes assembled before the clock, no
 * {@code Expect: 100-continue}) to a serving node.
 * The tables are created with the JDK HttpClient, before the clock starts.
 *
 * <p>The bodies are encoded before the clock starts, and the encoding rate is reported on its own
 * line, so a reader can tell what a loader that encodes as it sends would add. The data ends at the
 * current time and every table keeps {@code hours + 1} hours in its memory store, so all records
 * fall inside Timestream's acceptance window. Each run (warm-ups included) writes into a fresh
 * table of its own: for WriteRecords a new table of database {@code benchmark}, for line protocol
 * (whose measurement names the table) table {@code cpu} of a new database.
 */
public final class HttpIngestBenchmark {

    static final String DATABASE = "benchmark";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    /** How the data reaches the server. */
    public enum Protocol {
        /** Timestream WriteRecords calls on {@code POST /}. */
        JSON,
        /** InfluxDB line protocol on {@code POST /write?db=}. */
        LP
    }

    /**
     * @param data the data set (its start is replaced so that the data ends now)
     * @param clients concurrent client threads, one connection each
     * @param recordsPerCall multi-measure records (ten points each) per WriteRecords call
     * @param linesPerCall line-protocol lines (ten points each) per {@code /write} call
     */
    public record Options(CpuOnlyConfig data, int hours, int clients, Protocol protocol, int recordsPerCall,
            int linesPerCall, int warmups, int runs) {
        public Options {
            if (hours < 1 || clients < 1 || recordsPerCall < 1 || linesPerCall < 1 || warmups < 0 || runs < 1) {
                throw new IllegalArgumentException("cannot run the http-ingest benchmark: hours=" + hours + ", clients="
                        + clients + ", recordsPerCall=" + recordsPerCall + ", linesPerCall=" + linesPerCall
                        + ", warmups=" + warmups + ", runs=" + runs + " (all at least 1, warmups at least 0)");
            }
        }
    }

    /**
     * @param databases the database each run wrote, warm-ups first
     * @param tables the table each run wrote, warm-ups first
     * @param pointsPerTable points every table received
     */
    public record Result(List<String> databases, List<String> tables, long pointsPerTable,
            double medianPointsPerSecond, double p50CallMillis, double p99CallMillis) {
    }

    /** The calls of one run, whatever the protocol, as the bytes a client writes (joined before the clock). */
    private interface Calls {
        int count();

        /** Which of the endpoints takes the call. */
        int endpoint(int call);

        /** The call's request line, headers and body, in pieces written in order. */
        byte[][] request(int call);

        int okStatus();
    }

    private final Options options;

    public HttpIngestBenchmark(Options options) {
        this.options = options;
    }

    /** Runs every warm-up and measured run against the node at {@code endpoint}; prints progress and the summary line. */
    public Result run(URI endpoint, PrintWriter out) throws IOException, InterruptedException {
        return run(List.of(endpoint), out);
    }

    /**
     * Runs every warm-up and measured run against the nodes of a cluster: call {@code i} goes to
     * {@code endpoints[i % n]}, so each node coordinates an equal share of the writes (and routes
     * them on to the shards' owners). Tables are created through the first endpoint and used once
     * every endpoint describes them.
     */
    public Result run(List<URI> endpoints, PrintWriter out) throws IOException, InterruptedException {
        URI endpoint = endpoints.get(0);
        long interval = options.data().intervalNanos();
        long steps = options.hours() * TimeUnit.HOURS.toNanos(1) / interval;
        long start = (TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - steps * interval) / interval * interval;
        CpuOnlyConfig data = new CpuOnlyConfig(options.data().scale(), options.data().seed(), options.data().values(),
                start, interval);
        boolean lp = options.protocol() == Protocol.LP;
        WriteRecordsBodies json = lp ? null
                : WriteRecordsBodies.encode(data, Math.toIntExact(steps), options.recordsPerCall());
        LineProtocolBodies lines = lp ? LineProtocolBodies.encode(data, Math.toIntExact(steps), options.linesPerCall())
                : null;
        long points = lp ? lines.points() : json.points();
        long bytes = lp ? lines.bytes() : json.bytes();
        double encodeSeconds = (lp ? lines.encodeNanos() : json.encodeNanos()) / 1e9;
        out.printf(Locale.ROOT, "data: %d hosts x %d rows = %d records, %d points in %d calls of up to %d %s"
                        + " (%.1f MB of %s); endpoints %s; load average %.2f on %d cores%n", data.scale(), steps,
                points / 10, points, lp ? lines.calls() : json.calls(),
                lp ? options.linesPerCall() : options.recordsPerCall(), lp ? "lines" : "records", bytes / 1e6,
                lp ? "line protocol" : "JSON", endpoints,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "encode (before the clock, one thread%s): %.0f records/s = %.2fM points/s, %.1f MB/s%n",
                lp ? ", values generated too" : "", points / 10 / encodeSeconds, points / encodeSeconds / 1e6,
                bytes / encodeSeconds / 1e6);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CALL_TIMEOUT).build();
        String prefix = "http_cpu_" + Long.toString(System.currentTimeMillis(), 36) + "_";
        List<String> databases = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        Histogram latencies = new Histogram(CallLoop.MAX_CALL_MICROS, 3);
        if (!lp) {
            createDatabase(client, endpoint, DATABASE);
        }
        int runCount = options.warmups() + options.runs();
        // run numbers of one width: every run's requests have the same sizes, so they reuse the first run's arrays
        String runNumber = "%0" + String.valueOf(runCount - 1).length() + "d";
        byte[][] requests = null;
        for (int run = 0; run < runCount; run++) {
            // Line protocol names the table by its measurement: each run writes "cpu" of a database of its own.
            String name = prefix + String.format(Locale.ROOT, runNumber, run);
            String database = lp ? name : DATABASE;
            String table = lp ? TsbsVocabulary.MEASUREMENT : name;
            if (lp) {
                createDatabase(client, endpoint, database);
            }
            createTable(client, endpoint, database, table);
            awaitTable(client, endpoints, database, table);
            databases.add(database);
            tables.add(table);
            Calls calls = lp ? lineProtocolCalls(endpoints, database, lines) : writeRecordsCalls(endpoints,
                    WriteRecordsBodies.head(database, table), json);
            requests = requests(calls, requests);
            long cpu0 = IngestBenchmark.processCpuNanos();
            long t0 = System.nanoTime();
            Histogram runLatencies = send(endpoints, calls, requests);
            long wall = System.nanoTime() - t0;
            long cpu = IngestBenchmark.processCpuNanos() - cpu0;
            double rate = points / (wall / 1e9);
            boolean warmup = run < options.warmups();
            if (!warmup) {
                rates.add(rate);
                latencies.add(runLatencies);
            }
            out.printf(Locale.ROOT, "%s %d: %.2fM points/s (%.3f s, p50 %.2f ms, p99 %.2f ms per call,"
                            + " %.0f ns CPU/point and %.2f cores busy in this process, clients included)%n",
                    warmup ? "warm-up" : "run", run, rate / 1e6, wall / 1e9, millis(runLatencies, 50),
                    millis(runLatencies, 99), cpu / (double) points, cpu / (double) wall);
        }
        Result result = new Result(List.copyOf(databases), List.copyOf(tables), points, IngestBenchmark.median(rates),
                millis(latencies, 50), millis(latencies, 99));
        if (lp) {
            out.printf(Locale.ROOT, "http-ingest protocol=lp clients=%d lines_per_call=%d median_points_per_s=%.0f"
                            + " p50_call_ms=%.3f p99_call_ms=%.3f%n", options.clients(), options.linesPerCall(),
                    result.medianPointsPerSecond(), result.p50CallMillis(), result.p99CallMillis());
        } else {
            out.printf(Locale.ROOT, "http-ingest clients=%d records_per_call=%d median_points_per_s=%.0f"
                            + " p50_call_ms=%.3f p99_call_ms=%.3f%n", options.clients(), options.recordsPerCall(),
                    result.medianPointsPerSecond(), result.p50CallMillis(), result.p99CallMillis());
        }
        return result;
    }

    private static Calls writeRecordsCalls(List<URI> endpoints, byte[] head, WriteRecordsBodies bodies) {
        return new Calls() {
            @Override
            public int count() {
                return bodies.calls();
            }

            @Override
            public int endpoint(int call) {
                return call % endpoints.size();
            }

            @Override
            public byte[][] request(int call) {
                byte[] tail = bodies.tail(call);
                URI target = endpoints.get(endpoint(call)).resolve("/");
                return new byte[][] {KeepAliveConnection.requestHead(target, (long) head.length + tail.length,
                        "Content-Type", WireClient.CONTENT_TYPE, "X-Amz-Target", WireClient.TARGET + "WriteRecords"), head, tail};
            }

            @Override
            public int okStatus() {
                return 200;
            }
        };
    }

    /** {@code POST /write?db=…} with the body and its Content-Length, without {@code Expect: 100-continue}. */
    private static Calls lineProtocolCalls(List<URI> endpoints, String database, LineProtocolBodies bodies) {
        List<URI> writes = endpoints.stream().map(e -> e.resolve("/write?db=" + database + "&precision=ns")).toList();
        return new Calls() {
            @Override
            public int count() {
                return bodies.calls();
            }

            @Override
            public int endpoint(int call) {
                return call % endpoints.size();
            }

            @Override
            public byte[][] request(int call) {
                byte[] body = bodies.body(call);
                return new byte[][] {KeepAliveConnection.requestHead(writes.get(endpoint(call)), body.length,
                        "Content-Type", "text/plain"), body};
            }

            @Override
            public int okStatus() {
                return 204;
            }
        };
    }

    /**
     * Every call of a run as the one array of bytes a client writes (request line, headers, body),
     * assembled before the clock starts: a loader sending files it prepared before, as TSBS's
     * loaders and curl do, spends nothing on a request but its write and its answer's read.
     * The arrays of the run before are written over where they have the sizes needed: a run's
     * requests (hundreds of MB) allocated anew would still be young during the run, and the
     * collector would copy them all then, on the run's clock.
     *
     * @param previous the previous run's requests, or null
     */
    private static byte[][] requests(Calls calls, byte[][] previous) {
        byte[][] requests = new byte[calls.count()][];
        for (int call = 0; call < requests.length; call++) {
            byte[][] pieces = calls.request(call);
            int size = 0;
            for (byte[] piece : pieces) {
                size += piece.length;
            }
            boolean reusable = previous != null && call < previous.length && previous[call].length == size;
            byte[] request = reusable ? previous[call] : new byte[size];
            int at = 0;
            for (byte[] piece : pieces) {
                System.arraycopy(piece, 0, request, at, piece.length);
                at += piece.length;
            }
            requests[call] = request;
        }
        return requests;
    }

    /**
     * Every call once, taken in order by whichever client thread is free ({@link CallLoop}), each
     * thread over keep-alive connections of its own ({@link KeepAliveConnection}, one per endpoint,
     * closed when the run ends); the calls' latencies in microseconds.
     *
     * @param requests each call's bytes, from {@link #requests}
     */
    private Histogram send(List<URI> endpoints, Calls calls, byte[][] requests) throws IOException,
            InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<KeepAliveConnection> opened = new CopyOnWriteArrayList<>();
        ThreadLocal<KeepAliveConnection[]> connections = ThreadLocal.withInitial(
                () -> new KeepAliveConnection[endpoints.size()]);
        CallLoop.Source source = () -> {
            int call = next.getAndIncrement();
            if (call >= calls.count()) {
                return null;
            }
            byte[] request = requests[call];
            int e = calls.endpoint(call);
            return new CallLoop.Call(() -> {
                KeepAliveConnection[] own = connections.get();
                if (own[e] == null) {
                    own[e] = new KeepAliveConnection(endpoints.get(e), CALL_TIMEOUT);
                    opened.add(own[e]);
                }
                KeepAliveConnection.Answer answer = own[e].exchange(request);
                if (answer.status() != calls.okStatus()) {
                    throw new IOException("cannot write call " + call + ": status=" + answer.status()
                            + ", body=" + abbreviate(answer.bodyText()));
                }
            }, 0, 0);
        };
        try {
            return CallLoop.run(options.clients(), source, Progress.silent()).callMicros();
        } finally {
            for (KeepAliveConnection connection : opened) {
                connection.close();
            }
        }
    }

    private static void createDatabase(HttpClient client, URI endpoint, String database)
            throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request(endpoint, "CreateDatabase",
                json("{\"DatabaseName\":\"" + database + "\"}")), HttpResponse.BodyHandlers.ofString());
        boolean exists = response.headers().firstValue("x-amzn-ErrorType").filter(t -> t.startsWith("ConflictException"))
                .isPresent();
        if (response.statusCode() != 200 && !exists) {
            throw new IOException("cannot create database: name=" + database + ", status=" + response.statusCode()
                    + ", body=" + abbreviate(response.body()));
        }
    }

    private void createTable(HttpClient client, URI endpoint, String database, String table)
            throws IOException, InterruptedException {
        String body = String.format(Locale.ROOT, "{\"DatabaseName\":\"%s\",\"TableName\":\"%s\",\"RetentionProperties\":"
                + "{\"MemoryStoreRetentionPeriodInHours\":%d,\"MagneticStoreRetentionPeriodInDays\":1}}", database,
                table, options.hours() + 1);
        HttpResponse<String> response = client.send(request(endpoint, "CreateTable", json(body)),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("cannot create table: name=" + table + ", status=" + response.statusCode()
                    + ", body=" + abbreviate(response.body()));
        }
    }

    /** Waits until every endpoint describes the table: a cluster's nodes learn of a new table from its catalog. */
    private static void awaitTable(HttpClient client, List<URI> endpoints, String database, String table)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
        for (URI endpoint : endpoints) {
            HttpRequest describe = request(endpoint, "DescribeTable",
                    json("{\"DatabaseName\":\"" + database + "\",\"TableName\":\"" + table + "\"}"));
            HttpResponse<String> response = client.send(describe, HttpResponse.BodyHandlers.ofString());
            while (response.statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("cannot see the new table through every endpoint: endpoint=" + endpoint
                            + ", table=" + database + "." + table + ", status=" + response.statusCode() + ", body="
                            + abbreviate(response.body()));
                }
                Thread.sleep(100);
                response = client.send(describe, HttpResponse.BodyHandlers.ofString());
            }
        }
    }

    private static HttpRequest request(URI endpoint, String operation, HttpRequest.BodyPublisher body) {
        return WireClient.request(endpoint, operation, body, CALL_TIMEOUT);
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
