package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.FunctionCalls.arg;
import static io.tidemark.engine.query.function.FunctionCalls.call;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class MathFunctionsPropertyTest {

    @Property
    void roundingTwiceChangesNothing(@ForAll @DoubleRange(min = -1e9, max = 1e9) double value, @ForAll @IntRange(min = -3, max = 6) int decimals) {
        double once = (Double) call("round", DOUBLE, arg(DOUBLE, value), arg(BIGINT, (long) decimals));
        double twice = (Double) call("round", DOUBLE, arg(DOUBLE, once), arg(BIGINT, (long) decimals));
        assertThat(twice == once).as("round(%s, %s) = %s, rounded again %s", value, decimals, once, twice).isTrue();
    }

    @Property
    void roundMovesAtMostHalf(@ForAll @DoubleRange(min = -1e15, max = 1e15) double value) {
        double rounded = (Double) call("round", DOUBLE, arg(DOUBLE, value));
        assertThat(Math.abs(rounded - value)).isLessThanOrEqualTo(0.5);
        assertThat(rounded).isEqualTo(Math.rint(rounded));
    }

    @Property
    void modIsTheRemainderOfTruncatingDivision(@ForAll long dividend, @ForAll long divisor) {
        if (divisor == 0) {
            return;
        }
        long remainder = (Long) call("mod", BIGINT, arg(BIGINT, dividend), arg(BIGINT, divisor));
        assertThat((dividend / divisor) * divisor + remainder).isEqualTo(dividend);
        assertThat(remainder == 0 || Long.signum(remainder) == Long.signum(dividend)).isTrue();
    }

    @Property
    void bitCountsOfAValueAndItsComplementAddUp(@ForAll long value) {
        long notValue = (Long) call("bitwise_not", BIGINT, arg(BIGINT, value));
        long ones = (Long) call("bit_count", BIGINT, arg(BIGINT, value), arg(BIGINT, 64L));
        long zeros = (Long) call("bit_count", BIGINT, arg(BIGINT, notValue), arg(BIGINT, 64L));
        assertThat(ones + zeros).isEqualTo(64L);
    }

    @Property
    void roundOfABigintToTensIsTheNearestMultiple(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long value) {
        long rounded = (Long) call("round", BIGINT, arg(BIGINT, value), arg(BIGINT, -1L));
        assertThat(rounded % 10).isZero();
        assertThat(Math.abs(rounded - value)).isLessThanOrEqualTo(5L);
        assertThat(rounded).isEqualTo(Math.round(Math.abs(value) / 10.0) * 10 * Long.signum(value));
    }
}
