package io.tidemark.loadtest.load;

import io.tidemark.loadtest.compare.CompareRun;
import io.tidemark.loadtest.compare.QueryShape;
import io.tidemark.loadtest.compare.ResultComparison;
import io.tidemark.loadtest.compare.ResultRow;
import io.tidemark.loadtest.compare.TabularResult;
import io.tidemark.loadtest.drill.WireClient;
import io.tidemark.loadtest.tsbs.CpuOnlyUseCase;
import io.tidemark.loadtest.tsbs.GeneratorConfig;
import io.tidemark.loadtest.tsbs.ValueMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * {@code load subscribe}: K WebSocket subscribers of one windowed aggregate (per minute: the row
 * count and max(usage_user) of the cpu table since the data's start) while one writer sends the
 * TSBS cpu-only rows, a time step of every host per line-protocol call, at a steady rate. A
 * subscriber sees a write when a bin's count includes it; the update latency of a write is from
 * its acknowledgement (the call's answer) to the first frame showing it (0 when the frame came
 * first). Once every subscriber saw every write, each one's result must equal what the Query API
 * answers for the same SQL.
 */
public final class SubscribeDriver {

    static final List<String> COLUMNS = List.of("subscriber", "updates", "updates_per_s", "writes_seen", "p50_ms",
            "p95_ms",
            "p99_ms", "max_ms", "saw_every_write", "final_equals_query");
    private static final long BIN_MILLIS = TimeUnit.MINUTES.toMillis(1);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final QueryShape SHAPE = new QueryShape(List.of("count", "usage_user"), true, false, BIN_MILLIS);

    /**
     * @param hosts rows per write (a time step of every host)
     * @param writes time steps written, one call each
     * @param writeIntervalMillis time between two steps' rows (divides a minute)
     * @param writesPerSecond the writer's pace
     * @param settleMillis how long to wait for every subscriber to see every write once the writer is done
     */
    public record Options(URI endpoint, String database, int subscribers, int hosts, int writes,
            long writeIntervalMillis, double writesPerSecond, long seed, long settleMillis) {
        public Options {
            if (subscribers < 1 || hosts < 1 || writes < 1 || writeIntervalMillis < 1
                    || BIN_MILLIS % writeIntervalMillis != 0 || writesPerSecond <= 0 || settleMillis < 0) {
                throw new IllegalArgumentException("cannot subscribe: subscribers=" + subscribers + ", hosts=" + hosts
                        + ", writes=" + writes + ", writeIntervalMillis=" + writeIntervalMillis + ", writesPerSecond="
                        + writesPerSecond + " (at least 1 each, the interval dividing a minute)");
            }
        }
    }

    /** One subscriber's figures. */
    public record SubscriberFigures(int subscriber, long updates, double updatesPerSecond, LatencySummary latency,
            boolean sawEveryWrite, Optional<String> finalDifference, String failure) {
    }

    /** Every subscriber's figures, the writes' latencies over all of them, and the writer's rate. */
    public record Result(List<SubscriberFigures> subscribers, LatencySummary all, long writes, double writeSeconds) {
        /** Whether every subscriber saw every write and ended with the query's answer. */
        public boolean consistent() {
            return subscribers.stream().allMatch(s -> s.sawEveryWrite() && s.finalDifference().isEmpty()
                    && s.failure() == null);
        }
    }

    private final Options options;

    public SubscribeDriver(Options options) {
        this.options = options;
    }

    /** The subscribed query: per minute since {@code firstMillis}, the row count and the highest usage_user. */
    public String sql(long firstMillis) {
        return "SELECT bin(time, 1m) AS minute, count(*) AS row_count, max(usage_user) AS max_usage_user FROM \""
                + options.database() + "\".\"cpu\" WHERE time >= from_milliseconds(" + firstMillis
                + ") GROUP BY bin(time, 1m)";
    }

    public Result run(PrintWriter out) throws IOException, InterruptedException {
        long interval = options.writeIntervalMillis();
        long now = System.currentTimeMillis();
        long first = (now - options.writes() * interval) / BIN_MILLIS * BIN_MILLIS;
        GeneratorConfig data = new GeneratorConfig(options.hosts(), options.seed(),
                TimeUnit.MILLISECONDS.toNanos(first), TimeUnit.MILLISECONDS.toNanos(interval), options.writes(),
                ValueMode.FLOAT2);
        WireClient wire = new WireClient(options.endpoint(), CALL_TIMEOUT);
        wire.ensureDatabase(options.database());
        wire.ensureTable(options.database(), "cpu", (int) ((now - first) / TimeUnit.HOURS.toMillis(1)) + 2);

        String sql = sql(first);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CALL_TIMEOUT)
                .build();
        // A query naming a column the table does not have yet is refused: one step before the window gives the
        // table its columns without adding to the subscribed result.
        GeneratorConfig schema = new GeneratorConfig(options.hosts(), options.seed(),
                TimeUnit.MILLISECONDS.toNanos(first - BIN_MILLIS), data.intervalNanos(), 1, ValueMode.FLOAT2);
        GeneratedCalls.lineProtocol(new CpuOnlyUseCase(schema), client, writeUri(), options.hosts()).next().send()
                .send();
        List<SubscriberClient> subscribers = new ArrayList<>();
        try {
            for (int s = 0; s < options.subscribers(); s++) {
                SubscriberClient subscriber = new SubscriberClient(options.writes(), first, interval, BIN_MILLIS,
                        options.hosts());
                subscribers.add(subscriber);
                subscriber.subscribe(client, options.endpoint(), sql, CALL_TIMEOUT.toMillis());
            }
            out.printf(Locale.ROOT, "subscribe: %d subscribers of %s; writing %d steps of %d hosts at %.1f calls/s;"
                            + " load average %.2f%n", options.subscribers(), sql, options.writes(), options.hosts(),
                    options.writesPerSecond(), CompareRun.loadAverage());
            out.flush();
            long[] ackNanos = new long[options.writes()];
            long t0 = System.nanoTime();
            write(client, data, ackNanos, t0);
            long writeNanos = System.nanoTime() - t0;
            awaitEveryWrite(subscribers);
            WireClient.QueryResult answer = wire.queryResult(sql);
            List<ResultRow> expected = new TabularResult(answer.columns(), answer.rows()).normalise(SHAPE);
            Histogram all = new Histogram(CallLoop.MAX_CALL_MICROS, 3);
            List<SubscriberFigures> figures = new ArrayList<>();
            for (int s = 0; s < subscribers.size(); s++) {
                figures.add(figures(s, subscribers.get(s), ackNanos, t0, expected, all));
            }
            Result result = new Result(figures, LatencySummary.ofMicros(all), options.writes(), writeNanos / 1e9);
            out.printf(Locale.ROOT, "subscribe: %d writes in %.2f s; update latency over every subscriber: %s;"
                            + " consistent=%s%n", options.writes(), result.writeSeconds(), result.all().text(),
                    result.consistent());
            out.flush();
            return result;
        } finally {
            subscribers.forEach(SubscriberClient::close);
        }
    }

    /** One call per step, paced, each acknowledged (204) before the next. */
    private void write(HttpClient client, GeneratorConfig data, long[] ackNanos, long t0)
            throws IOException, InterruptedException {
        GeneratedCalls calls = GeneratedCalls.lineProtocol(new CpuOnlyUseCase(data), client, writeUri(),
                options.hosts());
        double periodNanos = 1e9 / options.writesPerSecond();
        for (int w = 0; w < options.writes(); w++) {
            long due = t0 + (long) (w * periodNanos);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            calls.next().send().send();
            ackNanos[w] = System.nanoTime();
        }
    }

    private URI writeUri() {
        return options.endpoint().resolve("/write?db=" + options.database() + "&precision=ns");
    }

    /** Waits up to the settle time for every subscriber to show every write (or fail). */
    private void awaitEveryWrite(List<SubscriberClient> subscribers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.settleMillis());
        for (SubscriberClient s : subscribers) {
            while (!s.sawEveryWrite() && s.failure() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }

    private SubscriberFigures figures(int index, SubscriberClient s, long[] ackNanos, long t0,
            List<ResultRow> expected, Histogram all) {
        Histogram micros = new Histogram(CallLoop.MAX_CALL_MICROS, 3);
        for (int w = 0; w < ackNanos.length; w++) {
            long seen = s.seenNanos(w);
            if (seen >= 0) {
                micros.recordValue(Math.min(CallLoop.MAX_CALL_MICROS, Math.max(0, seen - ackNanos[w]) / 1000));
            }
        }
        all.add(micros);
        double seconds = Math.max(1e-9, (s.lastUpdateNanos() - t0) / 1e9);
        Optional<String> difference;
        try {
            difference = ResultComparison.difference(expected, s.result().normalise(SHAPE), 1e-9);
        } catch (IllegalArgumentException e) {
            difference = Optional.of(e.getMessage());
        }
        return new SubscriberFigures(index, s.updates(), s.updates() / seconds, LatencySummary.ofMicros(micros),
                s.sawEveryWrite(), difference, s.failure());
    }

    public DriverReport report(Result result) {
        List<List<Object>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long updates = 0;
        double rate = 0;
        for (SubscriberFigures s : result.subscribers()) {
            LatencySummary l = s.latency();
            rows.add(List.of("#" + s.subscriber(), s.updates(), s.updatesPerSecond(), l.count(), l.p50Millis(),
                    l.p95Millis(), l.p99Millis(), l.maxMillis(), s.sawEveryWrite(), s.finalDifference().isEmpty()));
            updates += s.updates();
            rate += s.updatesPerSecond();
            s.finalDifference().ifPresent(d -> notes.add("subscriber #" + s.subscriber() + " differs from the query: "
                    + d));
            if (s.failure() != null) {
                notes.add("subscriber #" + s.subscriber() + " failed: " + s.failure());
            }
        }
        LatencySummary all = result.all();
        rows.add(List.of("all", updates, rate, all.count(), all.p50Millis(), all.p95Millis(), all.p99Millis(),
                all.maxMillis(), result.subscribers().stream().allMatch(SubscriberFigures::sawEveryWrite),
                result.subscribers().stream().allMatch(s -> s.finalDifference().isEmpty())));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("subscribers", options.subscribers());
        settings.put("hosts", options.hosts());
        settings.put("writes", options.writes());
        settings.put("writes_per_s", options.writesPerSecond());
        settings.put("write_seconds", Math.round(result.writeSeconds() * 100) / 100.0);
        settings.put("load_average", Math.round(CompareRun.loadAverage() * 100) / 100.0);
        return new DriverReport("subscribe", settings, COLUMNS, rows, notes);
    }
}
