package io.tidemark.loadtest.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a load driver measured, as one table: the settings it ran with (flags, data set, load
 * average), named columns and a row per measured thing (a run, a query type, a step of a sweep),
 * and notes (mismatches, failures). Written as JSON and as markdown ({@link #write}); the JSON
 * reads back with {@link #parse}.
 *
 * @param driver the job, e.g. {@code ingest}
 * @param settings what the run was, in the order given
 * @param columns the table's column names
 * @param rows the table, cells as strings, integers or doubles (null: none)
 * @param notes free lines under the table
 */
public record DriverReport(String driver, Map<String, Object> settings, List<String> columns, List<List<Object>> rows,
        List<String> notes) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public DriverReport {
        settings = new LinkedHashMap<>(settings);
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("cannot report a row: cells=" + row.size() + ", columns="
                        + columns.size() + ", row=" + row);
            }
            copy.add(new ArrayList<>(row));
        }
        rows = copy;
        notes = List.copyOf(notes);
    }

    public String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report as JSON: driver=" + driver, e);
        }
    }

    public static DriverReport parse(String json) throws IOException {
        return JSON.readValue(json, DriverReport.class);
    }

    /** A heading, the settings on one line, the table, then the notes. */
    public String markdown() {
        StringBuilder md = new StringBuilder("**load ").append(driver).append("**");
        List<String> pairs = new ArrayList<>();
        settings.forEach((k, v) -> pairs.add(k + "=" + v));
        md.append(" (").append(String.join(", ", pairs)).append(")\n\n|");
        for (String column : columns) {
            md.append(' ').append(column).append(" |");
        }
        md.append("\n|");
        for (int c = 0; c < columns.size(); c++) {
            md.append(c == 0 ? "---|" : "---:|");
        }
        md.append('\n');
        for (List<Object> row : rows) {
            md.append('|');
            for (Object cell : row) {
                md.append(' ').append(cell(cell)).append(" |");
            }
            md.append('\n');
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    /**
     * Writes {@code <base>.json} and {@code <base>.md}, {@code base} being {@code out} without a
     * {@code .json} or {@code .md} ending; returns both paths.
     */
    public List<Path> write(Path out) throws IOException {
        String name = out.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5)
                : name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
        Path json = out.resolveSibling(base + ".json");
        Path md = out.resolveSibling(base + ".md");
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(json, json() + "\n", StandardCharsets.UTF_8);
        Files.writeString(md, markdown(), StandardCharsets.UTF_8);
        return List.of(json, md);
    }

    /** Integers as they are, doubles to about three significant digits, null as nothing. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            double magnitude = Math.abs(d);
            String format = magnitude >= 100 || d == 0 ? "%.0f" : magnitude >= 1 ? "%.2f" : "%.3f";
            return String.format(Locale.ROOT, format, d);
        }
        return value.toString();
    }
}
