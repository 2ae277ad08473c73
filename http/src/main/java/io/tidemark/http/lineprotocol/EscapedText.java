package io.tidemark.http.lineprotocol;

import java.nio.charset.StandardCharsets;

/**
 * Line-protocol text with its escapes removed, decoded as UTF-8 (see {@link LineScanner} for the
 * escapes of each part). Only called for names not seen before and for string field values.
 */
final class EscapedText {

    /** A backslash escapes a comma or a space (the measurement). */
    static final String MEASUREMENT = ", ";
    /** A backslash escapes a comma, a space or an equals sign (tag keys and values, field keys). */
    static final String KEY = ", =";
    /** A backslash escapes a double quote or a backslash (string field values). */
    static final String STRING = "\"\\";

    private EscapedText() {
    }

    static String decode(byte[] b, int start, int end, String escapable) {
        int firstEscape = -1;
        for (int p = start; p < end - 1; p++) {
            if (b[p] == '\\' && escapable.indexOf(b[p + 1]) >= 0) {
                firstEscape = p;
                break;
            }
        }
        if (firstEscape < 0) {
            return new String(b, start, end - start, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[end - start];
        int n = firstEscape - start;
        System.arraycopy(b, start, out, 0, n);
        for (int p = firstEscape; p < end; p++) {
            if (b[p] == '\\' && p + 1 < end && escapable.indexOf(b[p + 1]) >= 0) {
                p++;
            }
            out[n++] = b[p];
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
