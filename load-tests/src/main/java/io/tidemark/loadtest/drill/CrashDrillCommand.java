package io.tidemark.loadtest.drill;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tidemark load crash-drill}: see {@link CrashDrill}. Exits with 1 when an acknowledged record was lost or one was half-written. */
@Command(name = "crash-drill", mixinStandardHelpOptions = true,
        description = {"Start a real node, write multi-measure records from several writers, kill -9 the node at a"
                + " random moment, restart it on the same data and check through SQL that every acknowledged record"
                + " is there and no record is half-written; repeat. A temporary work directory is deleted when the drill"
                + " passes.",
                "Prints one line per cycle and a last line with acked_lost=<n> half_written=<n>; exits with 1 when"
                        + " either is above 0."})
public final class CrashDrillCommand implements Callable<Integer> {

    @Option(names = "--cycles", defaultValue = "20", description = "Kill/restart cycles (default: ${DEFAULT-VALUE}).")
    int cycles;

    @Option(names = "--writers", defaultValue = "4", description = "Concurrent writer threads (default: ${DEFAULT-VALUE}).")
    int writers;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the kill moments (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--records-per-call", defaultValue = "100",
            description = "Records per WriteRecords call (default: ${DEFAULT-VALUE}, Timestream's limit).")
    int recordsPerCall;

    @Option(names = "--run-min-ms", defaultValue = "300",
            description = "Shortest time from the cycle's first acknowledged call to the kill, ms (default: ${DEFAULT-VALUE}).")
    long runMinMillis;

    @Option(names = "--run-max-ms", defaultValue = "2000",
            description = "Longest time from the cycle's first acknowledged call to the kill, ms (default: ${DEFAULT-VALUE}).")
    long runMaxMillis;

    @Mixin
    NodeOptions node;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        boolean temporary = node.temporaryWorkDir();
        Path dir = node.workDirOrTemporary("tidemark-crash-drill");
        CrashDrill.Options options = new CrashDrill.Options(cycles, writers, seed, recordsPerCall,
                Duration.ofMillis(runMinMillis), Duration.ofMillis(runMaxMillis), node.serverJar, dir, node.nodeJvmOptions());
        PrintWriter out = spec.commandLine().getOut();
        CrashDrill.Result result = new CrashDrill(options).run(out);
        if (!result.passed()) {
            out.println("crash-drill FAILED: node data and log kept in " + dir);
            out.flush();
            return 1;
        }
        if (temporary) {
            deleteTree(dir);
        }
        return 0;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
