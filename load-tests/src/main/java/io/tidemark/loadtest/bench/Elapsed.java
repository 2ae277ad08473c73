package io.tidemark.loadtest.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Wall-clock and current-thread CPU time of a measured step. On a shared machine the CPU time
 * shows what one core achieves; the wall time shows what the run experienced.
 */
public record Elapsed(long wallNanos, long cpuNanos) {

    static final Elapsed ZERO = new Elapsed(0, 0);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** A running measurement of the calling thread. */
    static final class Stopwatch {
        private final long wallStart = System.nanoTime();
        private final long cpuStart = THREADS.getCurrentThreadCpuTime();

        Elapsed stop() {
            return new Elapsed(System.nanoTime() - wallStart, THREADS.getCurrentThreadCpuTime() - cpuStart);
        }
    }

    static Stopwatch start() {
        return new Stopwatch();
    }

    Elapsed plus(Elapsed other) {
        return new Elapsed(wallNanos + other.wallNanos, cpuNanos + other.cpuNanos);
    }

    /** E.g. {@code 52.1M points/s wall, 60.3M points/s thread CPU (0.166 s / 0.143 s)}. */
    String describeRate(long points) {
        return String.format(Locale.ROOT, "%.1fM points/s wall, %.1fM points/s thread CPU (%.3f s / %.3f s)",
                points / (wallNanos / 1e9) / 1e6, points / (cpuNanos / 1e9) / 1e6, wallNanos / 1e9, cpuNanos / 1e9);
    }
}
