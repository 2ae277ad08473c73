package io.tidemark.http.lineprotocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Scans InfluxDB line protocol
 * ({@code measurement[,tag=value…] field=value[,field=value…] [timestamp]}) one line at a time
 * from the body's bytes into a reused {@link ParsedLine}: the series section is only delimited and
 * hashed (its bytes are the key of the series caches; {@link SeriesSection} splits it on a cache
 * miss), field keys are delimited and hashed, values are converted from bytes. No allocation per
 * line, except a float the fast path cannot convert exactly (more than 18 digits or an exponent).
 *
 * <p>Escapes follow the line protocol reference: in the series section and in field keys a
 * backslash escapes a comma, a space (and in keys an equals sign); in string field values it
 * escapes a double quote or a backslash; before any other character it is a literal backslash.
 * A string field value may span lines. Lines starting with {@code #} are comments; blank lines
 * and a {@code \r} before the newline are ignored. A malformed line yields {@code ERROR} with the
 * reason and column, and scanning resumes at the next line.
 */
final class LineScanner {

    private static final double[] POW10 = new double[23];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SPACES = 0x2020202020202020L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private LineScanner() {
    }

    /**
     * Scans the line starting at {@code pos}.
     *
     * @return the offset after the line (past its newline)
     */
    static int scan(byte[] b, int pos, int limit, ParsedLine out) {
        out.reset(pos);
        int p = pos;
        while (p < limit && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r')) {
            p++;
        }
        if (p == limit) {
            return limit;
        }
        if (b[p] == '\n') {
            return p + 1;
        }
        if (b[p] == '#') {
            return nextLine(b, p, limit);
        }
        int seriesStart = p;
        while (p < limit) {
            // Eight bytes at a time while none of them is a space, a newline or a backslash.
            while (p + 8 <= limit && !hasSeriesDelimiter((long) LONGS.get(b, p))) {
                p += 8;
            }
            if (p == limit) {
                break;
            }
            byte c = b[p];
            if (c == ' ' || c == '\n') {
                break;
            }
            p += c == '\\' && p + 1 < limit && isKeyEscapable(b[p + 1]) ? 2 : 1;
        }
        if (b[seriesStart] == ',') {
            return fail(out, b, seriesStart, limit, "missing measurement");
        }
        if (p == limit || b[p] == '\n') {
            return fail(out, b, p, limit, "missing fields");
        }
        out.seriesStart = seriesStart;
        out.seriesEnd = p;
        out.seriesHash = hash(b, seriesStart, p);
        while (p < limit && b[p] == ' ') {
            p++;
        }
        if (isLineEnd(b, p, limit)) {
            return fail(out, b, p, limit, "missing fields");
        }
        while (true) {
            int keyStart = p;
            while (p < limit) {
                byte c = b[p];
                if (c == '=' || c == ',' || c == ' ' || c == '\n') {
                    break;
                }
                p += c == '\\' && p + 1 < limit && isKeyEscapable(b[p + 1]) ? 2 : 1;
            }
            if (p == keyStart) {
                return fail(out, b, p, limit, "missing field key");
            }
            if (p == limit || b[p] != '=') {
                return fail(out, b, p, limit, "missing field value");
            }
            int f = out.addField(keyStart, p);
            p++;
            if (p < limit && b[p] == '"') {
                int end = stringEnd(b, p + 1, limit, out);
                if (end < 0) {
                    return fail(out, b, p, limit, "unterminated string field value");
                }
                out.type[f] = ParsedLine.STRING;
                out.textStart[f] = p + 1;
                out.textEnd[f] = end;
                p = end + 1;
            } else if ((p = shortNumber(b, p, limit, out, f)) < 0) {
                p = -p - 1;
                int valueStart = p;
                while (p < limit) {
                    byte c = b[p];
                    if (c == ',' || c == ' ' || c == '\n' || c == '\r') {
                        break;
                    }
                    p++;
                }
                String reason = value(b, valueStart, p, out, f);
                if (reason != null) {
                    return fail(out, b, valueStart, limit, reason);
                }
            }
            if (p < limit && b[p] == ',') {
                p++;
                continue;
            }
            break;
        }
        if (isLineEnd(b, p, limit)) {
            out.kind = ParsedLine.POINT;
            return nextLine(b, p, limit);
        }
        if (b[p] != ' ') {
            return fail(out, b, p, limit, "invalid field value: expected a comma, a space or the end of the line");
        }
        while (p < limit && b[p] == ' ') {
            p++;
        }
        if (!isLineEnd(b, p, limit)) {
            int timeStart = p;
            while (p < limit && b[p] != ' ' && b[p] != '\n' && b[p] != '\r') {
                p++;
            }
            long t = parseLong(b, timeStart, p);
            if (t == NOT_A_LONG) {
                return fail(out, b, timeStart, limit, "invalid timestamp: expected an integer");
            }
            out.hasTime = true;
            out.time = t;
            while (p < limit && b[p] == ' ') {
                p++;
            }
            if (!isLineEnd(b, p, limit)) {
                return fail(out, b, p, limit, "unexpected text after the timestamp");
            }
        }
        out.kind = ParsedLine.POINT;
        return nextLine(b, p, limit);
    }

    /**
     * The common values in one pass: up to 18 digits, optionally negative, then {@code i},
     * {@code u} or the end of the value (a float with an integer value).
     *
     * @return the offset after the value; or {@code -start - 1} when the value needs the general path
     */
    private static int shortNumber(byte[] b, int start, int limit, ParsedLine out, int f) {
        int q = start;
        boolean negative = q < limit && b[q] == '-';
        if (negative) {
            q++;
        }
        int digitsStart = q;
        int digitsEnd = Math.min(limit, q + 18);
        long v = 0;
        for (; q < digitsEnd; q++) {
            int d = b[q] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            v = v * 10 + d;
        }
        if (q == digitsStart) {
            return -start - 1;
        }
        if (isValueEnd(b, q, limit)) {
            if (v >= 1L << 53) {
                return -start - 1;
            }
            out.type[f] = ParsedLine.FLOAT;
            out.value[f] = Double.doubleToRawLongBits(negative ? -(double) v : (double) v);
            return q;
        }
        byte c = b[q];
        if ((c == 'i' || c == 'u' && !negative) && isValueEnd(b, q + 1, limit)) {
            out.type[f] = c == 'i' ? ParsedLine.INTEGER : ParsedLine.UNSIGNED;
            out.value[f] = negative ? -v : v;
            return q + 1;
        }
        return -start - 1;
    }

    private static boolean isValueEnd(byte[] b, int q, int limit) {
        if (q >= limit) {
            return true;
        }
        byte c = b[q];
        return c == ',' || c == ' ' || c == '\n' || c == '\r';
    }

    /** Converts the unquoted value {@code [s, e)} of field {@code f}; the reason when it is malformed. */
    private static String value(byte[] b, int s, int e, ParsedLine out, int f) {
        if (s == e) {
            return "missing field value";
        }
        byte last = b[e - 1];
        if (last == 'i') {
            long v = parseLong(b, s, e - 1);
            if (v == NOT_A_LONG) {
                return "invalid integer field value: expected digits before i, in the BIGINT range";
            }
            out.type[f] = ParsedLine.INTEGER;
            out.value[f] = v;
            return null;
        }
        if (last == 'u') {
            if (b[s] == '-') {
                return "invalid unsigned field value: negative";
            }
            long v = parseLong(b, s, e - 1);
            if (v == NOT_A_LONG) {
                return allDigits(b, s, e - 1)
                        ? "unsigned field value out of the BIGINT range (at most 9223372036854775807)"
                        : "invalid unsigned field value: expected digits before u";
            }
            out.type[f] = ParsedLine.UNSIGNED;
            out.value[f] = v;
            return null;
        }
        int bool = parseBoolean(b, s, e);
        if (bool >= 0) {
            out.type[f] = ParsedLine.BOOLEAN;
            out.value[f] = bool;
            return null;
        }
        return parseFloat(b, s, e, out, f);
    }

    private static String parseFloat(byte[] b, int s, int e, ParsedLine out, int f) {
        int q = s;
        boolean negative = b[q] == '-';
        if (negative) {
            q++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = 0;
        boolean exact = true;
        boolean any = false;
        for (; q < e && isDigit(b[q]); q++) {
            any = true;
            if (digits < 18) {
                mantissa = mantissa * 10 + (b[q] - '0');
                digits++;
            } else {
                exact = false;
            }
        }
        if (q < e && b[q] == '.') {
            for (q++; q < e && isDigit(b[q]); q++) {
                any = true;
                if (digits < 18) {
                    mantissa = mantissa * 10 + (b[q] - '0');
                    digits++;
                    fraction++;
                } else {
                    exact = false;
                }
            }
        }
        if (!any) {
            return "invalid field value: not a number, string or boolean";
        }
        if (q < e && (b[q] == 'e' || b[q] == 'E')) {
            exact = false;
            q++;
            if (q < e && (b[q] == '+' || b[q] == '-')) {
                q++;
            }
            if (q == e || !isDigit(b[q])) {
                return "invalid float field value: malformed exponent";
            }
            while (q < e && isDigit(b[q])) {
                q++;
            }
        }
        if (q != e) {
            return "invalid field value: not a number, string or boolean";
        }
        double v;
        if (exact && fraction < POW10.length && mantissa < (1L << 53)) {
            // Both operands are exact doubles, so one division rounds correctly (Clinger's fast path).
            v = fraction == 0 ? mantissa : mantissa / POW10[fraction];
            v = negative ? -v : v;
        } else {
            v = Double.parseDouble(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
            if (Double.isInfinite(v)) {
                return "float field value out of range";
            }
        }
        out.type[f] = ParsedLine.FLOAT;
        out.value[f] = Double.doubleToRawLongBits(v);
        return null;
    }

    /** true/false as 1/0 for InfluxDB's spellings, -1 for anything else. */
    private static int parseBoolean(byte[] b, int s, int e) {
        int n = e - s;
        byte c = b[s];
        if (n == 1) {
            return c == 't' || c == 'T' ? 1 : c == 'f' || c == 'F' ? 0 : -1;
        }
        if (n == 4 && (matches(b, s, "true") || matches(b, s, "True") || matches(b, s, "TRUE"))) {
            return 1;
        }
        if (n == 5 && (matches(b, s, "false") || matches(b, s, "False") || matches(b, s, "FALSE"))) {
            return 0;
        }
        return -1;
    }

    private static boolean matches(byte[] b, int s, String word) {
        for (int i = 0; i < word.length(); i++) {
            if (b[s + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Marks "not a valid integer", so {@code -9223372036854775808} is refused too (documented in docs/api.md). */
    static final long NOT_A_LONG = Long.MIN_VALUE;

    /** {@code -?[0-9]+} within the long range, else {@link #NOT_A_LONG} (so Long.MIN_VALUE is refused). */
    static long parseLong(byte[] b, int s, int e) {
        boolean negative = s < e && b[s] == '-';
        int q = negative ? s + 1 : s;
        int digits = e - q;
        if (digits == 0 || digits > 19) {
            return NOT_A_LONG;
        }
        // Up to 18 digits cannot overflow; only a 19th needs a range check.
        int fastEnd = q + Math.min(digits, 18);
        long v = 0;
        for (; q < fastEnd; q++) {
            int d = b[q] - '0';
            if (d < 0 || d > 9) {
                return NOT_A_LONG;
            }
            v = v * 10 + d;
        }
        if (q < e) {
            int d = b[q] - '0';
            if (d < 0 || d > 9 || v > Long.MAX_VALUE / 10 || v == Long.MAX_VALUE / 10 && d > 7) {
                return NOT_A_LONG;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    /**
     * The hash of {@code b[s, e)} that the series and field-key tables are keyed by: eight bytes
     * per multiply, so a 150-byte series section hashes in a few dozen cycles.
     */
    static int hash(byte[] b, int s, int e) {
        long h = (e - s) * 0x9E3779B97F4A7C15L;
        int p = s;
        for (; p + 8 <= e; p += 8) {
            h = Long.rotateLeft(h ^ (long) LONGS.get(b, p), 29) * 0xBF58476D1CE4E5B9L;
        }
        long tail = 0;
        for (; p < e; p++) {
            tail = tail << 8 | (b[p] & 0xFF);
        }
        h = (h ^ tail) * 0x94D049BB133111EBL;
        return (int) (h ^ h >>> 32);
    }

    /** Whether any byte of {@code word} is a space, a newline or a backslash (SWAR zero-byte test). */
    private static boolean hasSeriesDelimiter(long word) {
        return (zeroByte(word ^ SPACES) | zeroByte(word ^ NEWLINES) | zeroByte(word ^ BACKSLASHES)) != 0;
    }

    private static long zeroByte(long x) {
        return (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
    }

    /** The offset of the closing quote of a string value starting at {@code p}, or -1. */
    private static int stringEnd(byte[] b, int p, int limit, ParsedLine out) {
        int newlines = 0;
        while (p < limit) {
            byte c = b[p];
            if (c == '"') {
                out.newlinesInStrings += newlines;
                return p;
            }
            if (c == '\n') {
                newlines++;
            }
            p += c == '\\' && p + 1 < limit && (b[p + 1] == '"' || b[p + 1] == '\\') ? 2 : 1;
        }
        return -1;
    }

    private static boolean allDigits(byte[] b, int s, int e) {
        for (int q = s; q < e; q++) {
            if (!isDigit(b[q])) {
                return false;
            }
        }
        return s < e;
    }

    private static boolean isKeyEscapable(byte c) {
        return c == ' ' || c == ',' || c == '=';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLineEnd(byte[] b, int p, int limit) {
        return p >= limit || b[p] == '\n' || b[p] == '\r' && (p + 1 == limit || b[p + 1] == '\n');
    }

    private static int nextLine(byte[] b, int p, int limit) {
        while (p < limit && b[p] != '\n') {
            p++;
        }
        return p < limit ? p + 1 : limit;
    }

    private static int fail(ParsedLine out, byte[] b, int at, int limit, String reason) {
        out.kind = ParsedLine.ERROR;
        out.error = reason;
        out.errorColumn = at - out.lineStart + 1;
        return nextLine(b, at, limit);
    }
}
