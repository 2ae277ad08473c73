package io.tidemark.loadtest.tsbs;

/**
 * Rows as InfluxDB line protocol, as TSBS {@code --format=influx} writes them:
 * {@code measurement,tag=value,... field=12i,other=0.5 <epoch ns>}; integer fields carry the
 * {@code i} suffix, doubles none; zeroed tags and fields are left out. Measurement names, keys and
 * tag values are escaped by the line-protocol rules (backslash before comma, space and, in keys
 * and tag values, equals sign).
 */
public final class LineProtocolFormat {

    private LineProtocolFormat() {
    }

    /** Appends the row's line, newline included. */
    public static void append(StringBuilder out, Point p) {
        MeasurementSchema m = p.measurement();
        escape(out, m.name(), false);
        for (int t = 0; t < m.tagCount(); t++) {
            String value = p.tag(t);
            if (value == null || value.isEmpty()) {
                continue;
            }
            out.append(',');
            escape(out, m.tagNames().get(t), true);
            out.append('=');
            escape(out, value, true);
        }
        char separator = ' ';
        for (int f = 0; f < m.fieldCount(); f++) {
            if (!p.present(f)) {
                continue;
            }
            out.append(separator);
            separator = ',';
            escape(out, m.fieldNames().get(f), true);
            out.append('=');
            ValueText.append(out, p.value(f), m.isInteger(f));
            if (m.isInteger(f)) {
                out.append('i');
            }
        }
        out.append(' ').append(p.timeNanos()).append('\n');
    }

    private static void escape(StringBuilder out, String s, boolean equalsToo) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == ' ' || (equalsToo && c == '=')) {
                out.append('\\');
            }
            out.append(c);
        }
    }
}
