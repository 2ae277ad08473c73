package io.tidemark.engine.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link WireValues#parseDecimal} reads every decimal text to the very double
 * {@link Double#parseDouble} reads (bit for bit, the sign of zero included), whichever of its
 * paths takes the text, and answers NaN for every text that is not decimal.
 */
class WireValuesPropertyTest {

    private static double parse(String text) {
        char[] padded = ("#" + text + "#").toCharArray();
        return WireValues.parseDecimal(padded, 1, text.length());
    }

    private static void readsAsParseDouble(String text) {
        boolean decimal = WireValues.isDecimal(text.toCharArray(), 0, text.length());
        if (decimal) {
            assertThat(Double.doubleToRawLongBits(parse(text))).as(text)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        } else {
            assertThat(parse(text)).as(text).isNaN();
        }
        Statistics.label("text").collect(decimal ? "decimal" : "not decimal");
    }

    @Property(tries = 3000)
    void readsGeneratedDecimalTextsAsParseDoubleDoes(@ForAll("decimalTexts") String text) {
        readsAsParseDouble(text);
    }

    @Property(tries = 2000)
    void readsEveryDoubleAsWrittenByJavaAndInPlainNotationAsParseDoubleDoes(@ForAll double value,
            @ForAll("scales") int scale) {
        readsAsParseDouble(Double.toString(value));
        if (Double.isFinite(value)) {
            readsAsParseDouble(new BigDecimal(value).setScale(scale, java.math.RoundingMode.HALF_EVEN).toPlainString());
        }
    }

    @Property(tries = 2000)
    void readsTextsNearTheFastPathsLimitsAsParseDoubleDoes(@ForAll("nearLimits") String text) {
        readsAsParseDouble(text);
    }

    @Provide
    Arbitrary<Integer> scales() {
        return Arbitraries.integers().between(0, 20);
    }

    @Provide
    Arbitrary<String> decimalTexts() {
        Arbitrary<String> sign = Arbitraries.of("", "", "-", "+");
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(24);
        Arbitrary<String> fraction = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(3, digits.map(d -> "." + d)));
        Arbitrary<String> exponent = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
                        Arbitraries.integers().between(0, 400)).as((e, s, n) -> e + s + n)));
        Arbitrary<String> noise = Arbitraries.of("", "", "", "", "x", " ", ".", "e", "--", "\u0660");
        return Combinators.combine(sign, digits, fraction, exponent, noise, Arbitraries.integers().between(0, 30))
                .as((s, d, f, e, n, at) -> {
                    String text = s + d + f + e;
                    int cut = Math.min(at, text.length());
                    return text.substring(0, cut) + n + text.substring(cut);
                });
    }

    /** Eighteen and nineteen digits, integers about 2^53, fractions of many digits: where the fast path ends. */
    @Provide
    Arbitrary<String> nearLimits() {
        Arbitrary<Long> around253 = Arbitraries.longs().between((1L << 53) - 1000, (1L << 53) + 1000);
        Arbitrary<Long> big = Arbitraries.longs().between(100_000_000_000_000_000L, Long.MAX_VALUE);
        Arbitrary<Long> any = Arbitraries.longs().between(0, Long.MAX_VALUE);
        return Combinators.combine(Arbitraries.oneOf(around253, big, any), Arbitraries.integers().between(0, 19),
                Arbitraries.of("", "-", "00")).as((n, point, prefix) -> {
                    String digits = Long.toString(n);
                    int at = Math.max(0, digits.length() - point);
                    return prefix + digits.substring(0, at) + "." + digits.substring(at);
                });
    }
}
