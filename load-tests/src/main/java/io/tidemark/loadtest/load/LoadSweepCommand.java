package io.tidemark.loadtest.load;

import io.tidemark.loadtest.compare.CompareCommand;
import io.tidemark.loadtest.compare.InfluxDbPeer;
import io.tidemark.loadtest.compare.QuestDbPeer;
import io.tidemark.loadtest.compare.TidemarkPeer;
import io.tidemark.loadtest.compare.TidemarkProtocol;
import io.tidemark.loadtest.compare.VictoriaMetricsPeer;
import io.tidemark.loadtest.tsbs.UseCaseOptions;
import io.tidemark.loadtest.tsbs.ValueMode;
import io.tidemark.loadtest.tsbs.ValueModeConverter;
import io.tidemark.storage.fileio.FileIo;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tidemark load sweep}: see {@link SweepDriver}. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ingest the TSBS cpu-only data at each host count (ten series per host) into each system, started"
                + " fresh per step, and report points/s, memory per series and bytes per point on disk.",
                "Systems: tidemark (the server jar as its own process), tidemark-in-process (a node in this JVM;"
                        + " memory = heap), vm, influx, questdb (started, fed, flushed and stopped by PID as load"
                        + " compare does)."})
public final class LoadSweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--hosts", split = ",", defaultValue = "100,1000,10000",
            description = "Host counts, one step each (default: ${DEFAULT-VALUE}).")
    List<Integer> hosts;

    @Option(names = "--systems", split = ",", defaultValue = "tidemark,vm,influx,questdb",
            description = "Of tidemark, tidemark-in-process, vm, influx, questdb (default: ${DEFAULT-VALUE}).")
    List<String> systems;

    @Option(names = "--rows-per-step", defaultValue = "100000", description = "Rows a step aims at: time steps ="
            + " max(--min-steps, rows / hosts) (default: ${DEFAULT-VALUE}).")
    long rowsPerStep;

    @Option(names = "--min-steps", defaultValue = "6", description = "Fewest time steps per host (default: ${DEFAULT-VALUE}).")
    long minSteps;

    @Option(names = "--interval", defaultValue = "10s", converter = UseCaseOptions.IntervalConverter.class,
            description = "Time between two rows of a host (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--values", defaultValue = "int", converter = ValueModeConverter.class,
            description = "int (TSBS) or float2 (default: ${DEFAULT-VALUE}).")
    ValueMode values;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--workers", defaultValue = "2", description = "Concurrent ingest clients (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--batch", defaultValue = "5000", description = "Line-protocol lines per call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--work-dir", description = "Where the systems' directories go (default: a temporary directory,"
            + " deleted afterwards).")
    Path workDir;

    @Option(names = "--project-dir", description = "The Tidemark source tree, for the server jar and QuestDB's jar"
            + " (default: where this jar was built).")
    Path projectDir;

    @Mixin
    ReportOptions report;

    List<SweepSystem> sweepSystems(Path project) {
        List<SweepSystem> list = new ArrayList<>();
        for (String name : systems) {
            list.add(switch (name) {
                case "tidemark" -> new PeerSweepSystem(new TidemarkPeer(project, TidemarkProtocol.LP, 100,
                        TidemarkPeer.jvmOptions(TidemarkPeer.DEFAULT_JVM_OPTIONS)));
                case "tidemark-in-process" -> new InProcessTidemark();
                case "vm" -> new PeerSweepSystem(new VictoriaMetricsPeer());
                case "influx" -> new PeerSweepSystem(new InfluxDbPeer());
                case "questdb" -> new PeerSweepSystem(new QuestDbPeer(project));
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "cannot sweep system: name="
                        + name + ", expected=tidemark|tidemark-in-process|vm|influx|questdb");
            });
        }
        return list;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path project = projectDir != null ? projectDir : CompareCommand.builtFrom();
        List<SweepSystem> list = sweepSystems(project);
        boolean temporary = workDir == null;
        Path work = temporary ? Files.createTempDirectory("tidemark-sweep-") : Files.createDirectories(workDir);
        try {
            SweepDriver driver = new SweepDriver(new SweepDriver.Options(hosts, rowsPerStep, minSteps,
                    interval.toNanos(), seed, values, workers, batch, work));
            report.emit(driver.report(driver.run(list, out)), out);
            return 0;
        } finally {
            if (temporary) {
                FileIo.DEFAULT.deleteTree(work);
            }
        }
    }
}
