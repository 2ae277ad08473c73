package io.tidemark.loadtest;

import io.tidemark.loadtest.drill.BadInputDrillCommand;
import io.tidemark.loadtest.drill.CrashDrillCommand;
import io.tidemark.loadtest.tsbs.LoadGenerateCommand;
import picocli.CommandLine.Command;

/** {@code tidemark load}: data generation and drills against real nodes. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load jobs: TSBS data generation and drills against real node processes.",
        subcommands = {LoadGenerateCommand.class, CrashDrillCommand.class, BadInputDrillCommand.class})
public final class LoadCommand {
}
