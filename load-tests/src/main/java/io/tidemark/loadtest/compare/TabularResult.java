package io.tidemark.loadtest.compare;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer as named columns and rows of cell texts (null: SQL NULL), as the SQL-speaking systems
 * and InfluxDB return it, and its normalisation into {@link ResultRow}s of a {@link QueryShape}.
 *
 * <p>Columns are found by name, so each system may order and alias them its own way: the time is
 * the first of {@code time}, {@code timestamp}, {@code minute}, {@code hour}; the host is
 * {@code hostname}; a field's value is the column named the field or ending in {@code _<field>}
 * ({@code max_usage_user}, {@code last_usage_user}).
 */
public record TabularResult(List<String> columns, List<List<String>> rows) {

    private static final List<String> TIME_COLUMNS = List.of("time", "timestamp", "minute", "hour");

    public TabularResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The rows in the common form of {@code shape}. */
    public List<ResultRow> normalise(QueryShape shape) {
        if (rows.isEmpty()) {
            return List.of();
        }
        int time = shape.timed() ? timeColumn() : -1;
        int host = shape.perHost() ? column("hostname") : -1;
        int[] fields = new int[shape.fields().size()];
        for (int f = 0; f < fields.length; f++) {
            fields[f] = fieldColumn(shape.fields().get(f));
        }
        List<ResultRow> normalised = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            double[] values = new double[fields.length];
            for (int f = 0; f < fields.length; f++) {
                String cell = row.get(fields[f]);
                values[f] = cell == null ? Double.NaN : Double.parseDouble(cell);
            }
            normalised.add(new ResultRow(time < 0 ? 0 : parseTimeMillis(row.get(time)), host < 0 ? "" : row.get(host),
                    values));
        }
        return normalised;
    }

    /**
     * A time cell as epoch milliseconds: digits are epoch milliseconds already (InfluxDB with
     * {@code epoch=ms}); otherwise an ISO-8601 instant ({@code 2016-01-01T00:00:00.000000Z}, QuestDB)
     * or Timestream's {@code 2016-01-01 00:00:00.000000000} (UTC, no zone).
     */
    public static long parseTimeMillis(String cell) {
        if (cell == null) {
            throw new IllegalArgumentException("cannot parse a time: cell=null");
        }
        if (!cell.isEmpty() && cell.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(cell);
        }
        String iso = cell.replace(' ', 'T');
        return Instant.parse(iso.endsWith("Z") ? iso : iso + "Z").toEpochMilli();
    }

    private int timeColumn() {
        for (String name : TIME_COLUMNS) {
            int index = columns.indexOf(name);
            if (index >= 0) {
                return index;
            }
        }
        throw missing("time (one of " + TIME_COLUMNS + ")");
    }

    private int column(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw missing(name);
        }
        return index;
    }

    private int fieldColumn(String field) {
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c);
            if (name.equals(field) || name.endsWith("_" + field)) {
                return c;
            }
        }
        throw missing("field " + field);
    }

    private IllegalArgumentException missing(String what) {
        return new IllegalArgumentException("cannot normalise an answer: missing=" + what + ", columns=" + columns);
    }
}
