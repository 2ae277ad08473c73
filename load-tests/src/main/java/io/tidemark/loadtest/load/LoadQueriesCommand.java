package io.tidemark.loadtest.load;

import io.tidemark.loadtest.bench.TsbsQueries.Type;
import io.tidemark.loadtest.compare.CompareRun;
import io.tidemark.loadtest.compare.DataRange;
import io.tidemark.loadtest.compare.InfluxDbPeer;
import io.tidemark.loadtest.compare.Peer;
import io.tidemark.loadtest.compare.QuestDbPeer;
import io.tidemark.loadtest.compare.TidemarkPeer;
import io.tidemark.loadtest.compare.VictoriaMetricsPeer;
import io.tidemark.loadtest.tsbs.GeneratorConfig;
import io.tidemark.loadtest.tsbs.UseCase;
import io.tidemark.loadtest.tsbs.UseCaseOptions;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tidemark load queries}: see {@link QueryDriver}. */
@Command(name = "queries", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the TSBS cpu-only query types, seeded draws of hosts and windows, against running servers"
                + " holding the same data (loaded by load ingest with the same data-set flags; --start is the one it"
                + " printed): Tidemark in Timestream SQL, VictoriaMetrics in MetricsQL, InfluxDB in InfluxQL, QuestDB"
                + " in its SQL. Reports p50/p95/p99 per type and system and checks that every system returns the"
                + " first one's answers within --tolerance; exits 1 when one differs."})
public final class LoadQueriesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    UseCaseOptions data;

    @Option(names = "--tidemark", description = "Tidemark's base URL, e.g. http://127.0.0.1:8080 (the reference when"
            + " given).")
    URI tidemark;

    @Option(names = "--tidemark-database", defaultValue = "tsbs",
            description = "Tidemark's database (default: ${DEFAULT-VALUE}).")
    String tidemarkDatabase;

    @Option(names = "--tidemark-table", defaultValue = "cpu", description = "Tidemark's table (default: ${DEFAULT-VALUE},"
            + " as line protocol names it; cpu_only after --target tidemark-writerecords).")
    String tidemarkTable;

    @Option(names = "--vm", description = "VictoriaMetrics's base URL, e.g. http://127.0.0.1:8428.")
    URI victoriaMetrics;

    @Option(names = "--influx", description = "InfluxDB 1.x's base URL (database bench), e.g. http://127.0.0.1:8086.")
    URI influx;

    @Option(names = "--questdb", description = "QuestDB's HTTP base URL, e.g. http://127.0.0.1:9000.")
    URI questDb;

    @Option(names = "--types", split = ",", description = "Query types, TSBS names (default: the nine of load compare).")
    List<String> types;

    @Option(names = "--runs", defaultValue = "10", description = "Timed draws per type (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmups", defaultValue = "3", description = "Untimed draws per type first (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--query-seed", defaultValue = "1", description = "Seed of the draws (default: ${DEFAULT-VALUE}).")
    long querySeed;

    @Option(names = "--tolerance", defaultValue = "1e-6", description = "Relative tolerance of answers (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Mixin
    ReportOptions report;

    QueryDriver.Options options() {
        if (!data.hasStart()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot query: --start is missing (give the"
                    + " --start load ingest printed, with the same --scale, --hours and --interval)");
        }
        if (data.useCase() == UseCase.IOT) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot query: use-case=iot has no cpu"
                    + " measurement (cpu-only or devops)");
        }
        GeneratorConfig config;
        try {
            config = data.config(null);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        long first = TimeUnit.NANOSECONDS.toMillis(config.startNanos());
        long interval = TimeUnit.NANOSECONDS.toMillis(config.intervalNanos());
        DataRange range = new DataRange(first, first + config.steps() * interval, interval);
        return new QueryDriver.Options(config.scale(), range, types == null ? CompareRun.TYPES : parseTypes(), runs,
                warmups, querySeed, tolerance);
    }

    private List<Type> parseTypes() {
        List<Type> parsed = new ArrayList<>();
        for (String label : types) {
            Type found = null;
            for (Type t : Type.values()) {
                if (t.label().equals(label)) {
                    found = t;
                }
            }
            if (found == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot query: type=" + label
                        + " is not a TSBS cpu-only query type (e.g. single-groupby-1-1-1, double-groupby-all)");
            }
            parsed.add(found);
        }
        return parsed;
    }

    /** The systems given, Tidemark first; each attached to its endpoint. */
    List<Peer> systems(QueryDriver.Options options) throws java.io.IOException {
        List<Peer> systems = new ArrayList<>();
        List<URI> endpoints = new ArrayList<>();
        if (tidemark != null) {
            systems.add(TidemarkPeer.querying("tidemark", tidemarkDatabase, tidemarkTable));
            endpoints.add(tidemark);
        }
        if (victoriaMetrics != null) {
            systems.add(new VictoriaMetricsPeer());
            endpoints.add(victoriaMetrics);
        }
        if (influx != null) {
            systems.add(new InfluxDbPeer());
            endpoints.add(influx);
        }
        if (questDb != null) {
            systems.add(new QuestDbPeer(null));
            endpoints.add(questDb);
        }
        if (systems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot query: no system given (--tidemark,"
                    + " --vm, --influx or --questdb)");
        }
        for (int s = 0; s < systems.size(); s++) {
            systems.get(s).attach(endpoints.get(s), options.range(), options.hosts());
        }
        return systems;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        QueryDriver.Options options = options();
        QueryDriver driver = new QueryDriver(options);
        QueryDriver.Result result = driver.run(systems(options), out);
        report.emit(driver.report(result), out);
        return result.agreed() ? 0 : 1;
    }
}
