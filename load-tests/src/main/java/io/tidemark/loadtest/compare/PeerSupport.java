package io.tidemark.loadtest.compare;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What starting and installing the systems share: free ports, readiness polls, packages. */
final class PeerSupport {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final long POLL_MILLIS = 100;

    private PeerSupport() {
    }

    /** A loopback port nothing listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits until {@code uri} answers with {@code status}; fails early when the process exits. */
    static void awaitStatus(PeerHttp http, URI uri, int status, PeerProcess process)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            process.checkAlive();
            if (http.answers(uri)) {
                try {
                    if (http.get(uri).status() == status) {
                        return;
                    }
                } catch (IOException e) {
                    // not serving yet
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IOException("cannot reach " + uri + ": no " + status + " within " + READY_TIMEOUT.toSeconds()
                + " s; log " + process.log() + " ends with:\n" + process.logTail());
    }

    /** True when {@code program} is an executable on the PATH. */
    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** {@code apt-get install -y <package>}, through sudo unless this process runs as root. */
    static void aptInstall(String packageName, PrintWriter out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            command.add("sudo");
        }
        command.addAll(List.of("apt-get", "install", "-y", packageName));
        out.println("installing " + packageName + ": " + String.join(" ", command));
        out.flush();
        run(command, Path.of("."));
    }

    /** Runs {@code command} to completion with its output inherited; fails on a non-zero status. */
    static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        int status = builder.start().waitFor();
        if (status != 0) {
            throw new IOException("cannot run " + command + ": exit status " + status);
        }
    }

    /** The java launcher of this JVM, to start Java servers on the same JDK. */
    static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }
}
