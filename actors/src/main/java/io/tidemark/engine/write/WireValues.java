package io.tidemark.engine.write;

/**
 * Reads the text forms WriteRecords carries values in, strictly and without exceptions on the
 * normal path, from a slice of a {@code char[]} so that a streaming reader needs no string per
 * value. Numbers are ASCII: an optional sign ({@code +} or {@code -}), digits, and for a DOUBLE an
 * optional fraction and exponent ({@code 1}, {@code -2.5}, {@code .5}, {@code 1e3}); no spaces, no
 * hexadecimal, no {@code NaN} or {@code Infinity}. BOOLEAN is {@code true} or {@code false} in
 * any letter case.
 */
final class WireValues {

    /** Powers of ten a double holds exactly: the range of the exact fast path of {@link #parseDecimal}. */
    private static final double[] EXACT_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22
    };
    /** Digits the fast path of {@link #parseDecimal} reads into a long without overflow. */
    private static final int FAST_DIGITS = 18;
    /** 2^53: every integer below it is exactly a double. */
    private static final long EXACT_DOUBLE_INTEGER = 1L << 53;

    private WireValues() {
    }

    /** True for an optional sign followed by one or more ASCII digits. */
    static boolean isInteger(char[] s, int off, int len) {
        int end = off + len;
        int i = off + signLength(s, off, len);
        if (i == end) {
            return false;
        }
        for (; i < end; i++) {
            if (!isDigit(s[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value of an {@link #isInteger integer} text, saturated to {@code Long.MIN_VALUE} or
     * {@code Long.MAX_VALUE} when it does not fit in 64 bits.
     */
    static long parseSaturated(char[] s, int off, int len) {
        boolean negative = s[off] == '-';
        int i = off + signLength(s, off, len);
        int end = off + len;
        // Accumulate negatively: Long.MIN_VALUE has no positive twin.
        long value = 0;
        for (; i < end; i++) {
            int digit = s[i] - '0';
            if (value < (Long.MIN_VALUE + digit) / 10) {
                return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            value = value * 10 - digit;
        }
        if (negative) {
            return value;
        }
        return value == Long.MIN_VALUE ? Long.MAX_VALUE : -value;
    }

    /** True when an {@link #isInteger integer} text fits in 64 bits. */
    static boolean fitsLong(char[] s, int off, int len) {
        long v = parseSaturated(s, off, len);
        if (v != Long.MAX_VALUE && v != Long.MIN_VALUE) {
            return true;
        }
        // The saturated values are themselves valid: tell them from an overflow by their digits.
        String text = new String(s, off, len);
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException overflow) {
            return false;
        }
    }

    /** {@code value * factor}, saturated to the long range. */
    static long multiplySaturated(long value, long factor) {
        long high = Math.multiplyHigh(value, factor);
        long low = value * factor;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return low;
        }
        return (value < 0) == (factor < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    /** True for decimal text: sign, digits with an optional fraction (at least one digit), optional exponent. */
    static boolean isDecimal(char[] s, int off, int len) {
        int n = off + len;
        int i = off + signLength(s, off, len);
        int digits = 0;
        while (i < n && isDigit(s[i])) {
            i++;
            digits++;
        }
        if (i < n && s[i] == '.') {
            i++;
            while (i < n && isDigit(s[i])) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            if (i < n && (s[i] == '+' || s[i] == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s[i])) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /**
     * The double nearest to a decimal text, exactly as {@link Double#parseDouble} reads it, or NaN
     * when the text is not {@link #isDecimal decimal} (NaN itself is not a decimal text). A plain
     * decimal (sign, digits, an optional fraction, no exponent) of at most
     * {@value #FAST_DIGITS} digits whose digits, read as an integer, stay below 2^53 (the shape
     * metrics take) is read in one pass without a string: the integer and the power of ten are
     * both exact doubles, so one division (or none) rounds correctly, as Clinger showed. Anything
     * else goes through {@code parseDouble}.
     */
    static double parseDecimal(char[] s, int off, int len) {
        int end = off + len;
        int i = off;
        boolean negative = false;
        if (i < end && (s[i] == '-' || s[i] == '+')) {
            negative = s[i] == '-';
            i++;
        }
        long digits = 0;
        int first = i;
        int d;
        while (i < end && (d = s[i] - '0') >= 0 && d <= 9) {
            digits = digits * 10 + d;
            i++;
        }
        int count = i - first;
        int fractionDigits = 0;
        if (i < end && s[i] == '.') {
            int fraction = ++i;
            while (i < end && (d = s[i] - '0') >= 0 && d <= 9) {
                digits = digits * 10 + d;
                i++;
            }
            fractionDigits = i - fraction;
            count += fractionDigits;
        }
        // FAST_DIGITS < EXACT_POWERS_OF_TEN.length: every fraction's power of ten is at hand
        if (i != end || count == 0 || count > FAST_DIGITS || digits >= EXACT_DOUBLE_INTEGER) {
            // an exponent, another character, no digit, or more digits than a long or a double holds exactly
            return count == 0 && i == end ? Double.NaN : slowDecimal(s, off, len);
        }
        double value = fractionDigits == 0 ? (double) digits : digits / EXACT_POWERS_OF_TEN[fractionDigits];
        return negative ? -value : value;
    }

    private static double slowDecimal(char[] s, int off, int len) {
        return isDecimal(s, off, len) ? Double.parseDouble(new String(s, off, len)) : Double.NaN;
    }

    /** 1 for {@code true}, 0 for {@code false} (any letter case), -1 for anything else. */
    static int parseBoolean(char[] s, int off, int len) {
        if (matchesIgnoreCase(s, off, len, "true")) {
            return 1;
        }
        return matchesIgnoreCase(s, off, len, "false") ? 0 : -1;
    }

    private static boolean matchesIgnoreCase(char[] s, int off, int len, String word) {
        if (len != word.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (Character.toLowerCase(s[off + i]) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int signLength(char[] s, int off, int len) {
        return len > 0 && (s[off] == '+' || s[off] == '-') ? 1 : 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
