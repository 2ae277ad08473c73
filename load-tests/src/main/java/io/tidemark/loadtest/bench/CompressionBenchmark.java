package io.tidemark.loadtest.bench;

import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.loadtest.tsbs.CpuOnlyGenerator;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.magnetic.MagneticLayout;
import io.tidemark.storage.magnetic.SegmentWriter;
import io.tidemark.storage.model.MeasureType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The storage compression benchmark behind {@code tidemark bench compression}: stores the TSBS
 * cpu-only data set the way the database does and reports its size and codec speed.
 *
 * <ol>
 *   <li>Encode: per series, the generated points go into an {@link OpenChunk}, sealed at every
 *       2-hour boundary as the memory store does (timed: append + seal, one thread; generating
 *       the values is not timed). The whole data set is encoded several times, so the figure is
 *       that of compiled code rather than the JIT's first pass; the median run is reported.</li>
 *   <li>Store: the sealed chunks of each UTC day go into one magnetic segment through
 *       {@link SegmentWriter}, which re-chunks each series into day-sized blocks.</li>
 *   <li>Decode: every block of every segment is read and decoded into reused primitive arrays,
 *       several times; the median run is reported.</li>
 *   <li>Verify: every decoded point is compared bit for bit with a fresh generation from the
 *       same seed ({@link SegmentVerifier}).</li>
 * </ol>
 *
 * The last line printed is {@code bytes_per_point=<x>}: all bytes of all segment files (headers,
 * dictionaries, indexes included) divided by the number of points.
 */
public final class CompressionBenchmark {

    /** Chunks are sealed at 2-hour boundaries, as the memory store seals them. */
    static final long CHUNK_WINDOW_NANOS = TimeUnit.HOURS.toNanos(2);
    /** The table id of the benchmark's magnetic store directory. */
    static final String TABLE_ID = "tsbs_cpu";
    private static final long VERSION = 1;

    /**
     * @param data what to generate
     * @param hours how many hours of rows per host
     * @param dataDir data directory; segments go to {@code <dataDir>/magnetic/tsbs_cpu/<yyyymmdd>/}
     * @param runs how many times the data set is encoded and every block decoded (medians reported)
     */
    public record Options(CpuOnlyConfig data, int hours, Path dataDir, int runs) {
        public Options {
            if (hours <= 0) {
                throw new IllegalArgumentException("cannot run benchmark: hours=" + hours + " (must be > 0)");
            }
            if (runs <= 0) {
                throw new IllegalArgumentException("cannot run benchmark: runs=" + runs + " (must be > 0)");
            }
        }
    }

    /** What one run measured. */
    public record Result(long points, int series, List<Path> segments, long segmentBytes, long blockBytes,
                         Elapsed medianEncode, Elapsed write, Elapsed medianDecode) {

        public double bytesPerPoint() {
            return (double) segmentBytes / points;
        }
    }

    private final Options options;
    private final FileIo io;

    public CompressionBenchmark(Options options, FileIo io) {
        this.options = options;
        this.io = io;
    }

    /** Runs all four steps and prints the report to {@code out}; throws if verification fails. */
    public Result run(PrintStream out) throws IOException {
        CpuOnlyConfig data = options.data();
        out.printf(Locale.ROOT, "data: TSBS cpu-only scale=%d hours=%d values=%s seed=%d%n",
                data.scale(), options.hours(), data.values().optionName(), data.seed());
        MagneticLayout layout = new MagneticLayout(options.dataDir(), TABLE_ID);
        if (!io.list(layout.tableDir(), "*").isEmpty()) {
            throw new IllegalArgumentException("cannot run benchmark: dir=" + layout.tableDir()
                    + " is not empty (give an empty or new --dir)");
        }

        int steps = Math.toIntExact(data.stepsIn(options.hours()));
        Elapsed[] encodeRuns = new Elapsed[options.runs()];
        List<List<SealedChunk>> chunks = null;
        for (int r = 0; r < encodeRuns.length; r++) {
            chunks = new ArrayList<>();
            encodeRuns[r] = encode(new CpuOnlyGenerator(data), steps, chunks);
        }
        CpuOnlyGenerator generator = new CpuOnlyGenerator(data);
        long points = (long) steps * generator.seriesCount();
        TreeMap<LocalDate, SegmentWriter> writers = new TreeMap<>();
        for (int s = 0; s < chunks.size(); s++) {
            for (SealedChunk c : chunks.get(s)) {
                LocalDate day = MagneticLayout.partitionOf(c.minTime());
                writers.computeIfAbsent(day, SegmentWriter::new).add(generator.seriesKey(s), c);
            }
        }

        Elapsed.Stopwatch writeWatch = Elapsed.start();
        List<Path> segments = new ArrayList<>(writers.size());
        long segmentId = 1;
        for (SegmentWriter writer : writers.values()) {
            segments.add(writer.write(io, layout, segmentId++, 0, new long[0], System.currentTimeMillis()));
        }
        Elapsed write = writeWatch.stop();
        long bytes = 0;
        for (Path segment : segments) {
            bytes += io.size(segment);
        }

        SegmentVerifier verifier = new SegmentVerifier(io, segments);
        Elapsed[] decodeRuns = new Elapsed[options.runs()];
        for (int r = 0; r < decodeRuns.length; r++) {
            decodeRuns[r] = verifier.timeDecodeAll(points);
        }
        verifier.verifyAgainst(new CpuOnlyGenerator(data), steps);

        Result result = new Result(points, generator.seriesCount(), List.copyOf(segments), bytes,
                verifier.blockBytes(), median(encodeRuns), write, median(decodeRuns));
        print(out, result);
        return result;
    }

    private static Elapsed median(Elapsed[] runs) {
        Elapsed[] sorted = runs.clone();
        Arrays.sort(sorted, Comparator.comparingLong(Elapsed::wallNanos));
        return sorted[sorted.length / 2];
    }

    /**
     * Builds and seals the chunks of every series into {@code chunks} (one list per series);
     * returns the time spent in append and seal.
     */
    private Elapsed encode(CpuOnlyGenerator generator, int steps, List<List<SealedChunk>> chunks) {
        double[] values = new double[steps];
        long[] times = new long[steps];
        generator.fillTimes(0, times, steps);
        // The memory store knows its chunk window, so it sizes an open chunk for it up front.
        int rowsPerChunk = Math.toIntExact(CHUNK_WINDOW_NANOS / generator.config().intervalNanos());
        Elapsed encode = Elapsed.ZERO;
        for (int s = 0; s < generator.seriesCount(); s++) {
            generator.nextValues(s, values, 0, steps);
            List<ColumnSpec> columns = List.of(new ColumnSpec(generator.seriesKey(s).measureName(), MeasureType.DOUBLE));
            Elapsed.Stopwatch watch = Elapsed.start();
            List<SealedChunk> sealed = new ArrayList<>();
            OpenChunk chunk = new OpenChunk(columns, rowsPerChunk);
            long window = Math.floorDiv(times[0], CHUNK_WINDOW_NANOS);
            for (int i = 0; i < steps; i++) {
                long w = Math.floorDiv(times[i], CHUNK_WINDOW_NANOS);
                if (w != window) {
                    sealed.add(chunk.seal());
                    chunk = new OpenChunk(columns, rowsPerChunk);
                    window = w;
                }
                int row = chunk.append(times[i], VERSION);
                chunk.setDouble(0, row, values[i]);
            }
            sealed.add(chunk.seal());
            encode = encode.plus(watch.stop());
            chunks.add(sealed);
        }
        return encode;
    }

    private static void print(PrintStream out, Result r) {
        out.printf(Locale.ROOT, "points=%d series=%d segments=%d%n", r.points(), r.series(), r.segments().size());
        out.printf(Locale.ROOT, "segment_bytes=%d (blocks %d, header + series dictionary + index %d)%n",
                r.segmentBytes(), r.blockBytes(), r.segmentBytes() - r.blockBytes());
        out.printf(Locale.ROOT, "encode: %s; median pass, append + seal of 2 h chunks, one thread%n",
                r.medianEncode().describeRate(r.points()));
        out.printf(Locale.ROOT, "segment write: %.3f s wall; re-chunk into day blocks, write, fsync, rename%n",
                r.write().wallNanos() / 1e9);
        out.printf(Locale.ROOT, "decode: %s; median pass, one thread, times and values of every block%n",
                r.medianDecode().describeRate(r.points()));
        out.printf(Locale.ROOT, "verify: ok, %d points equal to the generated ones%n", r.points());
        out.printf(Locale.ROOT, "bytes_per_point=%.3f%n", r.bytesPerPoint());
    }

}
