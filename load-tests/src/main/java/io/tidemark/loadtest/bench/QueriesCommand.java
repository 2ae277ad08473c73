package io.tidemark.loadtest.bench;

import io.tidemark.loadtest.tsbs.DataSetOptions;
import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code tidemark bench queries}: see {@link QueryBenchmark}. */
@Command(name = "queries", mixinStandardHelpOptions = true,
        description = {"Load the TSBS cpu-only data set in process and run the TSBS cpu-only queries in Timestream",
                "SQL, each with random hosts and windows, in process or (--http) over the Query API.",
                "A warm-up phase first (--warmup-seconds), then one line per query type:",
                "<type> median_ms=<x> p90_ms=<y> rows=<n> cpu_ms=<z>, then <tier>-scan median_ms=<x> points_per_s_per_core=<y>."})
public final class QueriesCommand implements Callable<Integer> {

    @Mixin
    DataSetOptions dataSet;

    @Option(names = "--runs", defaultValue = "20", description = "Measured runs per query type (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmups", defaultValue = "5", description = "Unmeasured runs of each type just before its"
            + " measured runs (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--warmup-seconds", defaultValue = "60", description = "Before any type is measured, run every"
            + " chosen type round-robin until the JIT has settled (compiled under 50 ms in 5 s, after at least 10 s)"
            + " or this many seconds have passed; 0 skips the phase (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--tier", defaultValue = "memory", converter = TierConverter.class,
            description = "Where the data is queried: memory (the memory store) or magnetic (migrated to magnetic"
                    + " segments first) (default: ${DEFAULT-VALUE}).")
    QueryBenchmark.Tier tier;

    @Option(names = "--query", split = ",", converter = TypeConverter.class, paramLabel = "TYPE",
            description = "Run only these query types, not the scan (TSBS names, comma-separated or repeated;"
                    + " default: every type, then the scan).")
    List<TsbsQueries.Type> types = new ArrayList<>();

    @Option(names = "--print-queries", description = "Print each query type's first query text and exit.")
    boolean printQueries;

    @Option(names = "--http", description = "Run every query through Timestream's Query API over HTTP (an in-process"
            + " server on an ephemeral loopback port, every page read) instead of in process.")
    boolean http;

    @Option(names = "--distinct-texts", defaultValue = "0", description = "Cycle each type through this many query"
            + " texts (hosts and window drawn once per text, as a dashboard refreshing its panels) instead of drawing"
            + " every run's afresh (0, the default).")
    int distinctTexts;

    @Option(names = "--dir", description = "Data directory (default: a temporary directory, deleted afterwards).")
    Path dir;

    @Override
    public Integer call() throws IOException {
        if (printQueries) {
            new QueryBenchmark(options(null)).printQueries(System.out);
            return 0;
        }
        Path dataDir = dir != null ? dir : Files.createTempDirectory("tidemark-queries-");
        try {
            new QueryBenchmark(options(dataDir)).run(System.out);
            return 0;
        } finally {
            if (dir == null) {
                FileIo.DEFAULT.deleteTree(dataDir);
            }
        }
    }

    QueryBenchmark.Options options(Path dataDir) {
        return new QueryBenchmark.Options(dataSet.config(), dataSet.hours(), runs, warmups, tier, Set.copyOf(types), dataDir,
                http, distinctTexts, Duration.ofSeconds(warmupSeconds));
    }

    /** A query type by its TSBS name, e.g. {@code single-groupby-1-1-1}. */
    static final class TypeConverter implements ITypeConverter<TsbsQueries.Type> {
        @Override
        public TsbsQueries.Type convert(String value) {
            for (TsbsQueries.Type type : TsbsQueries.Type.values()) {
                if (type.label().equals(value)) {
                    return type;
                }
            }
            throw new TypeConversionException("cannot parse query type: value=" + value + ", expected=one of "
                    + Arrays.stream(TsbsQueries.Type.values()).map(TsbsQueries.Type::label).toList());
        }
    }

    /** {@code memory} or {@code magnetic}. */
    static final class TierConverter implements ITypeConverter<QueryBenchmark.Tier> {
        @Override
        public QueryBenchmark.Tier convert(String value) {
            for (QueryBenchmark.Tier tier : QueryBenchmark.Tier.values()) {
                if (tier.label().equals(value.toLowerCase(Locale.ROOT))) {
                    return tier;
                }
            }
            throw new TypeConversionException("cannot parse tier: value=" + value + ", expected=memory|magnetic");
        }
    }
}
