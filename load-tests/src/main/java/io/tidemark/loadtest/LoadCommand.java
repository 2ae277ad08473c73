package io.tidemark.loadtest;

import io.tidemark.loadtest.compare.CompareCommand;
import io.tidemark.loadtest.drill.BadInputDrillCommand;
import io.tidemark.loadtest.drill.CrashDrillCommand;
import io.tidemark.loadtest.load.LoadIngestCommand;
import io.tidemark.loadtest.load.LoadQueriesCommand;
import io.tidemark.loadtest.load.LoadSubscribeCommand;
import io.tidemark.loadtest.load.LoadSweepCommand;
import io.tidemark.loadtest.tsbs.LoadGenerateCommand;
import picocli.CommandLine.Command;

/** {@code tidemark load}: data generation, drills against real nodes, and the side-by-side comparison with the peers. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load jobs: TSBS data generation, the ingest, query, subscription and cardinality-sweep drivers,"
                + " drills against real node processes, and the comparison with the peers.",
        subcommands = {LoadGenerateCommand.class, CrashDrillCommand.class, BadInputDrillCommand.class,
                CompareCommand.class, LoadIngestCommand.class, LoadQueriesCommand.class,
                LoadSubscribeCommand.class, LoadSweepCommand.class})
public final class LoadCommand {
}
