package io.tidemark.loadtest.bench;

import com.typesafe.config.Config;
import io.tidemark.engine.Engine;
import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.loadtest.tsbs.TsbsVocabulary;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * In-process ingest through the engine's full write path: the TSBS cpu-only data set as Timestream
 * multi-measure records (one series per host, measure name {@code cpu}, the ten fields as DOUBLE
 * attributes), written as columnar batches through sharding, the shard journals (fsync as
 * configured) and the memory store, with the tier migrator and retention janitor running. The data
 * is generated before the clock starts, so the figure is the engine's, not the generator's; it
 * ends at the current time so every point falls in the memory-store window.
 *
 * <p>Each run writes into a table of its own; warm-up runs let the JIT compile the path first.
 * Reported: per run points/s and the process CPU time per point, their medians, the memory store's
 * bytes per point held, and the time a restarted node takes to recover every shard from its journal.
 */
public final class IngestBenchmark {

    private static final String DATABASE = TsbsLoader.DATABASE;

    /**
     * @param batchRows records per write batch (each record holds ten points)
     * @param inFlight batches written concurrently
     * @param fsync the shard journals' fsync policy: per-batch, interval or os
     */
    public record Options(CpuOnlyConfig data, int hours, int runs, int warmups, int batchRows, int inFlight,
            String fsync, Path dataDir) {
    }

    private final Options options;

    public IngestBenchmark(Options options) {
        this.options = options;
    }

    public void run(PrintStream out) {
        long now = System.currentTimeMillis();
        long interval = options.data().intervalNanos();
        long steps = options.hours() * TimeUnit.HOURS.toNanos(1) / interval;
        long start = (TimeUnit.MILLISECONDS.toNanos(now) - steps * interval) / interval * interval;
        TsbsLoader.DataSet data = TsbsLoader.DataSet.generate(new CpuOnlyConfig(options.data().scale(), options.data().seed(),
                options.data().values(), start, interval), Math.toIntExact(steps));
        out.printf(Locale.ROOT, "data: %d hosts x %d rows x %d fields = %d points, batches of %d records, %d in flight,"
                        + " fsync %s%n", data.hosts(), data.steps(), TsbsVocabulary.FIELD_COUNT, data.points(),
                options.batchRows(), options.inFlight(), options.fsync());

        Config config = Engine.singleNodeConfig(options.dataDir(), Map.of("tidemark.engine.shard.fsync", options.fsync()));
        TsbsLoader loader = new TsbsLoader(options.batchRows(), options.inFlight());
        List<Double> rates = new ArrayList<>();
        List<Double> cpuPerPoint = new ArrayList<>();
        long heldPoints = 0;
        long heldBytes;
        long heapBefore;
        long heapAfter;
        try (Engine engine = Engine.start(config, Clock.systemUTC())) {
            engine.catalog().createDatabase(DATABASE, null, List.of()).toCompletableFuture().join();
            RetentionProperties retention = new RetentionProperties(options.hours() + 1L, 1);
            heapBefore = usedHeapAfterGc();
            for (int run = 0; run < options.warmups() + options.runs(); run++) {
                String table = "cpu_" + run;
                engine.catalog().createTable(DATABASE, table, retention, MagneticStoreWriteProperties.DISABLED, null,
                        List.of()).toCompletableFuture().join();
                // A live table's shards are running; starting them (opening their journals) is
                // not part of ingest, so an empty scan starts them before the clock does.
                engine.scan(DATABASE, table, 0, 0).toCompletableFuture().join();
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                loader.load(engine, table, data);
                long wall = System.nanoTime() - t0;
                long cpu = processCpuNanos() - cpu0;
                double rate = data.points() / (wall / 1e9);
                heldPoints += data.points();
                boolean warmup = run < options.warmups();
                if (!warmup) {
                    rates.add(rate);
                }
                if (!warmup) {
                    cpuPerPoint.add(cpu / (double) data.points());
                }
                out.printf(Locale.ROOT, "%s %d: %.2fM points/s (%.3f s, %.0f ns CPU/point, %.2f cores busy)%n",
                        warmup ? "warm-up" : "run", run, rate / 1e6, wall / 1e9, cpu / (double) data.points(),
                        cpu / (double) wall);
            }
            heapAfter = usedHeapAfterGc();
            heldBytes = engine.meters().memoryStoreBytes();
        }
        out.printf(Locale.ROOT, "memory store: %.3f bytes/point by chunk accounting, %.3f heap bytes/point (%d points)%n",
                heldBytes / (double) heldPoints, (heapAfter - heapBefore) / (double) heldPoints, heldPoints);

        long t0 = System.nanoTime();
        try (Engine engine = Engine.start(config, Clock.systemUTC())) {
            long recovered = 0;
            for (int run = 0; run < options.warmups() + options.runs(); run++) {
                recovered += engine.scan(DATABASE, "cpu_" + run, Long.MIN_VALUE, Long.MAX_VALUE).toCompletableFuture()
                        .join().stream().mapToLong(s -> (long) s.size() * s.columns().size()).sum();
            }
            long wall = System.nanoTime() - t0;
            out.printf(Locale.ROOT, "recovery: restart and replay of %d points in %.3f s (%.2fM points/s)%n", recovered,
                    wall / 1e9, recovered / (wall / 1e9) / 1e6);
        }
        out.printf(Locale.ROOT, "cpu_ns_per_point=%.0f%n", median(cpuPerPoint));
        out.printf(Locale.ROOT, "points_per_second=%.0f%n", median(rates));
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /**
     * CPU time of the whole process (every thread: the loader, shards, GC, JIT): with the wall time
     * it tells a run starved of cores on a shared machine from a run that is slow on its own.
     */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
