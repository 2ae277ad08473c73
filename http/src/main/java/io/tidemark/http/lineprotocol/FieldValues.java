package io.tidemark.http.lineprotocol;

import java.nio.charset.StandardCharsets;

/**
 * Field values and timestamps converted from the body's bytes for {@link LineScanner}: integers
 * ({@code 1i}), unsigned integers ({@code 1u}, within BIGINT), floats ({@code 1}, {@code 1.5},
 * {@code -2e3}; exact by Clinger's fast path up to 18 digits without exponent, else
 * {@link Double#parseDouble}) and booleans ({@code t T true True TRUE f F false False FALSE}).
 * Long digit strings (timestamps) are converted eight digits per step.
 */
final class FieldValues {

    /** Marks "not a valid integer", so {@code -9223372036854775808} is refused too (documented in docs/api.md). */
    static final long NOT_A_LONG = Long.MIN_VALUE;

    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private FieldValues() {
    }

    /**
     * The common values in one pass: up to 18 digits, optionally negative, then {@code i},
     * {@code u} or the end of the value (a float with an integer value).
     *
     * @return the offset after the value; or {@code -start - 1} when the value needs the general path
     */
    static int shortNumber(byte[] b, int start, int limit, ParsedLine out, int f) {
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
    static String convert(byte[] b, int s, int e, ParsedLine out, int f) {
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
        // Eight digits per step while they fill a word (a nanosecond timestamp: two words, three bytes).
        for (; q + 8 <= fastEnd; q += 8) {
            long word = BodyWords.get(b, q);
            if (!eightDigits(word)) {
                return NOT_A_LONG;
            }
            v = v * 100_000_000L + eightDigitsValue(word);
        }
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

    /** Whether every byte of {@code word} is an ASCII digit. */
    private static boolean eightDigits(long word) {
        return ((word & 0xF0F0F0F0F0F0F0F0L) | (((word + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                == 0x3333333333333333L;
    }

    /** The value of eight ASCII digits read little-endian (the first digit in the lowest byte): pairs, quads, then all. */
    private static long eightDigitsValue(long word) {
        long v = (word & 0x0F0F0F0F0F0F0F0FL) * 2561 >>> 8;
        v = (v & 0x00FF00FF00FF00FFL) * 6553601 >>> 16;
        return (v & 0x0000FFFF0000FFFFL) * 42949672960001L >>> 32;
    }

    private static boolean allDigits(byte[] b, int s, int e) {
        for (int q = s; q < e; q++) {
            if (!isDigit(b[q])) {
                return false;
            }
        }
        return s < e;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
