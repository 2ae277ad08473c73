package io.tidemark.loadtest.load;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency histogram in milliseconds, as every load report prints them.
 *
 * @param count values recorded
 */
public record LatencySummary(long count, double p50Millis, double p95Millis, double p99Millis, double maxMillis) {

    /** The summary of a histogram of microseconds; all zero when it is empty. */
    public static LatencySummary ofMicros(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0);
        }
        return new LatencySummary(micros.getTotalCount(), micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(95) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
                micros.getMaxValue() / 1000.0);
    }

    /** {@code p50 1.23 ms, p95 …, p99 …, max …}. */
    public String text() {
        return String.format(Locale.ROOT, "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms", p50Millis, p95Millis,
                p99Millis, maxMillis);
    }
}
