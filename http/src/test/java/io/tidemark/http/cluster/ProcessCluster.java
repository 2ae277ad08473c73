package io.tidemark.http.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Three Tidemark nodes as real processes on loopback, started as an operator would
 * ({@code serve --config cluster-config/three-node.conf --node n --data-dir <dir>/node<n>}) but on
 * free ports: every node gets {@code -Dtidemark.cluster.nodes.<i>.remote-port/http-port} for all
 * three, which moves the seed list and each node's own ports together. The nodes share
 * {@code <dir>/shared} as the magnetic root (three-node.conf's default next to the data dirs).
 *
 * <p>Logs go to {@code target/cluster-logs/<name>/node<n>.log} and stay there (a failed run's
 * evidence); a failed wait names the log and quotes its tail. {@link #close} kills whatever still
 * runs, and a JVM shutdown hook does the same if the test JVM dies first. Deadlines are generous:
 * three JVMs and the test share two cores; they bound a hang, they do not measure speed.
 */
public final class ProcessCluster implements AutoCloseable {

    public static final int SIZE = 3;
    /** How long a node may take to start and become ready, or a membership change to settle. */
    public static final Duration DEADLINE = Duration.ofSeconds(180);

    static final Path SERVER_JAR = Path.of("target", "tidemark-server.jar");
    static final Path CONFIG = Path.of("..", "cluster-config", "three-node.conf");
    private static final List<ProcessCluster> RUNNING = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (RUNNING) {
                RUNNING.forEach(ProcessCluster::close);
            }
        }, "tidemark-cluster-reaper"));
    }

    private final Path dataRoot;
    private final Path logDir;
    private final int[] remotePorts = new int[SIZE + 1];
    private final int[] httpPorts = new int[SIZE + 1];
    private final List<String> systemProperties = new ArrayList<>();
    private final NodeProcess[] nodes = new NodeProcess[SIZE + 1];

    private ProcessCluster(Path dataRoot, Path logDir, Map<String, String> overrides) throws IOException {
        this.dataRoot = dataRoot;
        this.logDir = logDir;
        int[] ports = freePorts(2 * SIZE);
        for (int n = 1; n <= SIZE; n++) {
            remotePorts[n] = ports[2 * (n - 1)];
            httpPorts[n] = ports[2 * (n - 1) + 1];
            systemProperties.add("-Dtidemark.cluster.nodes." + n + ".remote-port=" + remotePorts[n]);
            systemProperties.add("-Dtidemark.cluster.nodes." + n + ".http-port=" + httpPorts[n]);
        }
        overrides.forEach((key, value) -> systemProperties.add("-D" + key + "=" + value));
    }

    /**
     * Starts the three nodes under {@code dataRoot} and waits until each is ready and sees three
     * members Up.
     *
     * @param name the log directory's name under {@code target/cluster-logs/} (the test's name)
     * @param overrides config keys passed to every node as system properties
     */
    public static ProcessCluster start(Path dataRoot, String name, Map<String, String> overrides)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(SERVER_JAR) || !Files.isRegularFile(CONFIG)) {
            throw new IllegalStateException("cannot start a cluster: serverJar=" + SERVER_JAR.toAbsolutePath()
                    + " (built in the package phase), config=" + CONFIG.toAbsolutePath());
        }
        Path logDir = Path.of("target", "cluster-logs", name);
        deleteRecursively(logDir);
        ProcessCluster cluster = new ProcessCluster(dataRoot, logDir, overrides);
        synchronized (RUNNING) {
            RUNNING.add(cluster);
        }
        try {
            for (int n = 1; n <= SIZE; n++) {
                cluster.launch(n);
            }
            cluster.awaitReady(SIZE);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** Node {@code n} (1, 2 or 3), as last started. */
    public NodeProcess node(int n) {
        return nodes[n];
    }

    /** The nodes whose processes are alive. */
    public List<NodeProcess> liveNodes() {
        List<NodeProcess> live = new ArrayList<>();
        for (int n = 1; n <= SIZE; n++) {
            if (nodes[n] != null && nodes[n].isAlive()) {
                live.add(nodes[n]);
            }
        }
        return live;
    }

    /** Starts node {@code n} again on its data directory and ports (after a kill, stop or exit). */
    public NodeProcess restart(int n) throws IOException {
        if (nodes[n] != null && nodes[n].isAlive()) {
            throw new IllegalStateException("cannot restart " + nodes[n] + ": still running");
        }
        return launch(n);
    }

    /** Waits until every live node is ready and sees {@code membersUp} members Up and none unreachable. */
    public void awaitReady(int membersUp) throws InterruptedException, IOException {
        for (NodeProcess node : liveNodes()) {
            await(node, membersUp);
        }
    }

    /** Waits until {@code node} is ready and sees {@code membersUp} members Up and none unreachable. */
    public void await(NodeProcess node, int membersUp) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!node.readyWith(membersUp)) {
            if (!node.isAlive() || System.nanoTime() > deadline) {
                var last = node.readiness();
                throw new AssertionError(node + " did not become ready with " + membersUp + " members up within "
                        + DEADLINE + " (alive=" + node.isAlive() + ", last answer="
                        + (last == null ? "none" : last.statusCode() + " " + last.body()) + "); log "
                        + node.log().toAbsolutePath() + ":\n" + tail(node));
            }
            Thread.sleep(250);
        }
    }

    /** The last lines of a node's log, for failure messages. */
    public static String tail(NodeProcess node) throws IOException {
        String log = Files.readString(node.log(), StandardCharsets.UTF_8);
        return log.length() <= 4000 ? log : "..." + log.substring(log.length() - 4000);
    }

    @Override
    public void close() {
        for (int n = SIZE; n >= 1; n--) {
            if (nodes[n] != null) {
                try {
                    nodes[n].destroy();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private NodeProcess launch(int n) throws IOException {
        nodes[n] = NodeProcess.start(SERVER_JAR, CONFIG, n, httpPorts[n], dataRoot.resolve("node" + n),
                logDir.resolve("node" + n + ".log"), systemProperties);
        return nodes[n];
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
