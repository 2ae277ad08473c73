package io.tidemark.loadtest.load;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Points and rows sent so far, shown while a load runs: on a terminal a progress bar redrawn in
 * place every half second, otherwise (output to a file or a pipe) one plain line every
 * {@code periodSeconds}, so logs stay readable. Counting is safe from every worker at once.
 */
public final class Progress {

    private static final int BAR_WIDTH = 30;
    private static final long TERMINAL_PERIOD_MILLIS = 500;

    private final LongAdder points = new LongAdder();
    private final LongAdder rows = new LongAdder();
    private final PrintWriter out;
    private final boolean terminal;
    private final long periodMillis;
    private final long expectedPoints;
    private Thread reporter;
    private long startNanos;

    /**
     * @param terminal whether {@code out} is a terminal ({@code System.console() != null} where the
     *     output is standard output)
     * @param periodSeconds seconds between plain lines; 0: none (tests, nested loops)
     * @param expectedPoints points the whole load carries, for the bar; 0 when unknown
     */
    public Progress(PrintWriter out, boolean terminal, int periodSeconds, long expectedPoints) {
        this.out = out;
        this.terminal = terminal;
        this.periodMillis = terminal ? TERMINAL_PERIOD_MILLIS : periodSeconds * 1000L;
        this.expectedPoints = expectedPoints;
    }

    /** No display, counting only. */
    public static Progress silent() {
        return new Progress(null, false, 0, 0);
    }

    void add(long callPoints, long callRows) {
        points.add(callPoints);
        rows.add(callRows);
    }

    public long points() {
        return points.sum();
    }

    public long rows() {
        return rows.sum();
    }

    synchronized void start() {
        startNanos = System.nanoTime();
        if (periodMillis <= 0) {
            return;
        }
        reporter = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(periodMillis);
                    show(false);
                }
            } catch (InterruptedException e) {
                // stopped
            }
        }, "load-progress");
        reporter.setDaemon(true);
        reporter.start();
    }

    synchronized void stop() throws InterruptedException {
        if (reporter != null) {
            reporter.interrupt();
            reporter.join();
            reporter = null;
            show(true);
        }
    }

    private void show(boolean last) {
        long p = points();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String rate = String.format(Locale.ROOT, "%,d points, %,d rows in %.1f s: %.0f points/s", p, rows(), seconds,
                p / Math.max(seconds, 1e-9));
        if (terminal) {
            out.print("\r" + bar(p) + rate + (last ? "\n" : ""));
        } else if (!last) {
            out.println("progress: " + rate);
        }
        out.flush();
    }

    /** {@code [#######       ]  48% } when the total is known. */
    private String bar(long p) {
        if (expectedPoints <= 0) {
            return "";
        }
        double done = Math.min(1, p / (double) expectedPoints);
        int filled = (int) Math.round(done * BAR_WIDTH);
        return "[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3.0f%% ", done * 100);
    }
}
