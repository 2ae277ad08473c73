package io.tidemark.loadtest.bench;

import picocli.CommandLine.Command;

/** {@code tidemark bench}: groups the storage benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Storage benchmarks.",
        subcommands = {CompressionCommand.class, IngestCommand.class, HttpIngestCommand.class, JmhCommand.class})
public final class BenchCommand {
}
