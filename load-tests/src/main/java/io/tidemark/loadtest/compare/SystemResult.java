package io.tidemark.loadtest.compare;

import io.tidemark.loadtest.bench.TsbsQueries.Type;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one system achieved on one data set.
 *
 * @param system the system's name
 * @param ingestPointsPerSecond points over the wall time from the first body sent to the last answered
 * @param diskBytes bytes on disk, counted as the system's {@link Peer#diskAccounting()} says
 * @param points points loaded
 * @param peakRssBytes the server process's peak resident set
 * @param ingestCpuNanos CPU time the server process used over the timed ingest (every thread: JIT
 *     compilers and garbage collectors included; the loader's not), nanoseconds; -1 when unknown
 * @param queryMillis median latency per query type; absent: the system cannot express the type
 *     or failed it
 * @param mismatches per query type, how the system's answers differed from the reference's
 *     (absent: they agreed)
 */
public record SystemResult(String system, double ingestPointsPerSecond, long diskBytes, long points, long peakRssBytes,
        long ingestCpuNanos, Map<Type, Double> queryMillis, Map<Type, String> mismatches) {

    public SystemResult {
        queryMillis = queryMillis.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(queryMillis));
        mismatches = mismatches.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(mismatches));
    }

    public double bytesPerPoint() {
        return points == 0 ? Double.NaN : diskBytes / (double) points;
    }

    /** Server CPU nanoseconds per point loaded over the timed ingest; NaN when unknown. */
    public double ingestCpuNanosPerPoint() {
        return ingestCpuNanos < 0 || points == 0 ? Double.NaN : ingestCpuNanos / (double) points;
    }

    /** A copy carrying the mismatches found when its answers were compared with the reference's. */
    public SystemResult withMismatches(Map<Type, String> found) {
        return new SystemResult(system, ingestPointsPerSecond, diskBytes, points, peakRssBytes, ingestCpuNanos, queryMillis,
                found);
    }
}
