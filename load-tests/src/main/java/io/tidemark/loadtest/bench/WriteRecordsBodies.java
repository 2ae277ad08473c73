package io.tidemark.loadtest.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.loadtest.tsbs.CpuOnlyGenerator;
import io.tidemark.loadtest.tsbs.HostTags;
import io.tidemark.loadtest.tsbs.TsbsVocabulary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TSBS cpu-only data set as WriteRecords request bodies, encoded as the AWS SDKs send them: one
 * multi-measure record per host and step (Dimensions = the host's ten tags on every record,
 * MeasureName {@code cpu}, MeasureValueType MULTI, MeasureValues = the ten usage fields as DOUBLE,
 * Time in MILLISECONDS), no CommonAttributes. Rows go in the loader's natural order, every host at
 * one step before the next step, cut into calls of {@code recordsPerCall} records.
 *
 * <p>Each body is held as its database/table head and its records tail, so one encoding serves a
 * fresh table per run: a run sends {@link #head(String, String)} followed by the shared tail.
 */
public final class WriteRecordsBodies {

    private static final JsonFactory JSON = new JsonFactory();

    private final List<byte[]> tails;
    private final long records;
    private final long bytes;
    private final long encodeNanos;

    private WriteRecordsBodies(List<byte[]> tails, long records, long bytes, long encodeNanos) {
        this.tails = tails;
        this.records = records;
        this.bytes = bytes;
        this.encodeNanos = encodeNanos;
    }

    /**
     * Generates {@code steps} rows per host from {@code config} and encodes them; only the encoding
     * is timed ({@link #encodeNanos()}), not the generation of values.
     */
    public static WriteRecordsBodies encode(CpuOnlyConfig config, int steps, int recordsPerCall) {
        if (recordsPerCall < 1) {
            throw new IllegalArgumentException("cannot cut calls: recordsPerCall=" + recordsPerCall);
        }
        CpuOnlyGenerator generator = new CpuOnlyGenerator(config);
        int hosts = generator.hostCount();
        long[] times = new long[steps];
        generator.fillTimes(0, times, steps);
        double[][][] values = new double[hosts][TsbsVocabulary.FIELD_COUNT][steps];
        for (int h = 0; h < hosts; h++) {
            for (int f = 0; f < TsbsVocabulary.FIELD_COUNT; f++) {
                generator.nextValues(CpuOnlyGenerator.seriesOf(h, f), values[h][f], 0, steps);
            }
        }

        long t0 = System.nanoTime();
        long total = (long) hosts * steps;
        List<byte[]> tails = new ArrayList<>((int) ((total + recordsPerCall - 1) / recordsPerCall));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(recordsPerCall * 1200);
        long bytes = 0;
        try {
            for (long row = 0; row < total; row += recordsPerCall) {
                buffer.reset();
                try (JsonGenerator json = JSON.createGenerator(buffer, JsonEncoding.UTF8)) {
                    json.writeStartObject();
                    json.writeArrayFieldStart("Records");
                    for (long r = row; r < Math.min(total, row + recordsPerCall); r++) {
                        int step = (int) (r / hosts);
                        int host = (int) (r % hosts);
                        writeRecord(json, generator.host(host), values[host], step, times[step]);
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                }
                // the head ends inside the object: drop the tail's opening brace
                byte[] encoded = buffer.toByteArray();
                byte[] tail = Arrays.copyOfRange(encoded, 1, encoded.length);
                tails.add(tail);
                bytes += tail.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode WriteRecords bodies", e);
        }
        return new WriteRecordsBodies(List.copyOf(tails), total, bytes, System.nanoTime() - t0);
    }

    private static void writeRecord(JsonGenerator json, HostTags tags, double[][] hostValues, int step, long timeNanos)
            throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("Dimensions");
        for (int t = 0; t < TsbsVocabulary.TAG_NAMES.size(); t++) {
            json.writeStartObject();
            json.writeStringField("Name", TsbsVocabulary.TAG_NAMES.get(t));
            json.writeStringField("Value", tags.values().get(t));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("MeasureName", TsbsVocabulary.MEASUREMENT);
        json.writeStringField("MeasureValueType", "MULTI");
        json.writeArrayFieldStart("MeasureValues");
        for (int f = 0; f < TsbsVocabulary.FIELD_COUNT; f++) {
            json.writeStartObject();
            json.writeStringField("Name", TsbsVocabulary.FIELD_NAMES.get(f));
            json.writeStringField("Value", Double.toString(hostValues[f][step]));
            json.writeStringField("Type", "DOUBLE");
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("Time", Long.toString(TimeUnit.NANOSECONDS.toMillis(timeNanos)));
        json.writeStringField("TimeUnit", "MILLISECONDS");
        json.writeEndObject();
    }

    /** The start of every body for one table, up to where {@link #tail(int)} continues it. */
    public static byte[] head(String database, String table) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (JsonGenerator json = JSON.createGenerator(buffer, JsonEncoding.UTF8)) {
                json.writeStartObject();
                json.writeStringField("DatabaseName", database);
                json.writeStringField("TableName", table);
                json.writeEndObject();
            }
            String head = buffer.toString(StandardCharsets.UTF_8);
            // the tail starts with the next member: the head keeps its members and a separator
            return (head.substring(0, head.length() - 1) + ",").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a WriteRecords head", e);
        }
    }

    public int calls() {
        return tails.size();
    }

    /** Call {@code call}'s records, the rest of a body after {@link #head(String, String)}. */
    public byte[] tail(int call) {
        return tails.get(call);
    }

    /** Records in all calls together. */
    public long records() {
        return records;
    }

    /** Points in all calls together: ten per record. */
    public long points() {
        return records * TsbsVocabulary.FIELD_COUNT;
    }

    /** Bytes of all tails together. */
    public long bytes() {
        return bytes;
    }

    /** How long encoding the records took (the generation of values excluded). */
    public long encodeNanos() {
        return encodeNanos;
    }
}
