package io.tidemark.loadtest.drill;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tidemark load bad-input-drill}: see {@link BadInputDrill}. */
@Command(name = "bad-input-drill", mixinStandardHelpOptions = true,
        description = {"Start a real node and, while one well-behaved writer ingests, flood it with malformed JSON,"
                + " truncated bodies, invalid SQL, oversized batches and slow partial bodies; then check that every"
                + " record the good writer saw acknowledged is there whole and that /health answered throughout.",
                "Prints the answers each kind of bad input got, the good writer's and /health's latencies, and a last"
                        + " line with acked_lost, half_written, good_refused and health_failures; exits with 1 when"
                        + " any is above 0."})
public final class BadInputDrillCommand implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "30", description = "How long the flood lasts (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--slow-clients", defaultValue = "20",
            description = "Connections sending a body one byte a second (default: ${DEFAULT-VALUE}).")
    int slowClients;

    @Option(names = "--server-jar", defaultValue = "${sys:tidemark.server-jar:-http/target/tidemark-server.jar}",
            description = "The node's jar (default: ${DEFAULT-VALUE}).")
    Path serverJar;

    @Option(names = "--work-dir", description = "Directory for the node's data and log (default: a new temporary directory).")
    Path workDir;

    @Option(names = "--node-java-opts", defaultValue = "-Xmx1g",
            description = "JVM options of the node, space-separated (default: ${DEFAULT-VALUE}).")
    String nodeJavaOpts;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seconds < 1 || slowClients < 0) {
            throw new IllegalArgumentException("cannot run the bad-input drill: seconds=" + seconds + ", slowClients="
                    + slowClients + " (seconds at least 1, slow clients at least 0)");
        }
        Path dir = workDir != null ? workDir : Files.createTempDirectory("tidemark-bad-input-drill");
        List<String> jvm = Arrays.stream(nodeJavaOpts.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        PrintWriter out = spec.commandLine().getOut();
        out.println("bad-input-drill: " + seconds + " s, " + slowClients + " slow clients; node data and log in " + dir);
        out.flush();
        BadInputDrill.Result result = new BadInputDrill(Duration.ofSeconds(seconds), slowClients, serverJar, dir, jvm)
                .run(out);
        return result.passed() ? 0 : 1;
    }
}
