package io.tidemark.loadtest.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One database server process started by the comparison: started with its output in a log file,
 * known by its PID, stopped by that PID only (SIGTERM, then SIGKILL after a timeout). A JVM
 * shutdown hook stops it too, so a failed or interrupted comparison leaves nothing running.
 */
public final class PeerProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;
    private long peakRssBytes;
    private boolean stopped;

    private PeerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(this::stopQuietly, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code command} in {@code workDir} with extra environment, stdout and stderr into {@code log}. */
    public static PeerProcess start(String name, List<String> command, Path workDir, Map<String, String> environment,
            Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            return new PeerProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new IOException("cannot start " + name + ": command=" + command + ", cause=" + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /**
     * The process's peak resident set so far (VmHWM of /proc/&lt;pid&gt;/status), in bytes; kept as
     * the largest value seen, so it survives the process's exit once sampled.
     */
    public long samplePeakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"),
                    StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    peakRssBytes = Math.max(peakRssBytes, parseKilobytes(line) * 1024);
                }
            }
        } catch (NoSuchFileException e) {
            // exited: the last sample stands
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the peak RSS: process=" + name + ", pid=" + pid(), e);
        }
        return peakRssBytes;
    }

    /**
     * CPU time the process has used so far (user and system, every thread: JIT compilers and
     * garbage collectors included), in nanoseconds; -1 when the platform does not report it.
     */
    public long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** {@code VmHWM:	  123456 kB} to 123456. */
    static long parseKilobytes(String statusLine) {
        String[] parts = statusLine.trim().split("\\s+");
        if (parts.length != 3 || !parts[2].equals("kB")) {
            throw new IllegalArgumentException("cannot parse /proc status line: line=" + statusLine);
        }
        return Long.parseLong(parts[1]);
    }

    /** Fails with the log's tail when the process has exited. */
    public void checkAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException("cannot use " + name + ": it exited with status " + process.exitValue()
                    + "; log " + log + " ends with:\n" + logTail());
        }
    }

    /** The last 2000 characters of the log. */
    public String logTail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, wait for a graceful exit, SIGKILL after the timeout; returns the exit status. */
    public synchronized int stop() throws InterruptedException {
        if (stopped) {
            return process.exitValue();
        }
        samplePeakRss();
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook itself
        }
        stopped = true;
        return process.exitValue();
    }

    private void stopQuietly() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
