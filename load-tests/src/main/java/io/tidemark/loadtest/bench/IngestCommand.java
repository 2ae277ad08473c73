package io.tidemark.loadtest.bench;

import io.tidemark.loadtest.tsbs.DataSetOptions;
import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tidemark bench ingest}: see {@link IngestBenchmark}. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Ingest the TSBS cpu-only data set in process through the engine's full write path",
                "(sharding, journals, memory store, tiers running). The last line is points_per_second=<x>,",
                "the median of the measured runs."})
public final class IngestCommand implements Callable<Integer> {

    @Mixin
    DataSetOptions dataSet;

    @Option(names = "--runs", defaultValue = "10", description = "Measured runs (default: ${DEFAULT-VALUE}).")
    int runs;

    // a run of the default data set takes a fraction of a second: two warm-ups left the JIT
    // compiling the write path through the measured runs
    @Option(names = "--warmups", defaultValue = "10", description = "Unmeasured runs first (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--batch-records", defaultValue = "10000",
            description = "Multi-measure records (10 points each) per write batch (default: ${DEFAULT-VALUE}).")
    int batchRecords;

    @Option(names = "--in-flight", defaultValue = "4", description = "Batches written concurrently (default:"
            + " ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--fsync", defaultValue = "per-batch", description = "Journal fsync policy: per-batch, interval"
            + " or os (default: ${DEFAULT-VALUE}).")
    String fsync;

    @Option(names = "--dir", description = "Data directory (default: a temporary directory, deleted afterwards).")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Path dataDir = dir != null ? dir : Files.createTempDirectory("tidemark-ingest-");
        try {
            new IngestBenchmark(new IngestBenchmark.Options(dataSet.config(), dataSet.hours(), runs, warmups,
                    batchRecords, inFlight, fsync, dataDir)).run(System.out);
            return 0;
        } finally {
            if (dir == null) {
                FileIo.DEFAULT.deleteTree(dataDir);
            }
        }
    }
}
