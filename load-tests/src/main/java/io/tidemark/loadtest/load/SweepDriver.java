package io.tidemark.loadtest.load;

import io.tidemark.loadtest.compare.CompareRun;
import io.tidemark.loadtest.compare.DataSet;
import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.loadtest.tsbs.GeneratorConfig;
import io.tidemark.loadtest.tsbs.TsbsVocabulary;
import io.tidemark.loadtest.tsbs.UseCase;
import io.tidemark.loadtest.tsbs.ValueMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code load sweep}: the same TSBS cpu-only ingest at growing host counts (ten series per host),
 * into every system, each started fresh per step and measured alone: points/s
 * ({@link IngestDriver}), memory per series (what holding the data added to the server's memory,
 * over the series) and bytes on disk per point. A step holds about {@code rowsPerStep} rows: the
 * more hosts, the fewer time steps ("hours scaled"), so every step takes about as long.
 */
public final class SweepDriver {

    static final List<String> COLUMNS = List.of("system", "hosts", "series", "steps", "points", "points_per_s",
            "memory_mb", "memory_bytes_per_series", "disk_bytes", "bytes_per_point");

    /**
     * @param hosts host counts, one step each
     * @param rowsPerStep rows a step aims at: its time steps are {@code max(minSteps, rowsPerStep / hosts)}
     * @param workers concurrent ingest clients
     * @param linesPerCall line-protocol lines per call
     * @param workDir where each system's data directory goes
     */
    public record Options(List<Integer> hosts, long rowsPerStep, long minSteps, long intervalNanos, long seed,
            ValueMode values, int workers, int linesPerCall, Path workDir) {
        public Options {
            hosts = List.copyOf(hosts);
            if (hosts.isEmpty() || hosts.stream().anyMatch(h -> h < 1) || rowsPerStep < 1 || minSteps < 1
                    || intervalNanos < 1) {
                throw new IllegalArgumentException("cannot sweep: hosts=" + hosts + ", rowsPerStep=" + rowsPerStep
                        + ", minSteps=" + minSteps + " (every count at least 1)");
            }
        }

        /** Time steps of the step with {@code hostCount} hosts. */
        public long steps(int hostCount) {
            return Math.max(minSteps, (rowsPerStep + hostCount - 1) / hostCount);
        }
    }

    /** One system at one host count. */
    public record StepFigures(String system, int hosts, long series, long steps, long points, double pointsPerSecond,
            long memoryBytes, double memoryBytesPerSeries, long diskBytes, double bytesPerPoint,
            String memoryAccounting) {
    }

    private final Options options;

    public SweepDriver(Options options) {
        this.options = options;
    }

    /** Every host count through every system, in that order. */
    public List<StepFigures> run(List<SweepSystem> systems, PrintWriter out) throws IOException, InterruptedException {
        List<StepFigures> figures = new ArrayList<>();
        for (int hosts : options.hosts()) {
            for (SweepSystem system : systems) {
                figures.add(step(system, hosts, out));
            }
        }
        return figures;
    }

    private StepFigures step(SweepSystem system, int hosts, PrintWriter out) throws IOException, InterruptedException {
        long steps = options.steps(hosts);
        long interval = options.intervalNanos();
        long minute = TimeUnit.MINUTES.toNanos(1);
        long start = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) / minute * minute - steps * interval;
        DataSet data = DataSet.streamed(new CpuOnlyConfig(hosts, options.seed(), options.values(), start, interval),
                steps);
        Path dir = Files.createDirectories(options.workDir().resolve(system.name() + "-" + hosts));
        out.printf(Locale.ROOT, "sweep: %s, %d hosts x %d steps = %d rows; load average %.2f%n", system.name(), hosts,
                steps, data.rows(), CompareRun.loadAverage());
        out.flush();
        system.start(dir, data, out);
        try {
            GeneratorConfig config = new GeneratorConfig(hosts, options.seed(), start, interval, steps, options.values());
            IngestDriver ingest = new IngestDriver(new IngestDriver.Options(UseCase.CPU_ONLY, config, system.target(),
                    system.endpoint(), system.database(), TsbsVocabulary.MEASUREMENT, options.workers(),
                    options.linesPerCall()));
            IngestDriver.Result result = ingest.run(out, Progress.silent());
            if (result.points() != data.points()) {
                throw new IOException("cannot sweep: sent " + result.points() + " points of " + data.points());
            }
            system.flush(data, out);
            long memory = system.memoryBytes();
            long series = (long) hosts * TsbsVocabulary.FIELD_COUNT;
            double perSeries = Math.max(0, memory - system.baselineMemoryBytes()) / (double) series;
            system.stop();
            long disk = system.diskBytes();
            StepFigures step = new StepFigures(system.name(), hosts, series, steps, data.points(),
                    result.outcome().pointsPerSecond(), memory, perSeries, disk, disk / (double) data.points(),
                    system.memoryAccounting());
            out.printf(Locale.ROOT, "sweep: %s %d hosts: %.0f points/s, %.1f MB (%.0f bytes per series), %.3f bytes per"
                            + " point on disk%n", step.system(), hosts, step.pointsPerSecond(), memory / 1e6, perSeries,
                    step.bytesPerPoint());
            out.flush();
            return step;
        } finally {
            system.stop();
        }
    }

    public DriverReport report(List<StepFigures> figures) {
        List<List<Object>> rows = new ArrayList<>();
        Map<String, String> accounting = new LinkedHashMap<>();
        for (StepFigures f : figures) {
            rows.add(List.of(f.system(), f.hosts(), f.series(), f.steps(), f.points(), f.pointsPerSecond(),
                    f.memoryBytes() / 1e6, f.memoryBytesPerSeries(), f.diskBytes(), f.bytesPerPoint()));
            accounting.put(f.system(), f.memoryAccounting());
        }
        List<String> notes = new ArrayList<>();
        accounting.forEach((system, what) -> notes.add(system + " memory: " + what
                + "; per series: its growth from start to after the ingest, over the series"));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("hosts", options.hosts());
        settings.put("rows_per_step", options.rowsPerStep());
        settings.put("interval_s", options.intervalNanos() / 1e9);
        settings.put("values", options.values().optionName());
        settings.put("workers", options.workers());
        settings.put("lines_per_call", options.linesPerCall());
        settings.put("load_average", Math.round(CompareRun.loadAverage() * 100) / 100.0);
        return new DriverReport("sweep", settings, COLUMNS, rows, notes);
    }
}
