package io.tidemark.loadtest.drill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Tidemark node as a real operating-system process: the server jar started as
 * {@code ./tidemark serve} starts it ({@code java -jar tidemark-server.jar --port 0 --data-dir <dir>}),
 * on a free loopback port it reports on its first line, its output appended to a log file.
 *
 * <p>Every node still running when the JVM exits (normal end, failure, Ctrl-C) is killed by one
 * shutdown hook, so a drill never leaves a server behind.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("serving on (http://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "tidemark-drill-node-reaper"));
    }

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private NodeProcess(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /**
     * Starts a node over {@code dataDir} and returns once {@code GET /health} answers 200.
     *
     * @param jvmOptions options for the node's JVM, e.g. {@code -Xmx1g}
     */
    public static NodeProcess start(Path serverJar, Path dataDir, Path log, List<String> jvmOptions)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(serverJar)) {
            throw new IOException("cannot start a node: serverJar=" + serverJar.toAbsolutePath()
                    + " (missing; build it with ./mvnw -q -DskipTests package -pl http -am)");
        }
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true",
                "-jar", serverJar.toString(), "--port", "0", "--bind", "127.0.0.1",
                "--data-dir", dataDir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        RUNNING.add(process);
        long logStart = Files.size(log);
        try {
            URI endpoint = awaitServing(process, log, logStart);
            awaitHealthy(process, endpoint);
            return new NodeProcess(process, endpoint, log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            kill(process);
            throw e;
        }
    }

    private static URI awaitServing(Process process, Path log, long logStart) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(logSince(log, logStart));
            if (m.find()) {
                return URI.create(m.group(1));
            }
            if (!process.isAlive()) {
                throw new IOException("cannot start a node: exitCode=" + process.exitValue() + ", log=" + log
                        + ", output=" + tail(logSince(log, logStart)));
            }
            Thread.sleep(50);
        }
        throw new IOException("cannot start a node: not serving after " + START_TIMEOUT.toSeconds() + " s, log=" + log);
    }

    private static void awaitHealthy(Process process, URI endpoint) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest health = HttpRequest.newBuilder(endpoint.resolve("/health")).timeout(Duration.ofSeconds(5)).GET()
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet: try again
            }
            Thread.sleep(50);
        }
        throw new IOException("cannot start a node: /health never answered 200, endpoint=" + endpoint
                + ", alive=" + process.isAlive());
    }

    private static String logSince(Path log, long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                StandardCharsets.UTF_8);
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: the node gets no chance to flush or sync anything. */
    public void kill() throws InterruptedException {
        kill(process);
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
        RUNNING.remove(process);
    }

    /** SIGTERM and wait for the graceful stop (journals synced); SIGKILL if it takes over a minute. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(60, TimeUnit.SECONDS);
        }
        RUNNING.remove(process);
    }
}
