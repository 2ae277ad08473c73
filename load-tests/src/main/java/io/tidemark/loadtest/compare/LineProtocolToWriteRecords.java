package io.tidemark.loadtest.compare;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Re-encodes line-protocol bodies as Timestream WriteRecords bodies, so that Tidemark receives
 * exactly the rows the line-protocol systems receive: one multi-measure record per line, in the
 * form {@link io.tidemark.loadtest.bench.WriteRecordsBodies} sends (the tags as dimensions,
 * MeasureName = the measurement, every field a DOUBLE measure value, time in milliseconds), cut
 * into calls of {@code recordsPerCall} records. Integer fields ({@code 58i}) lose their suffix.
 * Only the plain form the TSBS writer emits is understood: no escapes, no quoted strings.
 */
public final class LineProtocolToWriteRecords {

    private static final JsonFactory JSON = new JsonFactory();

    private LineProtocolToWriteRecords() {
    }

    /** Writes the calls of every line of {@code lineProtocol} into files under {@code dir}; returns them in order. */
    public static List<Path> convert(List<Path> lineProtocol, String database, String table, int recordsPerCall,
            Path dir) throws IOException {
        if (recordsPerCall < 1) {
            throw new IllegalArgumentException("cannot cut calls: recordsPerCall=" + recordsPerCall);
        }
        Files.createDirectories(dir);
        List<Path> calls = new ArrayList<>();
        List<String> pending = new ArrayList<>(recordsPerCall);
        for (Path file : lineProtocol) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    pending.add(line);
                    if (pending.size() == recordsPerCall) {
                        calls.add(writeCall(pending, database, table, dir.resolve("call-" + calls.size() + ".json")));
                        pending.clear();
                    }
                }
            }
        }
        if (!pending.isEmpty()) {
            calls.add(writeCall(pending, database, table, dir.resolve("call-" + calls.size() + ".json")));
        }
        return calls;
    }

    private static Path writeCall(List<String> lines, String database, String table, Path file) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(Files.newOutputStream(file), JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("DatabaseName", database);
            json.writeStringField("TableName", table);
            json.writeArrayFieldStart("Records");
            for (String line : lines) {
                writeRecord(json, line);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return file;
    }

    /** {@code measurement,k=v,... f=v,... timeNanos} as one multi-measure record. */
    static void writeRecord(JsonGenerator json, String line) throws IOException {
        int fieldsAt = line.indexOf(' ');
        int timeAt = line.lastIndexOf(' ');
        if (fieldsAt < 0 || timeAt <= fieldsAt) {
            throw new IllegalArgumentException("cannot parse line protocol: line=" + line);
        }
        String[] series = line.substring(0, fieldsAt).split(",");
        json.writeStartObject();
        json.writeArrayFieldStart("Dimensions");
        for (int t = 1; t < series.length; t++) {
            int eq = series[t].indexOf('=');
            json.writeStartObject();
            json.writeStringField("Name", series[t].substring(0, eq));
            json.writeStringField("Value", series[t].substring(eq + 1));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("MeasureName", series[0]);
        json.writeStringField("MeasureValueType", "MULTI");
        json.writeArrayFieldStart("MeasureValues");
        for (String field : line.substring(fieldsAt + 1, timeAt).split(",")) {
            int eq = field.indexOf('=');
            String value = field.substring(eq + 1);
            json.writeStartObject();
            json.writeStringField("Name", field.substring(0, eq));
            json.writeStringField("Value", value.endsWith("i") ? value.substring(0, value.length() - 1) : value);
            json.writeStringField("Type", "DOUBLE");
            json.writeEndObject();
        }
        json.writeEndArray();
        long nanos = Long.parseLong(line.substring(timeAt + 1));
        json.writeStringField("Time", Long.toString(TimeUnit.NANOSECONDS.toMillis(nanos)));
        json.writeStringField("TimeUnit", "MILLISECONDS");
        json.writeEndObject();
    }
}
