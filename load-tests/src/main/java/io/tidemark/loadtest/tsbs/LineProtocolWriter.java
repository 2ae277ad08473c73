package io.tidemark.loadtest.tsbs;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes generated rows as Influx line protocol, one line per host and row, exactly as TSBS
 * {@code --format=influx} does for cpu-only, e.g.
 * {@code cpu,hostname=host_0,region=...,service_environment=test usage_user=58i,...,usage_guest_nice=2i 1451606400000000000}.
 * Float2 values are written without a type suffix and without trailing zeros ({@code 58.2}).
 *
 * <p>Rows are written host by host within a timestamp, timestamps ascending; values are generated
 * a block of rows at a time into one reused buffer.
 */
public final class LineProtocolWriter {

    private final CpuOnlyGenerator generator;
    private final String[] linePrefixes;
    private final String[] fieldPrefixes;
    private final double[][] block;
    private final StringBuilder line = new StringBuilder(512);
    /** The line copied out of {@link #line}, so writing it allocates no String. */
    private char[] lineChars = new char[512];

    /**
     * @param blockSteps how many rows per host are generated at once (memory: series x blockSteps doubles)
     */
    public LineProtocolWriter(CpuOnlyGenerator generator, int blockSteps) {
        this.generator = generator;
        this.linePrefixes = new String[generator.hostCount()];
        for (int h = 0; h < linePrefixes.length; h++) {
            linePrefixes[h] = TsbsVocabulary.MEASUREMENT + ',' + generator.host(h).lineProtocolTagSet() + ' ';
        }
        this.fieldPrefixes = new String[TsbsVocabulary.FIELD_COUNT];
        for (int f = 0; f < fieldPrefixes.length; f++) {
            fieldPrefixes[f] = (f == 0 ? "" : ",") + TsbsVocabulary.FIELD_NAMES.get(f) + '=';
        }
        this.block = new double[generator.seriesCount()][blockSteps];
    }

    /**
     * Writes the next {@code steps} rows of every host; continues where the previous call stopped.
     *
     * @return the number of lines written ({@code steps} x hosts)
     */
    public long writeRows(Writer out, long steps) throws IOException {
        int blockSteps = block[0].length;
        long written = 0;
        for (long done = 0; done < steps; ) {
            int n = (int) Math.min(blockSteps, steps - done);
            long firstStep = generator.nextStep(0);
            for (int s = 0; s < block.length; s++) {
                generator.nextValues(s, block[s], 0, n);
            }
            for (int i = 0; i < n; i++) {
                long time = generator.timeNanos(firstStep + i);
                for (int h = 0; h < linePrefixes.length; h++) {
                    formatLine(h, i, time);
                    int length = line.length();
                    if (lineChars.length < length) {
                        lineChars = new char[length * 2];
                    }
                    line.getChars(0, length, lineChars, 0);
                    out.write(lineChars, 0, length);
                    written++;
                }
            }
            done += n;
        }
        return written;
    }

    private void formatLine(int host, int row, long time) {
        line.setLength(0);
        line.append(linePrefixes[host]);
        boolean integers = generator.config().values() == ValueMode.INT;
        for (int f = 0; f < TsbsVocabulary.FIELD_COUNT; f++) {
            double v = block[CpuOnlyGenerator.seriesOf(host, f)][row];
            line.append(fieldPrefixes[f]);
            if (integers) {
                line.append((long) v).append('i');
            } else {
                appendTwoDecimals(Math.round(v * 100));
            }
        }
        line.append(' ').append(time).append('\n');
    }

    private void appendTwoDecimals(long hundredths) {
        if (hundredths < 0) {
            line.append('-');
            hundredths = -hundredths;
        }
        line.append(hundredths / 100);
        long fraction = hundredths % 100;
        if (fraction != 0) {
            line.append('.').append(fraction / 10);
            if (fraction % 10 != 0) {
                line.append(fraction % 10);
            }
        }
    }
}
