package io.tidemark.loadtest.bench;

import io.tidemark.loadtest.tsbs.DataSetOptions;
import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tidemark bench http-ingest}: see {@link HttpIngestBenchmark}. */
@Command(name = "http-ingest", mixinStandardHelpOptions = true,
        description = {"Ingest the TSBS cpu-only data set as Timestream WriteRecords calls (--protocol json) or as",
                "InfluxDB line protocol on /write (--protocol lp) over HTTP, from concurrent keep-alive clients,",
                "into an in-process server (or --endpoint; repeat it to spread the calls over a cluster's nodes).",
                "The last line is",
                "http-ingest clients=N records_per_call=R median_points_per_s=... p50_call_ms=... p99_call_ms=...",
                "(with --protocol lp: http-ingest protocol=lp clients=N lines_per_call=L median_points_per_s=...)."})
public final class HttpIngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataSetOptions dataSet;

    @Option(names = "--clients", defaultValue = "4", description = "Concurrent client threads, one keep-alive"
            + " connection each (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--records-per-call", defaultValue = "100", description = "Multi-measure records (10 points each)"
            + " per WriteRecords call; over 100 needs a server with a raised record limit (default: ${DEFAULT-VALUE}).")
    int recordsPerCall;

    @Option(names = "--protocol", defaultValue = "json", converter = ProtocolConverter.class,
            description = "json: WriteRecords on POST /; lp: line protocol on POST /write (default: ${DEFAULT-VALUE}).")
    HttpIngestBenchmark.Protocol protocol;

    @Option(names = "--lines-per-call", defaultValue = "5000", description = "Line-protocol lines (10 points each)"
            + " per /write call, for --protocol lp (default: ${DEFAULT-VALUE}).")
    int linesPerCall;

    @Option(names = "--warmups", defaultValue = "2", description = "Unmeasured runs first (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--endpoint", description = "A running server, e.g. http://127.0.0.1:8080; repeat it for the nodes"
            + " of a cluster, which then share the calls round-robin (default: start one in this process on a free"
            + " loopback port over a temporary data directory).")
    List<URI> endpoints;

    HttpIngestBenchmark.Options options() {
        return new HttpIngestBenchmark.Options(dataSet.config(), dataSet.hours(), clients, protocol, recordsPerCall,
                linesPerCall, warmups, runs);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        HttpIngestBenchmark benchmark = new HttpIngestBenchmark(options());
        if (endpoints != null && !endpoints.isEmpty()) {
            benchmark.run(endpoints, spec.commandLine().getOut());
            return 0;
        }
        Path dataDir = Files.createTempDirectory("tidemark-http-ingest-");
        try (BenchmarkServer server = BenchmarkServer.start(dataDir,
                protocol == HttpIngestBenchmark.Protocol.JSON ? recordsPerCall : 0)) {
            benchmark.run(server.endpoint(), spec.commandLine().getOut());
            return 0;
        } finally {
            FileIo.DEFAULT.deleteTree(dataDir);
        }
    }

    /** {@code json} or {@code lp}, in any case. */
    static final class ProtocolConverter implements ITypeConverter<HttpIngestBenchmark.Protocol> {
        @Override
        public HttpIngestBenchmark.Protocol convert(String value) {
            try {
                return HttpIngestBenchmark.Protocol.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot read --protocol: value=" + value + " (expected json or lp)");
            }
        }
    }
}
