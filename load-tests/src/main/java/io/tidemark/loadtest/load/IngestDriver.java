package io.tidemark.loadtest.load;

import io.tidemark.loadtest.compare.CompareRun;
import io.tidemark.loadtest.drill.WireClient;
import io.tidemark.loadtest.tsbs.GeneratorConfig;
import io.tidemark.loadtest.tsbs.MeasurementSchema;
import io.tidemark.loadtest.tsbs.UseCase;
import io.tidemark.loadtest.tsbs.UseCaseGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code load ingest}: a use case's rows streamed from the generator ({@link GeneratedCalls}) by
 * {@code workers} keep-alive HTTP/1.1 clients to Tidemark (WriteRecords or line protocol) or to any
 * line-protocol server; reports points/s, rows/s and per-call latency percentiles
 * ({@link CallLoop}). For Tidemark the database and tables are created first, each table keeping
 * in its memory store every hour from the data's start to now, so every row is accepted.
 */
public final class IngestDriver {

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_MEMORY_HOURS = 8766;
    static final List<String> COLUMNS = List.of("points", "rows", "calls", "seconds", "points_per_s", "rows_per_s",
            "p50_ms", "p95_ms", "p99_ms", "max_ms", "cpu_ns_per_point");

    /**
     * @param endpoint Tidemark's base URL, or a line-protocol server's whole write URL
     * @param database Tidemark's database (its line protocol's {@code db})
     * @param table the WriteRecords table (line protocol: a table per measurement)
     * @param rowsPerCall rows (records, lines) per call
     */
    public record Options(UseCase useCase, GeneratorConfig data, IngestTarget target, URI endpoint, String database,
            String table, int workers, int rowsPerCall) {
        public Options {
            if (workers < 1 || rowsPerCall < 1) {
                throw new IllegalArgumentException("cannot ingest: workers=" + workers + ", rowsPerCall=" + rowsPerCall
                        + " (both must be at least 1)");
            }
        }
    }

    /** What the whole ingest did. */
    public record Result(CallLoop.Outcome outcome, double cpuNanosPerPoint) {
        public long points() {
            return outcome.points();
        }

        public long rows() {
            return outcome.rows();
        }
    }

    private final Options options;

    public IngestDriver(Options options) {
        this.options = options;
    }

    /** Points the data set holds at most (iot leaves some out), for a progress bar. */
    public long expectedPoints() {
        long fields = 0;
        for (MeasurementSchema m : generator().measurements()) {
            fields += m.fieldCount();
        }
        return fields * options.data().scale() * options.data().steps();
    }

    private UseCaseGenerator generator() {
        return options.useCase().generator(options.data());
    }

    /** Creates what Tidemark needs, then sends every row; prints a line before and after. */
    public Result run(PrintWriter out, Progress progress) throws IOException, InterruptedException {
        UseCaseGenerator generator = generator();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(SETUP_TIMEOUT).build();
        CallLoop.Source calls;
        if (options.target() == IngestTarget.LP) {
            calls = GeneratedCalls.lineProtocol(generator, client, options.endpoint(), options.rowsPerCall());
        } else {
            prepareTidemark(generator);
            calls = options.target() == IngestTarget.TIDEMARK_LP
                    ? GeneratedCalls.lineProtocol(generator, client, lineProtocolUri(), options.rowsPerCall())
                    : GeneratedCalls.writeRecords(generator, client, options.endpoint(), options.database(),
                            options.table(), options.rowsPerCall());
        }
        GeneratorConfig data = options.data();
        out.printf(Locale.ROOT, "ingest: %s scale=%d steps=%d from --start %s every %d ms, %s %s, %d workers x %d"
                        + " rows per call; load average %.2f on %d cores%n", options.useCase().optionName(), data.scale(),
                data.steps(), Instant.ofEpochMilli(TimeUnit.NANOSECONDS.toMillis(data.startNanos())),
                TimeUnit.NANOSECONDS.toMillis(data.intervalNanos()), options.target().optionName(), options.endpoint(),
                options.workers(), options.rowsPerCall(), CompareRun.loadAverage(),
                Runtime.getRuntime().availableProcessors());
        out.flush();
        CallLoop.Outcome outcome = CallLoop.run(options.workers(), calls, progress);
        Result result = new Result(outcome, outcome.points() == 0 ? 0 : outcome.cpuNanos() / (double) outcome.points());
        out.printf(Locale.ROOT, "ingest: %d points (%d rows) in %d calls, %.2f s: %.0f points/s, %.0f rows/s; per call %s;"
                        + " %.0f ns CPU/point in this process%n", outcome.points(), outcome.rows(), outcome.calls(),
                outcome.wallNanos() / 1e9, outcome.pointsPerSecond(), outcome.rowsPerSecond(), outcome.latency().text(),
                result.cpuNanosPerPoint());
        out.flush();
        return result;
    }

    /** The table(s) every row goes to, created with retention covering the data. */
    private void prepareTidemark(UseCaseGenerator generator) throws IOException, InterruptedException {
        WireClient wire = new WireClient(options.endpoint(), SETUP_TIMEOUT);
        wire.ensureDatabase(options.database());
        int memoryHours = memoryHours();
        if (options.target() == IngestTarget.TIDEMARK_LP) {
            for (MeasurementSchema m : generator.measurements()) {
                wire.ensureTable(options.database(), m.name(), memoryHours);
            }
        } else {
            wire.ensureTable(options.database(), options.table(), memoryHours);
        }
    }

    /** Hours from the data's start to now, plus one: the memory store then holds every row. */
    int memoryHours() {
        long ageMillis = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(options.data().startNanos());
        long hours = Math.max(0, ageMillis) / TimeUnit.HOURS.toMillis(1) + 2;
        return (int) Math.min(MAX_MEMORY_HOURS, hours);
    }

    private URI lineProtocolUri() {
        return options.endpoint().resolve("/write?db=" + options.database() + "&precision=ns");
    }

    /** The report of one run: its settings and one row of figures. */
    public DriverReport report(Result result) {
        CallLoop.Outcome o = result.outcome();
        LatencySummary l = o.latency();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("use_case", options.useCase().optionName());
        settings.put("scale", options.data().scale());
        settings.put("target", options.target().optionName());
        settings.put("workers", options.workers());
        settings.put("rows_per_call", options.rowsPerCall());
        settings.put("load_average", Math.round(CompareRun.loadAverage() * 100) / 100.0);
        return new DriverReport("ingest", settings, COLUMNS, List.of(List.of(o.points(), o.rows(), o.calls(),
                o.wallNanos() / 1e9, o.pointsPerSecond(), o.rowsPerSecond(), l.p50Millis(), l.p95Millis(),
                l.p99Millis(), l.maxMillis(), result.cpuNanosPerPoint())), List.of());
    }
}
