package io.tidemark.loadtest.tsbs;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows as Timestream WriteRecords request bodies: one multi-measure record per row (Dimensions =
 * the row's tags, zeroed ones left out; MeasureName = the measurement; MeasureValueType MULTI;
 * MeasureValues = the present fields, BIGINT or DOUBLE; Time in MILLISECONDS when the time is
 * a whole millisecond, else NANOSECONDS), {@code recordsPerBody} records per body. One builder
 * is reused from body to body.
 *
 * <p>All measurements go to one table, where an attribute name has one type: a field that is an
 * integer in one measurement and a double in another (devops {@code used_percent}: disk's is an
 * integer, mem's a double) is written as DOUBLE in both.
 */
public final class WriteRecordsFormat {

    private final String database;
    private final String table;
    private final int recordsPerBody;
    /** Per measurement, per field: written as BIGINT. */
    private final Map<MeasurementSchema, boolean[]> bigint = new IdentityHashMap<>();
    private final StringBuilder body = new StringBuilder(1 << 16);
    private int records;

    /** @param measurements every measurement the rows can be of */
    public WriteRecordsFormat(String database, String table, int recordsPerBody, List<MeasurementSchema> measurements) {
        if (recordsPerBody < 1) {
            throw new IllegalArgumentException("cannot cut bodies: recordsPerBody=" + recordsPerBody);
        }
        this.database = database;
        this.table = table;
        this.recordsPerBody = recordsPerBody;
        Set<String> doubles = new HashSet<>();
        for (MeasurementSchema m : measurements) {
            for (int f = 0; f < m.fieldCount(); f++) {
                if (!m.isInteger(f)) {
                    doubles.add(m.fieldNames().get(f));
                }
            }
        }
        for (MeasurementSchema m : measurements) {
            boolean[] b = new boolean[m.fieldCount()];
            for (int f = 0; f < b.length; f++) {
                b[f] = m.isInteger(f) && !doubles.contains(m.fieldNames().get(f));
            }
            bigint.put(m, b);
        }
    }

    /** Adds the row as a record of the current body. */
    public void add(Point p) {
        if (records == 0) {
            body.setLength(0);
            body.append("{\"DatabaseName\":");
            string(database);
            body.append(",\"TableName\":");
            string(table);
            body.append(",\"Records\":[");
        } else {
            body.append(',');
        }
        MeasurementSchema m = p.measurement();
        boolean[] asBigint = bigint.get(m);
        body.append("{\"Dimensions\":[");
        boolean first = true;
        for (int t = 0; t < m.tagCount(); t++) {
            String value = p.tag(t);
            if (value == null || value.isEmpty()) {
                continue;
            }
            body.append(first ? "{\"Name\":" : ",{\"Name\":");
            first = false;
            string(m.tagNames().get(t));
            body.append(",\"Value\":");
            string(value);
            body.append('}');
        }
        body.append("],\"MeasureName\":");
        string(m.name());
        body.append(",\"MeasureValueType\":\"MULTI\",\"MeasureValues\":[");
        first = true;
        for (int f = 0; f < m.fieldCount(); f++) {
            if (!p.present(f)) {
                continue;
            }
            body.append(first ? "{\"Name\":" : ",{\"Name\":");
            first = false;
            string(m.fieldNames().get(f));
            body.append(",\"Value\":\"");
            ValueText.append(body, p.value(f), asBigint[f]);
            body.append(asBigint[f] ? "\",\"Type\":\"BIGINT\"}" : "\",\"Type\":\"DOUBLE\"}");
        }
        long nanos = p.timeNanos();
        boolean millis = nanos % 1_000_000 == 0;
        body.append("],\"Time\":\"").append(millis ? nanos / 1_000_000 : nanos)
                .append(millis ? "\",\"TimeUnit\":\"MILLISECONDS\"}" : "\",\"TimeUnit\":\"NANOSECONDS\"}");
        records++;
    }

    /** Whether the current body holds {@code recordsPerBody} records. */
    public boolean full() {
        return records == recordsPerBody;
    }

    /** Whether records wait in the current body. */
    public boolean pending() {
        return records > 0;
    }

    /** Closes the current body and returns it; the next {@link #add} starts a new one. */
    public CharSequence takeBody() {
        body.append("]}");
        records = 0;
        return body;
    }

    private void string(String s) {
        body.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                body.append('\\').append(c);
            } else if (c < 0x20) {
                body.append(String.format("\\u%04x", (int) c));
            } else {
                body.append(c);
            }
        }
        body.append('"');
    }
}
