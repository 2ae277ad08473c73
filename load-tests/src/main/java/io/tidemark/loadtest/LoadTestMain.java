package io.tidemark.loadtest;

import io.tidemark.loadtest.bench.BenchCommand;
import io.tidemark.loadtest.tsbs.GenerateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the load-test jar, which the {@code ./tidemark} launcher runs. Each job is a
 * subcommand; {@code --help} lists them.
 */
@Command(name = "tidemark", mixinStandardHelpOptions = true, version = "Tidemark load tests 0.1.0",
        description = "Tidemark jobs: benchmarks, data generation and drills.",
        subcommands = {BenchCommand.class, GenerateCommand.class, LoadCommand.class})
public final class LoadTestMain {

    private LoadTestMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command tree; tests run jobs through it without exiting the JVM. */
    public static CommandLine commandLine() {
        CommandLine root = new CommandLine(new LoadTestMain());
        // JMH has its own options (-f, -wi, -h, ...): hand them over untouched.
        CommandLine jmh = root.getSubcommands().get("bench").getSubcommands().get("jmh");
        jmh.setUnmatchedOptionsArePositionalParams(true);
        jmh.setStopAtPositional(true);
        return root;
    }
}
