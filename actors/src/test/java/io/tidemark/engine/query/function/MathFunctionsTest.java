package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.FunctionCalls.apply;
import static io.tidemark.engine.query.function.FunctionCalls.arg;
import static io.tidemark.engine.query.function.FunctionCalls.call;
import static io.tidemark.engine.query.function.FunctionCalls.vector;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.BOOLEAN;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.INTEGER;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import org.junit.jupiter.api.Test;

class MathFunctionsTest {

    private static Object unary(String name, PrimitiveType type, Object value) {
        return call(name, type, arg(type, value));
    }

    private static Object dbl(String name, double value) {
        return call(name, DOUBLE, arg(DOUBLE, value));
    }

    @Test
    void absKeepsTheTypeAndRefusesTheSmallestInteger() {
        assertThat(unary("abs", BIGINT, -5L)).isEqualTo(5L);
        assertThat(unary("abs", INTEGER, -7L)).isEqualTo(7L);
        assertThat(dbl("abs", -2.5)).isEqualTo(2.5);
        assertThatThrownBy(() -> unary("abs", BIGINT, Long.MIN_VALUE)).isInstanceOf(QueryFunctionException.class)
                .hasMessage("Value -9223372036854775808 is out of range for abs(bigint)");
        assertThatThrownBy(() -> unary("abs", INTEGER, (long) Integer.MIN_VALUE)).hasMessage("Value -2147483648 is out of range for abs(integer)");
        assertThat(apply("abs", INTEGER, 2, vector(INTEGER, -3L, 4L)).type()).isEqualTo(INTEGER);
    }

    @Test
    void roundIsHalfAwayFromZero() {
        assertThat(dbl("round", 2.5)).isEqualTo(3.0);
        assertThat(dbl("round", -2.5)).isEqualTo(-3.0);
        assertThat(dbl("round", 0.49999999999999994)).isEqualTo(0.0);
        assertThat(dbl("round", Double.NaN)).isEqualTo(Double.NaN);
        assertThat(dbl("round", 1e300)).isEqualTo(1e300);
        assertThat(dbl("round", Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(call("round", DOUBLE, arg(DOUBLE, 1.2345), arg(BIGINT, 2L))).isEqualTo(1.23);
        assertThat(call("round", DOUBLE, arg(DOUBLE, -1.235), arg(BIGINT, 2L))).isEqualTo(-1.24);
        assertThat(call("round", DOUBLE, arg(DOUBLE, 1234.5), arg(BIGINT, -2L))).isEqualTo(1200.0);
        assertThat(call("round", DOUBLE, arg(DOUBLE, 1234.5), arg(BIGINT, -400L))).isEqualTo(0.0);
        assertThat(call("round", DOUBLE, arg(DOUBLE, 1.5), arg(BIGINT, 400L))).isEqualTo(1.5);
        assertThat(unary("round", BIGINT, 17L)).isEqualTo(17L);
        assertThat(call("round", BIGINT, arg(BIGINT, 1250L), arg(BIGINT, -2L))).isEqualTo(1300L);
        assertThat(call("round", BIGINT, arg(BIGINT, -1250L), arg(BIGINT, -2L))).isEqualTo(-1300L);
        assertThat(call("round", BIGINT, arg(BIGINT, 1249L), arg(BIGINT, -2L))).isEqualTo(1200L);
        assertThat(call("round", BIGINT, arg(BIGINT, 1249L), arg(BIGINT, 3L))).isEqualTo(1249L);
        assertThat(call("round", BIGINT, arg(BIGINT, 123L), arg(BIGINT, -30L))).isEqualTo(0L);
        assertThatThrownBy(() -> call("round", BIGINT, arg(BIGINT, Long.MAX_VALUE), arg(BIGINT, -1L)))
                .isInstanceOf(QueryFunctionException.class).hasMessageContaining("out of range");
    }

    @Test
    void truncateCeilFloorAndSign() {
        assertThat(dbl("truncate", -2.7)).isEqualTo(-2.0);
        assertThat(dbl("truncate", 2.7)).isEqualTo(2.0);
        assertThat(dbl("ceil", -1.5)).isEqualTo(-1.0);
        assertThat(dbl("ceiling", 1.2)).isEqualTo(2.0);
        assertThat(dbl("floor", -1.5)).isEqualTo(-2.0);
        assertThat(unary("floor", BIGINT, 5L)).isEqualTo(5L);
        assertThat(unary("sign", BIGINT, -3L)).isEqualTo(-1L);
        assertThat(unary("sign", INTEGER, 0L)).isEqualTo(0L);
        assertThat(dbl("sign", Double.NaN)).isEqualTo(Double.NaN);
        assertThat(dbl("sign", Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(dbl("sign", 0.25)).isEqualTo(1.0);
    }

    @Test
    void modTakesTheSignOfTheDividend() {
        assertThat(call("mod", BIGINT, arg(BIGINT, -7L), arg(BIGINT, 3L))).isEqualTo(-1L);
        assertThat(call("mod", BIGINT, arg(BIGINT, 7L), arg(BIGINT, -3L))).isEqualTo(1L);
        assertThat(call("mod", INTEGER, arg(INTEGER, 9L), arg(INTEGER, 4L))).isEqualTo(1L);
        assertThat(call("mod", DOUBLE, arg(DOUBLE, -7.5), arg(DOUBLE, 2.0))).isEqualTo(-1.5);
        assertThat(call("mod", DOUBLE, arg(DOUBLE, 1.0), arg(DOUBLE, 0.0))).isEqualTo(Double.NaN);
        assertThatThrownBy(() -> call("mod", BIGINT, arg(BIGINT, 1L), arg(BIGINT, 0L))).isInstanceOf(QueryFunctionException.class)
                .hasMessage("Division by zero");
    }

    @Test
    void aNullRowIsNullAndItsLeftoverValuesAreNotChecked() {
        Vector dividends = vector(BIGINT, 7L, null, 9L);
        Vector divisors = vector(BIGINT, 2L, 0L, null);
        Vector result = apply("mod", BIGINT, 3, dividends, divisors);
        assertThat(result.get(0)).isEqualTo(1L);
        assertThat(result.isNull(1)).isTrue();
        assertThat(result.isNull(2)).isTrue();
        Vector absolute = apply("abs", DOUBLE, 2, vector(DOUBLE, null, -1.0));
        assertThat(absolute.isNull(0)).isTrue();
        assertThat(absolute.get(1)).isEqualTo(1.0);
    }

    @Test
    void transcendentalFunctions() {
        assertThat((double) dbl("log2", 8.0)).isEqualTo(3.0);
        assertThat((double) dbl("log10", 1000.0)).isCloseTo(3.0, within(1e-15));
        assertThat((double) dbl("ln", Math.E)).isCloseTo(1.0, within(1e-15));
        assertThat((double) dbl("exp", 0.0)).isEqualTo(1.0);
        assertThat((double) dbl("cbrt", 27.0)).isEqualTo(3.0);
        assertThat((double) dbl("sqrt", -1.0)).isNaN();
        assertThat((double) dbl("degrees", Math.PI)).isEqualTo(180.0);
        assertThat((double) dbl("radians", 180.0)).isEqualTo(Math.PI);
        assertThat((double) dbl("cos", 0.0)).isEqualTo(1.0);
        assertThat((double) dbl("tanh", 0.0)).isEqualTo(0.0);
        assertThat(call("pow", DOUBLE, arg(DOUBLE, 2.0), arg(DOUBLE, 10.0))).isEqualTo(1024.0);
        assertThat(call("power", DOUBLE, arg(DOUBLE, 4.0), arg(DOUBLE, 0.5))).isEqualTo(2.0);
        assertThat(call("atan2", DOUBLE, arg(DOUBLE, 1.0), arg(DOUBLE, 1.0))).isEqualTo(Math.PI / 4);
    }

    @Test
    void constantsAndRandomNumbers() {
        assertThat(apply("pi", DOUBLE, 3, new Vector[0]).get(2)).isEqualTo(Math.PI);
        assertThat(apply("e", DOUBLE, 1, new Vector[0]).get(0)).isEqualTo(Math.E);
        assertThat(apply("infinity", DOUBLE, 1, new Vector[0]).get(0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat((double) apply("nan", DOUBLE, 1, new Vector[0]).get(0)).isNaN();
        Vector random = apply("rand", DOUBLE, 200, new Vector[0]);
        for (int i = 0; i < 200; i++) {
            assertThat(random.getDouble(i)).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
        }
        assertThat(random.getDouble(0)).as("rows draw separately").isNotEqualTo(random.getDouble(1));
        Vector bounded = apply("random", INTEGER, 100, Vector.constant(INTEGER, 3L, 100));
        for (int i = 0; i < 100; i++) {
            assertThat(bounded.getLong(i)).isBetween(0L, 2L);
        }
        assertThatThrownBy(() -> unary("random", BIGINT, 0L)).hasMessage("bound must be positive");
    }

    @Test
    void floatingPointClassification() {
        assertThat(call("is_nan", BOOLEAN, arg(DOUBLE, Double.NaN))).isEqualTo(true);
        assertThat(call("is_finite", BOOLEAN, arg(DOUBLE, Double.POSITIVE_INFINITY))).isEqualTo(false);
        assertThat(call("is_finite", BOOLEAN, arg(DOUBLE, 1.0))).isEqualTo(true);
        assertThat(call("is_infinite", BOOLEAN, arg(DOUBLE, Double.NEGATIVE_INFINITY))).isEqualTo(true);
        assertThat(apply("is_nan", BOOLEAN, 2, vector(DOUBLE, null, 1.0)).isNull(0)).isTrue();
    }

    @Test
    void widthBucketAsTrino() {
        assertThat(call("width_bucket", BIGINT, arg(DOUBLE, 5.35), arg(DOUBLE, 0.024), arg(DOUBLE, 10.06), arg(BIGINT, 5L))).isEqualTo(3L);
        assertThat(call("width_bucket", BIGINT, arg(DOUBLE, -1.0), arg(DOUBLE, 0.0), arg(DOUBLE, 10.0), arg(BIGINT, 5L))).isEqualTo(0L);
        assertThat(call("width_bucket", BIGINT, arg(DOUBLE, 10.0), arg(DOUBLE, 0.0), arg(DOUBLE, 10.0), arg(BIGINT, 5L))).isEqualTo(6L);
        assertThat(call("width_bucket", BIGINT, arg(DOUBLE, 1.0), arg(DOUBLE, 10.0), arg(DOUBLE, 0.0), arg(BIGINT, 5L))).isEqualTo(5L);
        assertThatThrownBy(() -> call("width_bucket", BIGINT, arg(DOUBLE, 1.0), arg(DOUBLE, 0.0), arg(DOUBLE, 1.0), arg(BIGINT, 0L)))
                .hasMessage("bucketCount must be greater than 0");
        assertThatThrownBy(() -> call("width_bucket", BIGINT, arg(DOUBLE, 1.0), arg(DOUBLE, 2.0), arg(DOUBLE, 2.0), arg(BIGINT, 3L)))
                .hasMessage("bounds cannot equal each other");
    }

    @Test
    void baseConversions() {
        assertThat(call("to_base", VARCHAR, arg(BIGINT, 255L), arg(BIGINT, 16L))).isEqualTo("ff");
        assertThat(call("to_base", VARCHAR, arg(BIGINT, -10L), arg(BIGINT, 2L))).isEqualTo("-1010");
        assertThat(call("from_base", BIGINT, arg(VARCHAR, "ff"), arg(BIGINT, 16L))).isEqualTo(255L);
        assertThatThrownBy(() -> call("from_base", BIGINT, arg(VARCHAR, "zz"), arg(BIGINT, 10L))).hasMessage("Not a valid base-10 number: zz");
        assertThatThrownBy(() -> call("to_base", VARCHAR, arg(BIGINT, 1L), arg(BIGINT, 37L))).hasMessage("Radix must be between 2 and 36");
    }

    @Test
    void bitwiseFunctionsOnTwosComplement() {
        assertThat(call("bitwise_and", BIGINT, arg(BIGINT, 19L), arg(BIGINT, 25L))).isEqualTo(17L);
        assertThat(call("bitwise_or", BIGINT, arg(BIGINT, 19L), arg(BIGINT, 25L))).isEqualTo(27L);
        assertThat(call("bitwise_xor", BIGINT, arg(BIGINT, 19L), arg(BIGINT, 25L))).isEqualTo(10L);
        assertThat(unary("bitwise_not", BIGINT, -12L)).isEqualTo(11L);
        assertThat(call("bit_count", BIGINT, arg(BIGINT, 9L), arg(BIGINT, 64L))).isEqualTo(2L);
        assertThat(call("bit_count", BIGINT, arg(BIGINT, 9L), arg(BIGINT, 8L))).isEqualTo(2L);
        assertThat(call("bit_count", BIGINT, arg(BIGINT, -7L), arg(BIGINT, 64L))).isEqualTo(62L);
        assertThat(call("bit_count", BIGINT, arg(BIGINT, -7L), arg(BIGINT, 8L))).isEqualTo(6L);
        assertThatThrownBy(() -> call("bit_count", BIGINT, arg(BIGINT, 1000L), arg(BIGINT, 8L)))
                .hasMessage("Number must be representable with the bits specified. 1000 can not be represented with 8 bits");
        assertThatThrownBy(() -> call("bit_count", BIGINT, arg(BIGINT, 1L), arg(BIGINT, 1L)))
                .hasMessage("Bits specified in bit_count must be between 2 and 64, got 1");
    }

    @Test
    void greatestAndLeastOfEveryStorage() {
        assertThat(call("greatest", BIGINT, arg(BIGINT, 1L), arg(BIGINT, 5L), arg(BIGINT, 3L))).isEqualTo(5L);
        assertThat(call("least", BIGINT, arg(BIGINT, 1L), arg(BIGINT, 5L), arg(BIGINT, 3L))).isEqualTo(1L);
        assertThat(call("greatest", DOUBLE, arg(DOUBLE, Double.NaN), arg(DOUBLE, 5.0), arg(DOUBLE, 4.0))).isEqualTo(5.0);
        assertThat(call("greatest", DOUBLE, arg(DOUBLE, 5.0), arg(DOUBLE, Double.NaN), arg(DOUBLE, 3.0))).isEqualTo(5.0);
        assertThat(call("least", DOUBLE, arg(DOUBLE, 5.0), arg(DOUBLE, Double.NaN))).isEqualTo(5.0);
        assertThat(call("greatest", DOUBLE, arg(DOUBLE, Double.NaN), arg(DOUBLE, Double.NaN))).isEqualTo(Double.NaN);
        assertThat(call("least", DOUBLE, arg(DOUBLE, -0.5), arg(DOUBLE, 2.0))).isEqualTo(-0.5);
        assertThat(call("greatest", VARCHAR, arg(VARCHAR, "apple"), arg(VARCHAR, "pear"))).isEqualTo("pear");
        assertThat(call("least", BOOLEAN, arg(BOOLEAN, true), arg(BOOLEAN, false))).isEqualTo(false);
        assertThat(call("greatest", TIMESTAMP, arg(TIMESTAMP, 10L), arg(TIMESTAMP, 20L))).isEqualTo(20L);
        assertThat(call("greatest", BIGINT, arg(BIGINT, 1L), arg(BIGINT, null))).isNull();
        assertThat(call("least", VARCHAR, arg(VARCHAR, null), arg(VARCHAR, "a"))).isNull();
    }
}
