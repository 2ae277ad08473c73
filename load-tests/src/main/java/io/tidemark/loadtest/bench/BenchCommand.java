package io.tidemark.loadtest.bench;

import picocli.CommandLine.Command;

/** {@code tidemark bench}: groups the storage and query benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Storage and query benchmarks.",
        subcommands = {CompressionCommand.class, IngestCommand.class, HttpIngestCommand.class, QueriesCommand.class,
                JmhCommand.class})
public final class BenchCommand {
}
