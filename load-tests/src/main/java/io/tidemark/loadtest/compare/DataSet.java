package io.tidemark.loadtest.compare;

import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.loadtest.tsbs.CpuOnlyGenerator;
import io.tidemark.loadtest.tsbs.LineProtocolWriter;
import io.tidemark.loadtest.tsbs.TsbsVocabulary;
import io.tidemark.loadtest.tsbs.ValueMode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TSBS cpu-only data set of one comparison, written once as Influx line protocol files (the
 * request bodies every line-protocol system receives, in order), each holding whole steps of every
 * host.
 *
 * @param config what was generated
 * @param steps rows per host
 * @param bodies the line-protocol files, in time order
 * @param bytes bytes of all files together
 */
public record DataSet(CpuOnlyConfig config, long steps, List<Path> bodies, long bytes) {

    private static final int BLOCK_STEPS = 64;

    public DataSet {
        bodies = List.copyOf(bodies);
    }

    /**
     * Generates {@code hours} of data ending at {@code endMillis} (an hour boundary) into files of
     * about {@code linesPerBody} lines under {@code dir}.
     */
    public static DataSet generate(int scale, long seed, ValueMode values, int hours,
            long endMillis, int linesPerBody, Path dir) throws IOException {
        long interval = CpuOnlyConfig.TSBS_INTERVAL_NANOS;
        long startNanos = TimeUnit.MILLISECONDS.toNanos(endMillis) - TimeUnit.HOURS.toNanos(hours);
        CpuOnlyConfig config = new CpuOnlyConfig(scale, seed, values, startNanos, interval);
        CpuOnlyGenerator generator = new CpuOnlyGenerator(config);
        LineProtocolWriter writer = new LineProtocolWriter(generator, BLOCK_STEPS);
        long steps = config.stepsIn(hours);
        long stepsPerBody = Math.max(1, linesPerBody / scale);
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        long bytes = 0;
        for (long done = 0; done < steps; done += stepsPerBody) {
            Path file = dir.resolve(String.format("%s-%05d.lp", values.optionName(), files.size()));
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
                writer.writeRows(out, Math.min(stepsPerBody, steps - done));
            }
            files.add(file);
            bytes += Files.size(file);
        }
        return new DataSet(config, steps, files, bytes);
    }

    /**
     * The rows of {@code steps} steps of {@code config}, sent some other way than as files (no
     * bodies): what a peer's {@link Peer#flush} waits for.
     */
    public static DataSet streamed(CpuOnlyConfig config, long steps) {
        return new DataSet(config, steps, List.of(), 0);
    }

    /** The data's span in whole hours, rounded up. */
    public int hours() {
        long hour = TimeUnit.HOURS.toNanos(1);
        return Math.toIntExact((steps * config.intervalNanos() + hour - 1) / hour);
    }

    public long rows() {
        return steps * config.scale();
    }

    public long points() {
        return rows() * TsbsVocabulary.FIELD_COUNT;
    }

    public DataRange range() {
        long first = TimeUnit.NANOSECONDS.toMillis(config.startNanos());
        long interval = TimeUnit.NANOSECONDS.toMillis(config.intervalNanos());
        return new DataRange(first, first + steps * interval, interval);
    }
}
