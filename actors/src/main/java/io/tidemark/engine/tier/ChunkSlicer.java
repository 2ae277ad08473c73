package io.tidemark.engine.tier;

import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.magnetic.MagneticLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a sealed chunk by time: into one chunk per UTC-day partition (a chunk spanning midnight
 * cannot go into a single segment), or without the points before a retention expiry. A chunk that
 * needs no cut is returned as is; otherwise it is decoded once and each piece re-sealed through an
 * {@link OpenChunk}, keeping times, versions, values and absent values exactly.
 */
final class ChunkSlicer {

    private ChunkSlicer() {
    }

    /** The chunk's points, one chunk per partition they fall in, in time order. */
    static List<SealedChunk> splitByPartition(SealedChunk chunk) {
        long firstDay = partitionIndex(chunk.minTime());
        long lastDay = partitionIndex(chunk.maxTime());
        if (firstDay == lastDay) {
            return List.of(chunk);
        }
        long[] times = times(chunk);
        List<SealedChunk> out = new ArrayList<>();
        int from = 0;
        while (from < times.length) {
            long end = Math.multiplyExact(partitionIndex(times[from]) + 1, MagneticLayout.PARTITION_NANOS);
            int to = firstAtOrAfter(times, end);
            out.add(copyRows(chunk, times, from, to));
            from = to;
        }
        return out;
    }

    /** The chunk without its points before {@code expiryNanos}; null when none is left. */
    static SealedChunk dropBefore(SealedChunk chunk, long expiryNanos) {
        if (chunk.minTime() >= expiryNanos) {
            return chunk;
        }
        if (chunk.maxTime() < expiryNanos) {
            return null;
        }
        long[] times = times(chunk);
        return copyRows(chunk, times, firstAtOrAfter(times, expiryNanos), times.length);
    }

    private static long partitionIndex(long timeNanos) {
        return Math.floorDiv(timeNanos, MagneticLayout.PARTITION_NANOS);
    }

    private static long[] times(SealedChunk chunk) {
        long[] times = new long[chunk.count()];
        chunk.decodeTimes(times);
        return times;
    }

    /** Index of the first of the sorted {@code times} at or after {@code nanos}. */
    private static int firstAtOrAfter(long[] times, long nanos) {
        int i = Arrays.binarySearch(times, nanos);
        return i >= 0 ? i : -i - 1;
    }

    /** Rows {@code [from, to)} of the chunk as a new sealed chunk with the same columns. */
    private static SealedChunk copyRows(SealedChunk chunk, long[] times, int from, int to) {
        int n = chunk.count();
        long[] versions = new long[n];
        chunk.decodeVersions(versions);
        List<ColumnSpec> columns = chunk.columns();
        OpenChunk out = new OpenChunk(columns, to - from);
        for (int i = from; i < to; i++) {
            out.append(times[i], versions[i]);
        }
        boolean[] has = new boolean[n];
        for (int c = 0; c < columns.size(); c++) {
            chunk.decodePresence(c, has);
            switch (columns.get(c).type()) {
                case DOUBLE:
                    double[] doubles = new double[n];
                    chunk.decodeDoubles(c, doubles);
                    for (int i = from; i < to; i++) {
                        if (has[i]) {
                            out.setDouble(c, i - from, doubles[i]);
                        }
                    }
                    break;
                case BIGINT:
                case TIMESTAMP:
                    long[] longs = new long[n];
                    chunk.decodeLongs(c, longs);
                    for (int i = from; i < to; i++) {
                        if (has[i]) {
                            out.setLong(c, i - from, longs[i]);
                        }
                    }
                    break;
                case BOOLEAN:
                    boolean[] booleans = new boolean[n];
                    chunk.decodeBooleans(c, booleans);
                    for (int i = from; i < to; i++) {
                        if (has[i]) {
                            out.setBoolean(c, i - from, booleans[i]);
                        }
                    }
                    break;
                case VARCHAR:
                    String[] varchars = new String[n];
                    chunk.decodeVarchars(c, varchars);
                    for (int i = from; i < to; i++) {
                        if (has[i]) {
                            out.setVarchar(c, i - from, varchars[i]);
                        }
                    }
                    break;
                default:
                    throw new IllegalArgumentException("cannot slice chunk: unsupported column type="
                            + columns.get(c).type() + ", column=" + columns.get(c).name());
            }
        }
        return out.seal();
    }
}
