package io.tidemark.http.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.timestreamquery.TimestreamQueryClient;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;

/**
 * One cluster node as a real {@code java -jar tidemark-server.jar serve --config three-node.conf
 * --node n} process, with its output appended to a log file, and the signals a test sends it:
 * SIGTERM ({@link #stop}), SIGKILL ({@link #kill}), SIGSTOP/SIGCONT ({@link #pause}/{@link #resume}).
 * Started and restarted by {@link ProcessCluster}, which owns the ports and directories.
 */
public final class NodeProcess {

    /** The JVM options of every node: three nodes and the test JVM share two cores and the heap budget. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-Dchronicle.analytics.disable=true",
            "-Dchronicle.announcer.disable=true");
    /** Auth is off in three-node.conf; the SDK signs anyway, with these. */
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDTIDEMARKCLUSTER", "tidemark-cluster-secret"));
    /** A call to a frozen (SIGSTOP) node must fail instead of waiting forever. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int number;
    private final URI endpoint;
    private final Path log;
    private final Process process;

    private NodeProcess(int number, URI endpoint, Path log, Process process) {
        this.number = number;
        this.endpoint = endpoint;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts node {@code number} and returns at once (see {@link ProcessCluster#awaitReady}).
     *
     * @param systemProperties {@code -D} options naming every node's ports (and any test overrides)
     */
    static NodeProcess start(Path serverJar, Path config, int number, int httpPort, Path dataDir, Path log,
            List<String> systemProperties) throws IOException {
        Files.createDirectories(dataDir);
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", serverJar.toString(), "--config", config.toString(), "--node",
                Integer.toString(number), "--data-dir", dataDir.toString()));
        Files.writeString(log, "### " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new NodeProcess(number, URI.create("http://127.0.0.1:" + httpPort), log, process);
    }

    public int number() {
        return number;
    }

    /** {@code http://127.0.0.1:<http-port>}. */
    public URI endpoint() {
        return endpoint;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code GET /health/ready}'s answer; null when nothing answers. */
    public HttpResponse<String> readiness() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/health/ready")).timeout(Duration.ofSeconds(5))
                .GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
    }

    /** True when {@code /health/ready} answers 200 and reports {@code membersUp} members Up, none unreachable. */
    public boolean readyWith(int membersUp) throws InterruptedException {
        HttpResponse<String> answer = readiness();
        return answer != null && answer.statusCode() == 200
                && answer.body().contains("members up: " + membersUp + ", unreachable: 0");
    }

    /** SIGTERM and wait for the process to end; its exit status. */
    public int stop(Duration deadline) throws InterruptedException {
        process.destroy();
        return awaitExit(deadline);
    }

    /** SIGKILL: the node gets no chance to leave the cluster, flush or sync anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the process stays, silent; to the others it looks like a partition. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT after {@link #pause}. */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    /** Waits for the process to end by itself; its exit status. */
    public int awaitExit(Duration deadline) throws InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("node " + number + " still running after " + deadline + "; log " + log);
        }
        return process.exitValue();
    }

    /** The whole log, for assertions on what the node reported. */
    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Makes sure the process is gone (SIGCONT first, so a stopped process can die). */
    void destroy() throws InterruptedException {
        if (process.isAlive()) {
            try {
                resume();
            } catch (IOException e) {
                // the process ended meanwhile
            }
            kill();
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("cannot signal node " + number + ": signal=" + signal + ", pid=" + process.pid());
        }
    }

    /** The SDK's write client for this node ({@code endpointOverride}; any credentials: auth is off). */
    public TimestreamWriteClient writeClient() {
        return TimestreamWriteClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT)).build();
    }

    /** The SDK's query client for this node. */
    public TimestreamQueryClient queryClient() {
        return TimestreamQueryClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT)).build();
    }

    @Override
    public String toString() {
        return "node " + number + " (pid " + process.pid() + ", " + endpoint + ")";
    }
}
