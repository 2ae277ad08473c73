package io.tidemark.loadtest.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tidemark.loadtest.tsbs.ValueMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./tidemark load compare}: Tidemark and its peers side by side on the TSBS cpu-only data
 * set. Prints one line per figure and system, a markdown table per data set, the mismatching
 * answers, and last {@code worst_ratio=<x>}: the worst over every figure of Tidemark's cost over
 * the best peer's (at most 1: Tidemark wins everywhere). Exits 0 when every system agreed on every
 * answer, 1 otherwise.
 *
 * <p>A standalone picocli command ({@link #main}); also registrable as a subcommand of a
 * {@code load} group ({@code subcommands = {CompareCommand.class}}).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run Tidemark and its peers (VictoriaMetrics, InfluxDB, QuestDB) on the same TSBS cpu-only data"
                + " and compare ingest rate, bytes on disk per point, query medians and peak RSS.")
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scale", defaultValue = "100", description = "Hosts (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--hours", defaultValue = "24", description = "Hours of data (default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--values", defaultValue = "both",
            description = "int (TSBS), float2 (two decimals) or both (default: ${DEFAULT-VALUE}).")
    String values;

    @Option(names = "--peers", split = ",", defaultValue = "vm,influx,questdb",
            description = "Peers to run, of vm, influx, questdb (default: ${DEFAULT-VALUE}).")
    List<String> peers;

    @Option(names = "--runs", defaultValue = "3", description = "Timed draws per query type (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmups", defaultValue = "10",
            description = "Untimed draws per query type before the timed ones, for every system (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the data and the query draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--lines-per-body", defaultValue = "50000",
            description = "Line-protocol lines per request body (default: ${DEFAULT-VALUE}).")
    int linesPerBody;

    @Option(names = "--ingest-rounds", defaultValue = "1",
            description = "Fresh server processes loaded per system; the median load is reported and the queries run on"
                    + " the last (default: ${DEFAULT-VALUE}).")
    int ingestRounds;

    @Option(names = "--tidemark-jvm-options", defaultValue = TidemarkPeer.DEFAULT_JVM_OPTIONS,
            description = "The Tidemark server's JVM options, space-separated; '' for the JVM's defaults"
                    + " (default: ${DEFAULT-VALUE}, as ./tidemark serve).")
    String tidemarkJvmOptions;

    @Option(names = "--tidemark-protocol", defaultValue = "lp",
            description = "How Tidemark is fed: lp (line protocol on /write, as the peers are fed) or writerecords"
                    + " (default: ${DEFAULT-VALUE}).")
    String tidemarkProtocol;

    @Option(names = "--records-per-call", defaultValue = "5000",
            description = "WriteRecords records per call; the node's limit is raised to match (default: ${DEFAULT-VALUE}).")
    int recordsPerCall;

    @Option(names = "--tolerance", defaultValue = "1e-6",
            description = "Relative tolerance when comparing answers (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--out", description = "Also write the figures as JSON to this file.")
    Path outFile;

    @Option(names = "--write-docs", description = "Replace the generated section of docs/benchmarks.md.")
    boolean writeDocs;

    @Option(names = "--project-dir", description = "The Tidemark source tree (default: where this jar was built).")
    Path projectDir;

    @Option(names = "--work-dir", description = "Where data and the systems' directories go; a system's directory"
            + " left by an earlier run is emptied first (default: a new temporary directory, deleted afterwards).")
    Path workDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CompareCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (scale < 1 || hours < 1 || runs < 1 || warmups < 1 || linesPerBody < 1 || ingestRounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot compare: scale=" + scale + ", hours="
                    + hours + ", runs=" + runs + ", warmups=" + warmups + ", linesPerBody=" + linesPerBody
                    + ", ingestRounds=" + ingestRounds + " (all must be at least 1)");
        }
        List<ValueMode> modes = values.equals("both") ? List.of(ValueMode.INT, ValueMode.FLOAT2)
                : List.of(ValueMode.parse(values));
        TidemarkProtocol protocol = TidemarkProtocol.parse(tidemarkProtocol);
        Path project = projectDir != null ? projectDir : builtFrom();
        boolean temporary = workDir == null;
        Path work = temporary ? Files.createTempDirectory("tidemark-compare-") : Files.createDirectories(workDir);
        out.printf(Locale.ROOT, "compare: scale=%d hours=%d values=%s peers=%s runs=%d; work dir %s; load average"
                + " %.2f on %d cores%n", scale, hours, values, peers, runs, work, CompareRun.loadAverage(),
                Runtime.getRuntime().availableProcessors());
        Map<String, List<SystemResult>> results = new LinkedHashMap<>();
        try {
            CompareRun run = new CompareRun(scale, hours, runs, warmups, seed, linesPerBody, ingestRounds,
                    tolerance, work, out);
            for (ValueMode mode : modes) {
                results.put(mode.optionName(), run.run(mode, systems(project, protocol)));
            }
        } finally {
            if (temporary) {
                deleteTree(work);
            }
        }
        ComparisonReport report = new ComparisonReport(results, CompareRun.TYPES);
        report.lines().forEach(out::println);
        out.println();
        out.print(report.markdown());
        report.mismatches().forEach(m -> out.println("mismatch " + m));
        out.println("mismatches=" + report.mismatches().size());
        if (outFile != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("results", results);
            json.put("worst_ratio", report.worstRatio());
            json.put("mismatches", report.mismatches());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(outFile.toFile(), json);
        }
        if (writeDocs) {
            Path docs = project.resolve("docs/benchmarks.md");
            String section = "Measured by `./tidemark load compare --scale " + scale + " --hours " + hours + " --values "
                    + values + " --runs " + runs + " --warmups " + warmups + " --ingest-rounds " + ingestRounds
                    + " --tidemark-protocol " + tidemarkProtocol
                    + "` (load average " + String.format(Locale.ROOT, "%.2f",
                    CompareRun.loadAverage()) + "). Ratios are Tidemark's cost over the best peer's: at most 1"
                    + " means Tidemark wins.\n\n" + report.markdown() + "\nworst_ratio="
                    + ComparisonReport.ratio(report.worstRatio()) + "\n";
            String document = Files.exists(docs) ? Files.readString(docs, StandardCharsets.UTF_8) : "";
            Files.writeString(docs, ComparisonReport.replaceSection(document, section), StandardCharsets.UTF_8);
        }
        out.println("worst_ratio=" + ComparisonReport.ratio(report.worstRatio()));
        out.flush();
        return report.mismatches().isEmpty() ? 0 : 1;
    }

    /** Tidemark first (the reference every answer is compared with), then the chosen peers. */
    List<Peer> systems(Path project, TidemarkProtocol protocol) {
        List<Peer> systems = new ArrayList<>();
        systems.add(new TidemarkPeer(project, protocol, recordsPerCall, TidemarkPeer.jvmOptions(tidemarkJvmOptions)));
        for (String peer : peers) {
            systems.add(switch (peer) {
                case "vm" -> new VictoriaMetricsPeer();
                case "influx" -> new InfluxDbPeer();
                case "questdb" -> new QuestDbPeer(project);
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "cannot compare with peer: name="
                        + peer + ", expected=vm|influx|questdb");
            });
        }
        return systems;
    }

    /** The source tree: this class lives in {@code <tree>/load-tests/target/<jar or classes>}. */
    public static Path builtFrom() throws URISyntaxException {
        Path location = Path.of(CompareCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return location.toAbsolutePath().getParent().getParent().getParent();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
