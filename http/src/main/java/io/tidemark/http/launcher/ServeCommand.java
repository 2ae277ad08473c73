package io.tidemark.http.launcher;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tidemark.engine.Engine;
import io.tidemark.http.server.HttpSettings;
import io.tidemark.http.server.TidemarkServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.cluster.typed.Cluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tidemark serve}: starts a node and serves until SIGTERM/SIGINT, then unbinds and
 * closes the engine (journals synced) before the JVM exits. Settings come, highest first, from
 * {@code -D} system properties, the command-line options, the node's entry in a multi-node config
 * ({@code --node n} selects {@code tidemark.cluster.nodes.<n>}: its {@code remote-port} becomes
 * {@code pekko.remote.artery.canonical.port}, its {@code http-port} {@code tidemark.http.port}),
 * the {@code --config} file, and the embedded defaults ({@code tidemark/single-node.conf} and
 * every module's {@code reference.conf}).
 *
 * <p>A node whose actor system stops on its own (the cluster downed it: it was on the minority
 * side of a partition, or the others removed it) exits with status 1, or 255 when the config's
 * coordinated shutdown exits the JVM first (cluster-config's three-node.conf does), so it never
 * keeps answering HTTP without being a cluster member.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start a Tidemark node serving the Timestream wire API over HTTP.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Listen port (default: tidemark.http.port, 8080; 0 picks a free port).")
    Integer port;

    @Option(names = "--bind", description = "Listen interface (default: tidemark.http.bind, 127.0.0.1).")
    String bind;

    @Option(names = "--data-dir", description = "Data directory (default: tidemark.data-dir, ./data).")
    Path dataDir;

    @Option(names = "--config", description = "HOCON file overriding the embedded defaults.")
    Path configFile;

    @Option(names = "--node", description = "Which node of a multi-node --config to start (e.g. 1, 2 or 3 with "
            + "cluster-config/three-node.conf): its cluster and HTTP ports come from tidemark.cluster.nodes.<n>.")
    Integer node;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServeCommand()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Config config = config();
        HttpSettings settings = HttpSettings.fromConfig(config);
        Engine engine = Engine.start(config, Clock.systemUTC());
        TidemarkServer server;
        try {
            server = TidemarkServer.start(engine, settings, Clock.systemUTC());
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopRequested = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested.set(true);
            try {
                if (stoppedByCluster(engine)) {
                    // The actor system is stopping or stopped on its own: it takes the listener with
                    // it and its shards close their journals; unbinding through it would only wait
                    // for answers that never come.
                    engine.system().getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
                } else {
                    server.close();
                }
                System.out.println("tidemark: stopped (listener unbound, journals synced)");
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                System.out.println("tidemark: the actor system did not stop within 10 s: " + e);
            } finally {
                stopped.countDown();
            }
        }, "tidemark-shutdown"));
        engine.system().getWhenTerminated().thenRun(() -> {
            if (!stopRequested.get()) {
                System.out.println("tidemark: the actor system stopped (this node was downed or removed from the"
                        + " cluster); exiting");
                stopped.countDown();
            }
        });
        System.out.println("tidemark: " + (node == null ? "" : "node " + node + " ") + "serving on http://"
                + settings.bind() + ":" + server.localAddress().getPort() + " (cluster address "
                + Cluster.get(engine.system()).selfMember().address() + ", data: "
                + config.getString("tidemark.data-dir") + ")");
        stopped.await();
        return stopRequested.get() ? 0 : 1;
    }

    /**
     * Whether the actor system stopped, or began to stop, for a reason of its own (the cluster
     * downed this node) rather than for SIGTERM (Pekko's JVM hook) or {@link Engine#close}.
     */
    private static boolean stoppedByCluster(Engine engine) {
        Optional<CoordinatedShutdown.Reason> reason = CoordinatedShutdown.get(engine.system()).getShutdownReason();
        return engine.system().whenTerminated().isCompleted()
                || reason.isPresent() && !reason.get().equals(CoordinatedShutdown.jvmExitReason());
    }

    /** The node's configuration: options over the file over the embedded defaults. */
    Config config() {
        Map<String, Object> options = new HashMap<>();
        if (port != null) {
            options.put("tidemark.http.port", port);
        }
        if (bind != null) {
            options.put("tidemark.http.bind", bind);
        }
        if (dataDir != null) {
            options.put("tidemark.data-dir", dataDir.toAbsolutePath().toString());
        }
        Config file = ConfigFactory.empty();
        if (configFile != null) {
            if (!Files.isReadable(configFile)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "cannot read config: file=" + configFile.toAbsolutePath());
            }
            file = ConfigFactory.parseFile(configFile.toFile());
        }
        Config defaults = file.withFallback(ConfigFactory.parseResources("tidemark/single-node.conf"));
        Config selected = nodeSelection(ConfigFactory.load(ConfigFactory.parseMap(options).withFallback(defaults)));
        return ConfigFactory.load(ConfigFactory.parseMap(options).withFallback(selected).withFallback(defaults));
    }

    /**
     * The ports {@code --node} selects, as config keys; empty without {@code --node}. Refuses a
     * node the config does not list, and a multi-node config started without {@code --node}
     * (it would join the cluster on a random port).
     */
    private Config nodeSelection(Config resolved) {
        String nodes = "tidemark.cluster.nodes";
        if (node == null) {
            if (resolved.hasPath(nodes)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "cannot start a cluster node without"
                        + " --node: config lists nodes=" + resolved.getObject(nodes).keySet());
            }
            return ConfigFactory.empty();
        }
        if (!resolved.hasPath(nodes + "." + node)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "cannot select node: node=" + node
                    + ", nodes in config=" + (resolved.hasPath(nodes) ? resolved.getObject(nodes).keySet() : "[]")
                    + " (a multi-node config such as cluster-config/three-node.conf lists them)");
        }
        Config selected = resolved.getConfig(nodes + "." + node);
        Map<String, Object> ports = new HashMap<>();
        ports.put("pekko.remote.artery.canonical.port", selected.getInt("remote-port"));
        ports.put("tidemark.http.port", selected.getInt("http-port"));
        return ConfigFactory.parseMap(ports);
    }
}
