package io.tidemark.engine.query.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ValueFormat#renderDouble} gives, on its fast path for values with few decimals, exactly
 * the text of the definition: the decimal of fewest significant digits that reads back as the
 * value (big-decimal rounding at 1, 2, … 17 digits), plain for magnitudes in [1e-3, 1e21).
 */
class DoubleTextPropertyTest {

    /** The definition, by big decimals, as a reference. */
    private static String byDefinition(double value) {
        BigDecimal exact = new BigDecimal(value);
        BigDecimal shortest = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
        for (int precision = 16; precision >= 1; precision--) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == value) {
                shortest = rounded;
            }
        }
        String plain = shortest.stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    /** A decimal of up to 17 significant digits and up to 18 fraction digits, as a double. */
    @Provide
    Arbitrary<Double> decimals() {
        Arbitrary<Long> unscaled = Arbitraries.oneOf(Arbitraries.longs().between(-99_999, 99_999),
                Arbitraries.longs().between(-(1L << 53), 1L << 53),
                Arbitraries.longs().between(-99_999_999_999_999_999L, 99_999_999_999_999_999L));
        return Combinators.combine(unscaled, Arbitraries.integers().between(0, 18))
                .as((m, k) -> new BigDecimal(m).movePointLeft(k).doubleValue())
                .filter(value -> Math.abs(value) >= 1e-3 && Math.abs(value) < 1e21);
    }

    /** Halfway between two decimals of k digits: where a scaled product is hardest to round. */
    @Provide
    Arbitrary<Double> halfways() {
        return Combinators.combine(Arbitraries.longs().between(1, 1L << 52),
                Arbitraries.integers().between(0, 17))
                .as((m, k) -> new BigDecimal(m).add(new BigDecimal("0.5")).movePointLeft(k).doubleValue())
                .filter(value -> value >= 1e-3 && value < 1e21);
    }

    @Property(tries = 4_000)
    void decimalsRenderAsTheDefinitionSays(@ForAll("decimals") double value) {
        assertThat(ValueFormat.renderDouble(value)).isEqualTo(byDefinition(value));
    }

    @Property(tries = 2_000)
    void halfwaysRenderAsTheDefinitionSays(@ForAll("halfways") double value) {
        assertThat(ValueFormat.renderDouble(value)).isEqualTo(byDefinition(value));
    }

    /** Any double of the plain range, every bit pattern as likely. */
    @Provide
    Arbitrary<Double> plainRange() {
        return Arbitraries.longs().between(Double.doubleToLongBits(1e-3), Double.doubleToLongBits(1e21) - 1)
                .map(Double::longBitsToDouble);
    }

    @Property(tries = 2_000)
    void anyDoubleInThePlainRangeRendersAsTheDefinitionSays(@ForAll("plainRange") double value) {
        assertThat(ValueFormat.renderDouble(value)).isEqualTo(byDefinition(value));
        assertThat(ValueFormat.renderDouble(-value)).isEqualTo("-" + byDefinition(value));
    }

    @Example
    void edgesOfTheFastPath() {
        double[] values = {1e-3, 0.001, 0.0015, 0.1, 0.3, 0.1 + 0.2, 58.27, 35.0, 1200.0, 9.999999999999998,
            10.000000000000002, 1125899906842623.0, 1125899906842624.0, 1125899906842624.5, 4503599627370495.5,
            9007199254740993.0, 0.30000000000000004, 123456.7890123, 99.99999999999999, 1e15, 1e16, 1e20,
            Math.nextDown(1e21), Math.nextUp(1e-3), 2.213363839400643, 12345678.9};
        for (double value : values) {
            assertThat(ValueFormat.renderDouble(value)).as("%s", value).isEqualTo(byDefinition(value));
        }
    }
}
