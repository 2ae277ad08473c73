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

/** {@code tidemark bench compression}: see {@link CompressionBenchmark}. */
@Command(name = "compression", mixinStandardHelpOptions = true,
        description = {"Store the TSBS cpu-only data set in magnetic segments, verify it, and report",
                "size and codec speed. The last line is bytes_per_point=<x>."})
public final class CompressionCommand implements Callable<Integer> {

    @Mixin
    DataSetOptions dataSet;

    @Option(names = "--dir", description = "Data directory to keep the segments in (default: a temporary"
            + " directory, deleted afterwards).")
    Path dir;

    @Option(names = "--runs", defaultValue = "5", description = "Encode and decode passes; the medians are"
            + " reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws IOException {
        Path dataDir = dir != null ? dir : Files.createTempDirectory("tidemark-bench-");
        try {
            CompressionBenchmark.Options options = new CompressionBenchmark.Options(
                    dataSet.config(), dataSet.hours(), dataDir, runs);
            new CompressionBenchmark(options, FileIo.DEFAULT).run(System.out);
            return 0;
        } finally {
            if (dir == null) {
                FileIo.DEFAULT.deleteTree(dataDir);
            }
        }
    }
}
