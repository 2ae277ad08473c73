package io.tidemark.loadtest.compare;

import io.tidemark.loadtest.bench.TsbsQueries.Draw;
import io.tidemark.loadtest.bench.TsbsQueries.Type;
import io.tidemark.loadtest.load.CallLoop;
import io.tidemark.loadtest.load.Progress;
import io.tidemark.loadtest.tsbs.ValueMode;
import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * One data set through every system, one system at a time (each has the machine to itself):
 * install, start, ingest from {@link #CLIENTS} concurrent clients, flush (each of the first
 * {@code ingestRounds - 1} rounds then stops the server and the next starts a fresh one on a new
 * directory, so every round loads into a fresh process, as the peers' reference figures were
 * taken; the medians over the rounds are reported), the queries
 * ({@code warmups} untimed draws per type, then {@code runs} timed ones, the same draws for every
 * system, so servers that compile their query paths as they run are measured warm), peak RSS,
 * stop, bytes on disk. Afterwards every system's answers are compared with the reference's
 * (Tidemark's, the first system).
 */
public final class CompareRun {

    /** The TSBS cpu-only query types compared. */
    public static final List<Type> TYPES = List.of(Type.LASTPOINT, Type.SINGLE_GROUPBY_1_1_1,
            Type.SINGLE_GROUPBY_5_1_12, Type.CPU_MAX_ALL_8, Type.DOUBLE_GROUPBY_1, Type.DOUBLE_GROUPBY_ALL,
            Type.HIGH_CPU_1, Type.HIGH_CPU_ALL, Type.GROUPBY_ORDERBY_LIMIT);
    /** Concurrent ingest clients, as the peer figures were taken ({@code xargs -P2 curl}). */
    static final int CLIENTS = 2;

    private final int scale;
    private final int hours;
    private final int runs;
    private final int warmups;
    private final long seed;
    private final int linesPerBody;
    private final int ingestRounds;
    private final double tolerance;
    private final Path workDir;
    private final PrintWriter out;

    /**
     * @param warmups untimed draws per query type before the timed ones (at least 1)
     * @param ingestRounds fresh server processes loaded per system (at least 1); the queries run on the last
     */
    public CompareRun(int scale, int hours, int runs, int warmups, long seed, int linesPerBody, int ingestRounds,
            double tolerance, Path workDir, PrintWriter out) {
        this.scale = scale;
        this.hours = hours;
        this.runs = runs;
        this.warmups = warmups;
        this.seed = seed;
        this.linesPerBody = linesPerBody;
        this.ingestRounds = ingestRounds;
        this.tolerance = tolerance;
        this.workDir = workDir;
        this.out = out;
    }

    /** Runs the data set of {@code values} through {@code systems} (the reference first). */
    public List<SystemResult> run(ValueMode values, List<Peer> systems) throws IOException, InterruptedException {
        long hour = TimeUnit.HOURS.toMillis(1);
        long end = System.currentTimeMillis() / hour * hour;
        DataSet data = DataSet.generate(scale, seed, values, hours, end, linesPerBody,
                workDir.resolve("data-" + values.optionName()));
        out.printf(Locale.ROOT, "data %s: %d hosts x %d h = %d rows, %d points, %d bodies, %.1f MB of line protocol%n",
                values.optionName(), scale, hours, data.rows(), data.points(), data.bodies().size(), data.bytes() / 1e6);
        Map<Type, List<Draw>> draws = QueryRounds.draws(scale, data.range(), TYPES, runs, seed);
        List<SystemResult> results = new ArrayList<>();
        List<Map<Type, List<List<ResultRow>>>> answers = new ArrayList<>();
        for (Peer system : systems) {
            Map<Type, List<List<ResultRow>>> answered = new EnumMap<>(Type.class);
            results.add(measure(system, data, draws, answered));
            answers.add(answered);
        }
        for (int s = 1; s < systems.size(); s++) {
            results.set(s, results.get(s).withMismatches(QueryRounds.mismatches(answers.get(0), answers.get(s), TYPES,
                    tolerance)));
        }
        return results;
    }

    private SystemResult measure(Peer system, DataSet data, Map<Type, List<Draw>> draws,
            Map<Type, List<List<ResultRow>>> answers) throws IOException, InterruptedException {
        String values = data.config().values().optionName();
        system.install(out);
        List<Load> loads = new ArrayList<>();
        for (int round = 1; round < ingestRounds; round++) {
            Path roundDir = emptyDirectory(workDir.resolve(system.name() + "-" + values + "-round" + round));
            system.start(roundDir);
            try {
                loads.add(load(system, data, roundDir, round));
            } finally {
                system.stop();
            }
        }
        Path dir = emptyDirectory(workDir.resolve(system.name() + "-" + values));
        system.start(dir);
        try {
            loads.add(load(system, data, dir, ingestRounds));
            Map<Type, Double> millis = new EnumMap<>(Type.class);
            for (Type type : TYPES) {
                queryType(system, draws.get(type), millis, answers);
            }
            long rss = system.peakRssBytes();
            system.stop();
            long disk = system.diskBytes();
            out.printf(Locale.ROOT, "%s: %d bytes on disk (%s), peak RSS %.1f MB%n", system.name(), disk,
                    system.diskAccounting(), rss / 1e6);
            return new SystemResult(system.name(), data.points() / Load.median(loads, Load::seconds), disk,
                    data.points(), rss, Math.round(Load.median(loads, Load::cpuNanos)), millis, Map.of());
        } finally {
            system.stop();
        }
    }

    /**
     * {@code dir}, emptied: a work directory given again holds the last run's data there, and a server
     * started on it would recover that data and count it with this run's.
     */
    private static Path emptyDirectory(Path dir) throws IOException {
        FileIo.DEFAULT.deleteTree(dir);
        return Files.createDirectories(dir);
    }

    /**
     * One timed load of every body into the started {@code system}, then its flush; {@code cpuNanos} is
     * the server process's CPU over the timed part (-1 when unknown).
     */
    record Load(double seconds, long cpuNanos) {

        /** The median of {@code figure} over {@code loads} (the mean of the middle two for an even count). */
        static double median(List<Load> loads, ToDoubleFunction<Load> figure) {
            double[] sorted = loads.stream().mapToDouble(figure).sorted().toArray();
            int mid = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    private Load load(Peer system, DataSet data, Path dir, int round) throws IOException, InterruptedException {
        List<Path> bodies = system.bodies(data, dir);
        out.printf(Locale.ROOT, "%s: started (round %d of %d); load average %.2f%n", system.name(), round,
                ingestRounds, loadAverage());
        out.flush();
        long cpu0 = system.cpuNanos();
        long t0 = System.nanoTime();
        ingest(system, bodies);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu1 = system.cpuNanos();
        long cpuNanos = cpu0 < 0 || cpu1 < 0 ? -1 : cpu1 - cpu0;
        long f0 = System.nanoTime();
        system.flush(data, out);
        out.printf(Locale.ROOT, "%s: ingested %d points in %.2f s (%d calls; %.2f M points/s), server CPU %.2f s"
                        + " (%.0f ns per point), flushed in %.2f s; load average %.2f%n", system.name(), data.points(),
                seconds, bodies.size(), data.points() / seconds / 1e6, cpuNanos / 1e9,
                cpuNanos / (double) data.points(), (System.nanoTime() - f0) / 1e9, loadAverage());
        out.flush();
        return new Load(seconds, cpuNanos);
    }

    /** Every body once, taken in order by whichever client is free. */
    private void ingest(Peer system, List<Path> bodies) throws IOException, InterruptedException {
        AtomicInteger next = new AtomicInteger();
        CallLoop.run(CLIENTS, () -> {
            int b = next.getAndIncrement();
            return b < bodies.size() ? new CallLoop.Call(() -> system.ingest(bodies.get(b)), 0, 0) : null;
        }, Progress.silent());
    }

    /**
     * {@code warmups} untimed draws (the timed ones, cycled), then every draw timed; a failure
     * leaves the type without a figure.
     */
    private void queryType(Peer system, List<Draw> draws, Map<Type, Double> millis,
            Map<Type, List<List<ResultRow>>> answers) throws InterruptedException {
        Type type = draws.get(0).type();
        try {
            QueryRounds.Timed timed = QueryRounds.run(system, draws, warmups);
            millis.put(type, timed.medianMillis());
            answers.put(type, timed.answers());
            out.printf(Locale.ROOT, "%s: %s median %.2f ms over %d (%d rows first); e.g. %s%n", system.name(),
                    type.label(), timed.medianMillis(), timed.millis().size(), timed.answers().get(0).size(),
                    system.render(draws.get(0)).text());
        } catch (IOException | RuntimeException e) {
            out.printf(Locale.ROOT, "%s: %s failed: %s%n", system.name(), type.label(), e.getMessage());
        }
        out.flush();
    }

    /** The one-minute load average, as every report notes it. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
