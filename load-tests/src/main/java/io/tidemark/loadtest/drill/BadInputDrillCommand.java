package io.tidemark.loadtest.drill;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    NodeOptions node;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seconds < 1 || slowClients < 0) {
            throw new IllegalArgumentException("cannot run the bad-input drill: seconds=" + seconds + ", slowClients="
                    + slowClients + " (seconds at least 1, slow clients at least 0)");
        }
        Path dir = node.workDirOrTemporary("tidemark-bad-input-drill");
        PrintWriter out = spec.commandLine().getOut();
        out.println("bad-input-drill: " + seconds + " s, " + slowClients + " slow clients; node data and log in " + dir);
        out.flush();
        BadInputDrill.Result result = new BadInputDrill(Duration.ofSeconds(seconds), slowClients, node.serverJar, dir,
                node.nodeJvmOptions())
                .run(out);
        return result.passed() ? 0 : 1;
    }
}
