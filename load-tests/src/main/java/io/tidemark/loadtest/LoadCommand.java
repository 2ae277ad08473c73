package io.tidemark.loadtest;

import io.tidemark.loadtest.drill.CrashDrillCommand;
import picocli.CommandLine.Command;

/** {@code tidemark load}: data generation and drills against real nodes. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load jobs: TSBS data generation and drills against real node processes.",
        subcommands = {CrashDrillCommand.class})
public final class LoadCommand {
}
