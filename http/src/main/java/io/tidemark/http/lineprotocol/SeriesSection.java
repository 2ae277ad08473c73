package io.tidemark.http.lineprotocol;

import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The series section of a line ({@code measurement[,tag=value…]}) split into its measurement and
 * tags, escapes removed: the measurement names the table and the record's measure name, the tags
 * are the record's dimensions. Built once per distinct section (the caches keep it), never per line.
 *
 * @param key the series (dimensions sorted, measure name = measurement); null when {@code error} is set
 * @param error why the section is malformed, or null
 * @param errorOffset offset of the error from the section's first byte
 */
record SeriesSection(String measurement, SeriesKey key, String error, int errorOffset) {

    static SeriesSection parse(byte[] b, int start, int end) {
        int p = start;
        while (p < end && b[p] != ',') {
            p += b[p] == '\\' && p + 1 < end && (b[p + 1] == ',' || b[p + 1] == ' ') ? 2 : 1;
        }
        if (p == start) {
            return failure("missing measurement", 0);
        }
        String measurement = EscapedText.decode(b, start, p, EscapedText.MEASUREMENT);
        List<Dimension> dims = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (p < end) {
            int keyStart = ++p;
            p = until(b, p, end);
            if (p == keyStart) {
                return failure("missing tag key", keyStart - start);
            }
            if (p == end || b[p] != '=') {
                return failure("missing tag value", p - start);
            }
            int valueStart = ++p;
            p = until(b, p, end);
            if (p == valueStart) {
                return failure("missing tag value", valueStart - start);
            }
            if (p < end && b[p] == '=') {
                return failure("invalid tag: unescaped equals sign in the value", p - start);
            }
            String name = EscapedText.decode(b, keyStart, valueStart - 1, EscapedText.KEY);
            if (!names.add(name)) {
                return failure("duplicate tag key " + name, keyStart - start);
            }
            dims.add(new Dimension(name, EscapedText.decode(b, valueStart, p, EscapedText.KEY)));
        }
        return new SeriesSection(measurement, SeriesKey.of(dims, measurement), null, 0);
    }

    boolean isValid() {
        return error == null;
    }

    /** The next unescaped comma or equals sign, or {@code end}. */
    private static int until(byte[] b, int p, int end) {
        while (p < end) {
            byte c = b[p];
            if (c == ',' || c == '=') {
                return p;
            }
            p += c == '\\' && p + 1 < end && (b[p + 1] == ',' || b[p + 1] == ' ' || b[p + 1] == '=') ? 2 : 1;
        }
        return p;
    }

    private static SeriesSection failure(String reason, int offset) {
        return new SeriesSection(null, null, reason, offset);
    }
}
