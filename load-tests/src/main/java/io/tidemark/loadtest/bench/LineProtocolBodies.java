package io.tidemark.loadtest.bench;

import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.loadtest.tsbs.CpuOnlyGenerator;
import io.tidemark.loadtest.tsbs.LineProtocolWriter;
import io.tidemark.loadtest.tsbs.TsbsVocabulary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The TSBS cpu-only data set as InfluxDB line-protocol bodies, exactly as TSBS
 * {@code --format=influx} writes them ({@link LineProtocolWriter}: one line per host and step,
 * the host's ten tags, the ten {@code usage_*} fields, nanosecond timestamps), cut into calls of
 * {@code linesPerCall} lines. The database is in each call's URL, so one encoding serves every run.
 */
public final class LineProtocolBodies {

    private final List<byte[]> bodies;
    private final long lines;
    private final long bytes;
    private final long encodeNanos;

    private LineProtocolBodies(List<byte[]> bodies, long lines, long bytes, long encodeNanos) {
        this.bodies = bodies;
        this.lines = lines;
        this.bytes = bytes;
        this.encodeNanos = encodeNanos;
    }

    /** Generates and writes {@code steps} rows per host; the generation and writing are timed together. */
    public static LineProtocolBodies encode(CpuOnlyConfig config, int steps, int linesPerCall) {
        if (linesPerCall < 1) {
            throw new IllegalArgumentException("cannot cut calls: linesPerCall=" + linesPerCall);
        }
        long t0 = System.nanoTime();
        CpuOnlyGenerator generator = new CpuOnlyGenerator(config);
        ByteArrayOutputStream text = new ByteArrayOutputStream(steps * generator.hostCount() * 300);
        long lines;
        try (Writer out = new OutputStreamWriter(text, StandardCharsets.US_ASCII)) {
            lines = new LineProtocolWriter(generator, Math.min(steps, 512)).writeRows(out, steps);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write line protocol", e);
        }
        byte[] all = text.toByteArray();
        List<byte[]> bodies = new ArrayList<>();
        int start = 0;
        int inCall = 0;
        for (int p = 0; p < all.length; p++) {
            if (all[p] == '\n' && ++inCall == linesPerCall) {
                bodies.add(Arrays.copyOfRange(all, start, p + 1));
                start = p + 1;
                inCall = 0;
            }
        }
        if (start < all.length) {
            bodies.add(Arrays.copyOfRange(all, start, all.length));
        }
        return new LineProtocolBodies(List.copyOf(bodies), lines, all.length, System.nanoTime() - t0);
    }

    public int calls() {
        return bodies.size();
    }

    public byte[] body(int call) {
        return bodies.get(call);
    }

    public long lines() {
        return lines;
    }

    /** Lines x the ten fields of a TSBS cpu row. */
    public long points() {
        return lines * TsbsVocabulary.FIELD_COUNT;
    }

    public long bytes() {
        return bytes;
    }

    public long encodeNanos() {
        return encodeNanos;
    }
}
