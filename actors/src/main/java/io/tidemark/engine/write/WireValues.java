package io.tidemark.engine.write;

/**
 * Reads the text forms WriteRecords carries values in, strictly and without exceptions on the
 * normal path. Numbers are ASCII: an optional sign ({@code +} or {@code -}), digits, and for a
 * DOUBLE an optional fraction and exponent ({@code 1}, {@code -2.5}, {@code .5}, {@code 1e3});
 * no spaces, no hexadecimal, no {@code NaN} or {@code Infinity}. BOOLEAN is {@code true} or
 * {@code false} in any letter case.
 */
final class WireValues {

    private WireValues() {
    }

    /** True for an optional sign followed by one or more ASCII digits. */
    static boolean isInteger(String s) {
        int n = s.length();
        int i = signLength(s);
        if (i == n) {
            return false;
        }
        for (; i < n; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value of an {@link #isInteger integer} text, saturated to {@code Long.MIN_VALUE} or
     * {@code Long.MAX_VALUE} when it does not fit in 64 bits.
     */
    static long parseSaturated(String integer) {
        try {
            return Long.parseLong(integer);
        } catch (NumberFormatException overflow) {
            return integer.charAt(0) == '-' ? Long.MIN_VALUE : Long.MAX_VALUE;
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
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = signLength(s);
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** 1 for {@code true}, 0 for {@code false} (any letter case), -1 for anything else. */
    static int parseBoolean(String s) {
        if ("true".equalsIgnoreCase(s)) {
            return 1;
        }
        return "false".equalsIgnoreCase(s) ? 0 : -1;
    }

    private static int signLength(String s) {
        return !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
