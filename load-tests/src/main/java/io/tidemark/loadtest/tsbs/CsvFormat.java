package io.tidemark.loadtest.tsbs;

/**
 * Rows as CSV (RFC 4180), one table per measurement: a header {@code time,<tags>,<fields>}, then
 * one line per row with the time in Unix epoch nanoseconds; a zeroed tag or field is an empty
 * cell; a cell holding a comma, quote or line break is quoted, its quotes doubled. Lines end with
 * CRLF as RFC 4180 asks.
 */
public final class CsvFormat {

    private static final String EOL = "\r\n";

    private CsvFormat() {
    }

    public static String header(MeasurementSchema m) {
        StringBuilder out = new StringBuilder("time");
        for (String tag : m.tagNames()) {
            out.append(',');
            cell(out, tag);
        }
        for (String field : m.fieldNames()) {
            out.append(',');
            cell(out, field);
        }
        return out.append(EOL).toString();
    }

    /** Appends the row's line, line break included. */
    public static void append(StringBuilder out, Point p) {
        MeasurementSchema m = p.measurement();
        out.append(p.timeNanos());
        for (int t = 0; t < m.tagCount(); t++) {
            out.append(',');
            String value = p.tag(t);
            if (value != null) {
                cell(out, value);
            }
        }
        for (int f = 0; f < m.fieldCount(); f++) {
            out.append(',');
            if (p.present(f)) {
                ValueText.append(out, p.value(f), m.isInteger(f));
            }
        }
        out.append(EOL);
    }

    private static void cell(StringBuilder out, String value) {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }
}
