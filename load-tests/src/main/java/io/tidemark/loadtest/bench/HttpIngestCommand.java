package io.tidemark.loadtest.bench;

import io.tidemark.loadtest.tsbs.DataSetOptions;
import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tidemark bench http-ingest}: see {@link HttpIngestBenchmark}. */
@Command(name = "http-ingest", mixinStandardHelpOptions = true,
        description = {"Ingest the TSBS cpu-only data set as Timestream WriteRecords calls over HTTP, from concurrent",
                "keep-alive clients, into an in-process server (or --endpoint). The last line is",
                "http-ingest clients=N records_per_call=R median_points_per_s=... p50_call_ms=... p99_call_ms=..."})
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

    @Option(names = "--warmups", defaultValue = "2", description = "Unmeasured runs first (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--endpoint", description = "A running server, e.g. http://127.0.0.1:8080 (default: start one in"
            + " this process on a free loopback port over a temporary data directory).")
    URI endpoint;

    HttpIngestBenchmark.Options options() {
        return new HttpIngestBenchmark.Options(dataSet.config(), dataSet.hours(), clients, recordsPerCall, warmups,
                runs);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        HttpIngestBenchmark benchmark = new HttpIngestBenchmark(options());
        if (endpoint != null) {
            benchmark.run(endpoint, spec.commandLine().getOut());
            return 0;
        }
        Path dataDir = Files.createTempDirectory("tidemark-http-ingest-");
        try (BenchmarkServer server = BenchmarkServer.start(dataDir, recordsPerCall)) {
            benchmark.run(server.endpoint(), spec.commandLine().getOut());
            return 0;
        } finally {
            FileIo.DEFAULT.deleteTree(dataDir);
        }
    }
}
