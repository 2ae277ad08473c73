package io.tidemark.loadtest.bench;

import com.typesafe.config.Config;
import io.tidemark.engine.Engine;
import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.tier.TierMigrator.MigrationSummary;
import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.http.server.HttpSettings;
import io.tidemark.http.server.TidemarkServer;
import io.tidemark.loadtest.tsbs.TsbsVocabulary;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The TSBS cpu-only queries ({@link TsbsQueries}) against an in-process {@link Engine}: loads the
 * data set into {@code "benchmark"."cpu"} ({@link TsbsLoader}), leaves it in the memory store or
 * migrates it all to the magnetic store first, then runs each query type — warm-ups, then measured
 * runs, every run with hosts and window drawn from a random source seeded per type — and prints one
 * line per type: {@code <type> median_ms=<x> p90_ms=<y> rows=<n> cpu_ms=<z>} (see
 * {@link Measurement}). When every type runs, a last line
 * {@code <tier>-scan median_ms=<x> points_per_s_per_core=<y>} reports a plain aggregate over every row ({@link TsbsQueries#scanAll()}), points being the
 * (row, field) values it reads, divided by the wall time and by the cores the JVM may use.
 *
 * <p>Queries run in process ({@link Engine#query}) or, with {@link Options#http()}, through
 * Timestream's Query API over HTTP ({@link HttpQueryClient}: every page, NextToken to NextToken)
 * against a {@link TidemarkServer} the benchmark starts over the same engine on an ephemeral
 * loopback port; the time is then the whole round trip, JSON encoding and decoding included.
 *
 * <p>The engine runs on a clock of its own, set just past the data (TSBS's 2016 dates) so every row
 * falls in the memory store's window; for the magnetic tier the clock then moves past the memory
 * retention (the data's hours plus one) and the tier migrator runs once.
 */
public final class QueryBenchmark {

    static final String TABLE = TsbsLoader.MEASURE;
    private static final int BATCH_ROWS = 10_000;
    private static final int IN_FLIGHT = 4;
    /** Mixed into a type's seed for the warm-up phase's draws, so the measured draws stay as they were. */
    private static final long WARM_UP_SEED = 0x5DEECE66DL;

    /** Where the data sits while the queries run. */
    public enum Tier {
        MEMORY, MAGNETIC;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param data the data set (its seed also seeds the queries' random choices)
     * @param hours hours of data, ending at the clock's start
     * @param types the query types to run; empty: every type and the scan (a chosen few leave the
     *     scan out, so that a profile of them holds only them)
     * @param http whether queries go through the Query API over HTTP rather than in process
     * @param distinctTexts 0: every run draws its own hosts and window; n: each type cycles through its
     *     first n texts (a dashboard refreshing n panels), so the engine sees the same texts again
     * @param warmUpLimit the longest the warm-up phase may run before any type is measured ({@link #warmUp});
     *     zero: no phase, only each type's {@code warmups}
     */
    public record Options(CpuOnlyConfig data, int hours, int runs, int warmups, Tier tier, Set<TsbsQueries.Type> types,
            Path dataDir, boolean http, int distinctTexts, Duration warmUpLimit) {
        public Options {
            types = types.isEmpty() ? EnumSet.allOf(TsbsQueries.Type.class) : EnumSet.copyOf(types);
            if (hours <= 0 || runs <= 0 || warmups < 0 || distinctTexts < 0 || warmUpLimit.isNegative()) {
                throw new IllegalArgumentException("cannot run query benchmark: hours=" + hours + ", runs=" + runs
                        + ", warmups=" + warmups + ", distinctTexts=" + distinctTexts + ", warmUpLimit=" + warmUpLimit
                        + " (hours and runs must be > 0, warmups, distinctTexts and warmUpLimit >= 0)");
            }
        }
    }

    /** The warm-up phase ends once the JIT compiled for less than this long during one {@link #QUIET_WINDOW}. */
    static final Duration QUIET_COMPILATION = Duration.ofMillis(50);
    static final Duration QUIET_WINDOW = Duration.ofSeconds(5);
    /** The warm-up phase runs at least this long (or its limit, if shorter), however quiet the JIT. */
    static final Duration MIN_WARM_UP = Duration.ofSeconds(10);

    /**
     * One query type's measured runs: wall-clock median and 90th percentile, the mean process CPU
     * time per query (every thread; on a shared machine it tells work from waiting for a core; a
     * mean because the operating system counts process CPU time in 10 ms ticks), and the rows of
     * the last run.
     */
    public record Measurement(String label, double medianMillis, double p90Millis, double cpuMillis, long rows) {
        String line() {
            return String.format(Locale.ROOT, "%s median_ms=%.2f p90_ms=%.2f rows=%d cpu_ms=%.2f", label, medianMillis,
                    p90Millis, rows, cpuMillis);
        }
    }

    private final Options options;

    public QueryBenchmark(Options options) {
        this.options = options;
    }

    /** The queries over this benchmark's data range. */
    public TsbsQueries queries() {
        long first = TimeUnit.NANOSECONDS.toMillis(options.data().startNanos());
        long end = first + TimeUnit.NANOSECONDS.toMillis(options.data().stepsIn(options.hours())
                * options.data().intervalNanos());
        return new TsbsQueries(TsbsLoader.DATABASE, TABLE, options.data().scale(), first, end);
    }

    /** Prints the text of each type's first query (the one the benchmark's first warm-up runs). */
    public void printQueries(PrintStream out) {
        TsbsQueries queries = queries();
        for (TsbsQueries.Type type : options.types()) {
            out.println(type.label() + ": " + queries.sql(type, random(type)));
        }
        if (options.types().size() == TsbsQueries.Type.values().length) {
            out.println(options.tier().label() + "-scan: " + queries.scanAll());
        }
    }

    public void run(PrintStream out) {
        CpuOnlyConfig config = options.data();
        int steps = Math.toIntExact(config.stepsIn(options.hours()));
        TsbsLoader.DataSet data = TsbsLoader.DataSet.generate(config, steps);
        long endMillis = TimeUnit.NANOSECONDS.toMillis(data.lastNanos() + config.intervalNanos());
        MovableClock clock = new MovableClock(endMillis);
        Config engineConfig = Engine.singleNodeConfig(options.dataDir(), options.http()
                ? Map.of("tidemark.http.bind", "127.0.0.1", "tidemark.http.port", 0) : Map.of());
        Engine engine = Engine.start(engineConfig, clock);
        TidemarkServer server = null;
        try {
            if (options.http()) {
                server = TidemarkServer.start(engine, HttpSettings.fromConfig(engineConfig), clock);
            }
            engine.catalog().createDatabase(TsbsLoader.DATABASE, null, List.of()).toCompletableFuture().join();
            RetentionProperties retention = new RetentionProperties(options.hours() + 1L,
                    RetentionProperties.MAX_MAGNETIC_DAYS);
            engine.catalog().createTable(TsbsLoader.DATABASE, TABLE, retention, MagneticStoreWriteProperties.DISABLED,
                    null, List.of()).toCompletableFuture().join();
            long t0 = System.nanoTime();
            new TsbsLoader(BATCH_ROWS, IN_FLIGHT).load(engine, TABLE, data);
            out.printf(Locale.ROOT, "data: %d hosts x %d rows x %d fields = %d points, loaded in %.2f s%n", data.hosts(),
                    data.steps(), TsbsVocabulary.FIELD_COUNT, data.points(), (System.nanoTime() - t0) / 1e9);
            if (options.tier() == Tier.MAGNETIC) {
                clock.set(endMillis + TimeUnit.HOURS.toMillis(options.hours() + 2L));
                MigrationSummary moved = engine.migrateNow().toCompletableFuture().join();
                out.printf(Locale.ROOT, "migrated to the magnetic store: %d records in %d segments%n", moved.points(),
                        moved.segments());
            }
            long rows = (long) data.hosts() * data.steps();
            data = null; // the engine holds the data now; the generated copy is garbage
            ToLongFunction<String> runner = engineRunner(engine);
            if (server != null) {
                URI endpoint = URI.create("http://127.0.0.1:" + server.localAddress().getPort());
                out.println("queries over HTTP: Query API at " + endpoint);
                HttpQueryClient client = new HttpQueryClient(endpoint, Optional.empty());
                runner = sql -> client.query(sql).rows();
            }
            TsbsQueries queries = queries();
            warmUp(runner, queries, out);
            for (TsbsQueries.Type type : options.types()) {
                out.println(measure(runner, type.label(), texts(queries, type)).line());
            }
            if (options.types().size() == TsbsQueries.Type.values().length) {
                measureScan(runner, queries, rows, out);
            }
        } finally {
            if (server != null) {
                server.close(); // closes the engine too
            } else {
                engine.close();
            }
        }
    }

    /** Runs a query in process; answers its row count. */
    private static ToLongFunction<String> engineRunner(Engine engine) {
        return sql -> engine.query(sql).toCompletableFuture().join().rows().rowCount();
    }

    /** The plain aggregate over all {@code rows}: each reads every row's ten fields. */
    private void measureScan(ToLongFunction<String> runner, TsbsQueries queries, long rows, PrintStream out) {
        Measurement scan = measure(runner, options.tier().label() + "-scan", queries::scanAll);
        if (scan.rows() != 1) {
            throw new IllegalStateException("cannot measure the scan: expected one row, got " + scan.rows());
        }
        double points = rows * (double) TsbsVocabulary.FIELD_COUNT;
        out.printf(Locale.ROOT, "%s median_ms=%.2f points_per_s_per_core=%.0f%n", scan.label(), scan.medianMillis(),
                points / (scan.medianMillis() / 1e3) / Runtime.getRuntime().availableProcessors());
    }

    /**
     * The warm-up phase: runs the chosen types one after another, round after round, with draws of
     * their own (the measured runs draw as they would without it), until the JIT has settled — it
     * compiled for less than {@link #QUIET_COMPILATION} during the last {@link #QUIET_WINDOW}, after
     * at least {@link #MIN_WARM_UP} — or {@link Options#warmUpLimit()} has passed. The peers'
     * published figures are hot runs of a long-running server, which a JVM matches only once its
     * query path is compiled; a few warm-ups per type measure the compiler instead. Prints one line.
     */
    private void warmUp(ToLongFunction<String> runner, TsbsQueries queries, PrintStream out) {
        Duration limit = options.warmUpLimit();
        if (limit.isZero()) {
            return;
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        List<Supplier<String>> texts = new ArrayList<>();
        for (TsbsQueries.Type type : options.types()) {
            SplittableRandom random = new SplittableRandom(random(type).nextLong() ^ WARM_UP_SEED);
            texts.add(() -> queries.sql(type, random));
        }
        long start = System.nanoTime();
        long end = start + limit.toNanos();
        long earliest = start + Math.min(MIN_WARM_UP.toNanos(), limit.toNanos());
        long windowStart = start;
        long windowCompiled = timed ? jit.getTotalCompilationTime() : 0;
        long lastWindow = -1;
        long count = 0;
        boolean settled = false;
        while (!settled) {
            for (Supplier<String> text : texts) {
                runner.applyAsLong(text.get());
                count++;
            }
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (timed && now - windowStart >= QUIET_WINDOW.toNanos()) {
                long compiled = jit.getTotalCompilationTime();
                lastWindow = compiled - windowCompiled;
                settled = lastWindow < QUIET_COMPILATION.toMillis() && now >= earliest;
                windowStart = now;
                windowCompiled = compiled;
            }
        }
        out.printf(Locale.ROOT, "warm-up: %d queries of %d types in %.1f s (%s), JIT compilation %s%n", count,
                texts.size(), (System.nanoTime() - start) / 1e9, settled ? String.format(Locale.ROOT,
                        "settled: the JIT compiled %d ms in the last %d s", lastWindow, QUIET_WINDOW.toSeconds())
                        : "the limit, --warmup-seconds, was reached",
                timed ? jit.getTotalCompilationTime() + " ms in all" : "time unknown");
    }

    /** The type's query texts, run after run: each drawn afresh, or cycling through the first {@code distinctTexts}. */
    private Supplier<String> texts(TsbsQueries queries, TsbsQueries.Type type) {
        SplittableRandom random = random(type);
        if (options.distinctTexts() == 0) {
            return () -> queries.sql(type, random);
        }
        String[] texts = new String[options.distinctTexts()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = queries.sql(type, random);
        }
        int[] next = {0};
        return () -> texts[next[0]++ % texts.length];
    }

    private SplittableRandom random(TsbsQueries.Type type) {
        return new SplittableRandom(options.data().seed() * 31 + type.ordinal());
    }

    /** @param runner runs a query to its whole result and answers its row count */
    private Measurement measure(ToLongFunction<String> runner, String label, Supplier<String> nextQuery) {
        double[] millis = new double[options.runs()];
        long cpuNanos = 0;
        long rows = 0;
        for (int run = 0; run < options.warmups() + options.runs(); run++) {
            String sql = nextQuery.get();
            long cpu0 = IngestBenchmark.processCpuNanos();
            long t0 = System.nanoTime();
            rows = runner.applyAsLong(sql);
            long elapsed = System.nanoTime() - t0;
            long cpu = IngestBenchmark.processCpuNanos() - cpu0;
            if (run >= options.warmups()) {
                millis[run - options.warmups()] = elapsed / 1e6;
                cpuNanos += cpu;
            }
        }
        Arrays.sort(millis);
        return new Measurement(label, millis[(millis.length - 1) / 2], millis[(int) Math.ceil(millis.length * 0.9) - 1],
                cpuNanos / 1e6 / options.runs(), rows);
    }


    /** The engine's clock: stands still, and moves only when the benchmark moves it. */
    private static final class MovableClock extends Clock {
        private volatile long millis;

        MovableClock(long millis) {
            this.millis = millis;
        }

        void set(long newMillis) {
            millis = newMillis;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("cannot change the zone of the benchmark clock: zone=" + zone);
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }
}
