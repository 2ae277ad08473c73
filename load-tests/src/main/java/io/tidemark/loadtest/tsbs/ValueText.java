package io.tidemark.loadtest.tsbs;

import java.math.BigDecimal;

/** Field values as text, the same in every output format: integers plain, doubles without an exponent. */
final class ValueText {

    private ValueText() {
    }

    /** Appends an integer field's value, or a double's shortest decimal form without an exponent. */
    static void append(StringBuilder out, double value, boolean integer) {
        if (integer) {
            out.append((long) value);
        } else if (value == 0 || (Math.abs(value) >= 1e-3 && Math.abs(value) < 1e7)) {
            out.append(value);
        } else {
            // Double.toString switches to an exponent outside [1e-3, 1e7): rare here, so allocate
            out.append(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
        }
    }
}
