package io.tidemark.loadtest.bench;

import io.tidemark.loadtest.tsbs.CpuOnlyGenerator;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.magnetic.BlockRef;
import io.tidemark.storage.magnetic.SegmentReader;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back the segments the compression benchmark wrote: times a full decode of every block,
 * and checks every decoded point against the generator. Segments must be given in time order.
 */
final class SegmentVerifier {

    private final FileIo io;
    private final List<Path> segments;
    private long[] times = new long[0];
    private double[] values = new double[0];

    SegmentVerifier(FileIo io, List<Path> segments) {
        this.io = io;
        this.segments = segments;
    }

    /**
     * Decodes the times and values of every block of every segment into reused arrays.
     *
     * @return the time the pass took
     * @throws IllegalStateException if the segments do not hold {@code expectedPoints} points
     */
    Elapsed timeDecodeAll(long expectedPoints) throws IOException {
        long decoded = 0;
        long checksum = 0;
        Elapsed.Stopwatch watch = Elapsed.start();
        for (Path file : segments) {
            try (SegmentReader reader = SegmentReader.open(io, file)) {
                for (int s = 0; s < reader.seriesCount(); s++) {
                    for (BlockRef block : reader.blocks(s)) {
                        SealedChunk chunk = reader.read(block);
                        int n = chunk.count();
                        ensureCapacity(n);
                        chunk.decodeTimes(times);
                        chunk.decodeDoubles(0, values);
                        // consume the output so the decode cannot be optimised away
                        checksum += times[n - 1] + (long) values[n - 1];
                        decoded += n;
                    }
                }
            }
        }
        Elapsed elapsed = watch.stop();
        if (decoded != expectedPoints) {
            throw new IllegalStateException("cannot verify segments: expected points=" + expectedPoints
                    + ", decoded=" + decoded + ", checksum=" + checksum);
        }
        return elapsed;
    }

    /** The bytes of all chunk blocks: the segments' size minus header, dictionary and index. */
    long blockBytes() throws IOException {
        long bytes = 0;
        for (Path file : segments) {
            try (SegmentReader reader = SegmentReader.open(io, file)) {
                for (int s = 0; s < reader.seriesCount(); s++) {
                    for (BlockRef block : reader.blocks(s)) {
                        bytes += block.length();
                    }
                }
            }
        }
        return bytes;
    }

    /**
     * Compares every decoded point, bit for bit, with what {@code fresh} (a new generator with the
     * benchmark's config) generates; every series must hold exactly {@code steps} points.
     *
     * @throws IllegalStateException naming the first point that differs
     */
    void verifyAgainst(CpuOnlyGenerator fresh, long steps) throws IOException {
        Map<SeriesKey, Integer> seriesIndex = new HashMap<>();
        for (int s = 0; s < fresh.seriesCount(); s++) {
            seriesIndex.put(fresh.seriesKey(s), s);
        }
        double[] expected = new double[0];
        for (Path file : segments) {
            try (SegmentReader reader = SegmentReader.open(io, file)) {
                for (int r = 0; r < reader.seriesCount(); r++) {
                    SeriesKey key = reader.series(r);
                    Integer series = seriesIndex.get(key);
                    if (series == null) {
                        throw new IllegalStateException("cannot verify segment: file=" + file + ", unknown series=" + key);
                    }
                    for (BlockRef block : reader.blocks(r)) {
                        SealedChunk chunk = reader.read(block);
                        int n = chunk.count();
                        ensureCapacity(n);
                        if (expected.length < n) {
                            expected = new double[n];
                        }
                        chunk.decodeTimes(times);
                        chunk.decodeDoubles(0, values);
                        long firstStep = fresh.nextStep(series);
                        fresh.nextValues(series, expected, 0, n);
                        for (int i = 0; i < n; i++) {
                            long step = firstStep + i;
                            if (times[i] != fresh.timeNanos(step)
                                    || Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(expected[i])) {
                                throw new IllegalStateException(String.format(
                                        "cannot verify segment: file=%s, series=%s, step=%d, time=%d, expected time=%d,"
                                                + " value=%s, expected value=%s",
                                        file, key, step, times[i], fresh.timeNanos(step), values[i], expected[i]));
                            }
                        }
                    }
                }
            }
        }
        for (int s = 0; s < fresh.seriesCount(); s++) {
            if (fresh.nextStep(s) != steps) {
                throw new IllegalStateException("cannot verify segments: series=" + fresh.seriesKey(s)
                        + ", expected points=" + steps + ", found=" + fresh.nextStep(s));
            }
        }
    }

    private void ensureCapacity(int n) {
        if (times.length < n) {
            times = new long[n];
            values = new double[n];
        }
    }
}
