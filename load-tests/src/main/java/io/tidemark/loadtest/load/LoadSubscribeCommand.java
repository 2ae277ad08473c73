package io.tidemark.loadtest.load;

import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tidemark load subscribe}: see {@link SubscribeDriver}. */
@Command(name = "subscribe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Open K WebSocket subscribers (/subscribe) on a per-minute aggregate of the cpu table while one"
                + " writer sends TSBS cpu-only rows (a time step of every host per line-protocol call); report the"
                + " update latency (write acknowledged to update received showing it) percentiles, updates/s, and"
                + " whether each subscriber's final result equals the Query API's answer (exit 1 when not)."})
public final class LoadSubscribeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--endpoint", required = true, description = "The Tidemark node's base URL.")
    URI endpoint;

    @Option(names = "--database", defaultValue = "tsbs_live", description = "Database of the cpu table"
            + " (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--subscribers", defaultValue = "4", description = "WebSocket subscribers (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--scale", defaultValue = "100", description = "Hosts, the rows of one write (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--writes", defaultValue = "120", description = "Write calls, one time step each"
            + " (default: ${DEFAULT-VALUE}).")
    int writes;

    @Option(names = "--rate", defaultValue = "20", description = "Write calls per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--step-ms", defaultValue = "10000", description = "Time between two steps' rows, dividing a"
            + " minute (default: ${DEFAULT-VALUE}).")
    long stepMillis;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--settle-seconds", defaultValue = "30", description = "How long to wait, once written, for every"
            + " subscriber to see every write (default: ${DEFAULT-VALUE}).")
    int settleSeconds;

    @Mixin
    ReportOptions report;

    SubscribeDriver.Options options() {
        return new SubscribeDriver.Options(endpoint, database, subscribers, scale, writes, stepMillis, rate, seed,
                settleSeconds * 1000L);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SubscribeDriver driver = new SubscribeDriver(options());
        SubscribeDriver.Result result = driver.run(out);
        report.emit(driver.report(result), out);
        return result.consistent() ? 0 : 1;
    }
}
