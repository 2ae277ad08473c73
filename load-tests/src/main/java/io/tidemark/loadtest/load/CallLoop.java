package io.tidemark.loadtest.load;

import io.tidemark.loadtest.bench.IngestBenchmark;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The ingest loop every load job shares: {@code workers} threads take the next call from one
 * source until it runs dry, each timing its calls (microseconds, HdrHistogram) and counting the
 * points they carried into a {@link Progress}; the first failure ends the loop and is rethrown.
 * What a call is (an HTTP request on a keep-alive connection, a peer's body) is up to the source.
 */
public final class CallLoop {

    /** The longest call a histogram records; longer ones count as this. */
    public static final long MAX_CALL_MICROS = TimeUnit.MINUTES.toMicros(5);

    private CallLoop() {
    }

    /** One call, sent by whichever worker takes it; fails (with what went wrong) unless the server accepted it. */
    @FunctionalInterface
    public interface Send {
        void send() throws IOException, InterruptedException;
    }

    /** A call and what it carries. */
    public record Call(Send send, long points, long rows) {
    }

    /** Where the calls come from; called by every worker at once. */
    @FunctionalInterface
    public interface Source {
        /** The next call, or {@code null} once there is none. */
        Call next() throws IOException;
    }

    /**
     * What one loop did.
     *
     * @param callMicros every call's latency
     * @param wallNanos from the first call taken to the last answered
     * @param cpuNanos this process's CPU time meanwhile (every thread: the workers, any generation and
     *     any in-process server)
     */
    public record Outcome(Histogram callMicros, long calls, long points, long rows, long wallNanos, long cpuNanos) {

        public double pointsPerSecond() {
            return points / (wallNanos / 1e9);
        }

        public double rowsPerSecond() {
            return rows / (wallNanos / 1e9);
        }

        public LatencySummary latency() {
            return LatencySummary.ofMicros(callMicros);
        }
    }

    /** Runs every call of {@code source} from {@code workers} threads, counting into {@code progress}. */
    public static Outcome run(int workers, Source source, Progress progress) throws IOException, InterruptedException {
        if (workers < 1) {
            throw new IllegalArgumentException("cannot run calls: workers=" + workers + " (must be at least 1)");
        }
        ExecutorService threads = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "load-worker");
            t.setDaemon(true);
            return t;
        });
        List<Callable<Histogram>> tasks = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            tasks.add(() -> {
                Histogram h = new Histogram(MAX_CALL_MICROS, 3);
                for (Call call = source.next(); call != null; call = source.next()) {
                    long t0 = System.nanoTime();
                    call.send().send();
                    h.recordValue(Math.min(MAX_CALL_MICROS, (System.nanoTime() - t0) / 1000));
                    progress.add(call.points(), call.rows());
                }
                return h;
            });
        }
        Histogram all = new Histogram(MAX_CALL_MICROS, 3);
        long cpu0 = IngestBenchmark.processCpuNanos();
        long t0 = System.nanoTime();
        progress.start();
        try {
            for (Future<Histogram> f : threads.invokeAll(tasks)) {
                all.add(f.get());
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException("cannot send a call: " + cause, cause);
        } finally {
            threads.shutdownNow();
            progress.stop();
        }
        long wall = System.nanoTime() - t0;
        return new Outcome(all, all.getTotalCount(), progress.points(), progress.rows(), wall,
                IngestBenchmark.processCpuNanos() - cpu0);
    }
}
