package io.tidemark.loadtest.load;

import io.tidemark.loadtest.bench.TsbsQueries.Draw;
import io.tidemark.loadtest.bench.TsbsQueries.Type;
import io.tidemark.loadtest.compare.CompareRun;
import io.tidemark.loadtest.compare.DataRange;
import io.tidemark.loadtest.compare.Peer;
import io.tidemark.loadtest.compare.QueryRounds;
import io.tidemark.loadtest.compare.ResultRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code load queries}: the TSBS cpu-only query types against running servers that hold the same
 * data, each asked in its own language (the compare package's translations, through
 * {@link Peer#render}/{@link Peer#query}), the same seeded draws of hosts and windows for every
 * system ({@link QueryRounds}). Reports median, p95 and p99 per type and system, and compares every
 * system's answers with the first system's within a relative tolerance.
 */
public final class QueryDriver {

    static final List<String> COLUMNS = List.of("system", "query", "p50_ms", "p95_ms", "p99_ms", "max_ms", "rows",
            "answer");

    /**
     * @param hosts hosts in the data ({@code host_0 …})
     * @param range the data's time span, as loaded
     * @param runs timed draws per type
     * @param warmups untimed draws per type first
     * @param tolerance relative tolerance of answers
     */
    public record Options(int hosts, DataRange range, List<Type> types, int runs, int warmups, long seed,
            double tolerance) {
        public Options {
            types = List.copyOf(types);
            if (hosts < 1 || runs < 1 || warmups < 0 || types.isEmpty()) {
                throw new IllegalArgumentException("cannot run queries: hosts=" + hosts + ", runs=" + runs
                        + ", warmups=" + warmups + ", types=" + types + " (hosts and runs at least 1, a type at least)");
            }
        }
    }

    /**
     * One system's figures.
     *
     * @param latency per type that ran, its timed draws' percentiles
     * @param rows per type that ran, the first draw's row count
     * @param failures per type that failed, why
     * @param mismatches per type, how the answers differed from the reference's (the reference has none)
     */
    public record SystemFigures(String system, Map<Type, LatencySummary> latency, Map<Type, Integer> rows,
            Map<Type, String> failures, Map<Type, String> mismatches) {
    }

    /** Every system's figures, the reference first. */
    public record Result(List<SystemFigures> systems) {
        /** Whether every system answered every type as the reference did. */
        public boolean agreed() {
            return systems.stream().allMatch(s -> s.mismatches().isEmpty());
        }
    }

    private final Options options;

    public QueryDriver(Options options) {
        this.options = options;
    }

    /** Runs every type on every system (attached already), the first being the reference; prints a line per type. */
    public Result run(List<Peer> systems, PrintWriter out) throws InterruptedException {
        Map<Type, List<Draw>> draws = QueryRounds.draws(options.hosts(), options.range(), options.types(),
                options.runs(), options.seed());
        out.printf(Locale.ROOT, "queries: %d types x %d draws (after %d warm-ups) on %d systems; load average %.2f%n",
                options.types().size(), options.runs(), options.warmups(), systems.size(), CompareRun.loadAverage());
        List<SystemFigures> figures = new ArrayList<>();
        Map<Type, List<List<ResultRow>>> reference = null;
        for (Peer system : systems) {
            Map<Type, LatencySummary> latency = new EnumMap<>(Type.class);
            Map<Type, Integer> rows = new EnumMap<>(Type.class);
            Map<Type, String> failures = new EnumMap<>(Type.class);
            Map<Type, List<List<ResultRow>>> answers = new EnumMap<>(Type.class);
            for (Type type : options.types()) {
                try {
                    QueryRounds.Timed timed = QueryRounds.run(system, draws.get(type), options.warmups());
                    Histogram micros = new Histogram(CallLoop.MAX_CALL_MICROS, 3);
                    timed.millis().forEach(m -> micros.recordValue(Math.min(CallLoop.MAX_CALL_MICROS,
                            Math.round(m * 1000))));
                    LatencySummary summary = LatencySummary.ofMicros(micros);
                    latency.put(type, summary);
                    rows.put(type, timed.answers().get(0).size());
                    answers.put(type, timed.answers());
                    out.printf(Locale.ROOT, "%s %s: %s (%d rows first)%n", system.name(), type.label(), summary.text(),
                            timed.answers().get(0).size());
                } catch (IOException | RuntimeException e) {
                    failures.put(type, String.valueOf(e.getMessage()));
                    out.printf(Locale.ROOT, "%s %s: failed: %s%n", system.name(), type.label(), e.getMessage());
                }
                out.flush();
            }
            Map<Type, String> mismatches = reference == null ? Map.of()
                    : QueryRounds.mismatches(reference, answers, options.types(), options.tolerance());
            if (reference == null) {
                reference = answers;
            }
            mismatches.forEach((type, what) -> out.printf(Locale.ROOT, "mismatch %s %s: %s%n", system.name(),
                    type.label(), what));
            figures.add(new SystemFigures(system.name(), latency, rows, failures, mismatches));
        }
        return new Result(figures);
    }

    /** A row per system and type: percentiles, rows, and whether the answer matched the reference's. */
    public DriverReport report(Result result) {
        List<List<Object>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean first = true;
        for (SystemFigures s : result.systems()) {
            for (Type type : options.types()) {
                LatencySummary l = s.latency().get(type);
                String answer = l == null ? "failed" : first ? "reference"
                        : s.mismatches().containsKey(type) ? "differs" : "same";
                List<Object> row = new ArrayList<>(List.of(s.system(), type.label()));
                if (l == null) {
                    row.addAll(Arrays.asList(null, null, null, null, null));
                    notes.add(s.system() + " " + type.label() + " failed: " + s.failures().get(type));
                } else {
                    row.addAll(List.of(l.p50Millis(), l.p95Millis(), l.p99Millis(), l.maxMillis(), s.rows().get(type)));
                }
                row.add(answer);
                rows.add(row);
            }
            s.mismatches().forEach((type, what) -> notes.add("mismatch " + s.system() + " " + type.label() + ": "
                    + what));
            first = false;
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("hosts", options.hosts());
        settings.put("first_ms", options.range().firstMillis());
        settings.put("end_ms", options.range().endMillis());
        settings.put("runs", options.runs());
        settings.put("warmups", options.warmups());
        settings.put("seed", options.seed());
        settings.put("tolerance", options.tolerance());
        settings.put("load_average", Math.round(CompareRun.loadAverage() * 100) / 100.0);
        notes.add("mismatches=" + result.systems().stream().mapToInt(s -> s.mismatches().size()).sum());
        return new DriverReport("queries", settings, COLUMNS, rows, notes);
    }
}
