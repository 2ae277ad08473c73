package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.ArgumentTypes.are;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.INTEGER;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoublePredicate;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * Mathematical functions (TIMESTREAM.md §4.6) with Trino's results: rounding half away from zero,
 * {@code mod} taking the sign of the dividend, integer overflow ({@code abs} of the smallest value)
 * an error. Every overload runs a primitive loop over the argument arrays.
 */
public final class MathFunctions implements FunctionGroup {

    private static final double LN_2 = Math.log(2);
    /** Doubles at or beyond this magnitude have no fraction, so rounding leaves them alone (and {@code Math.round} would saturate). */
    private static final double NO_FRACTION = 0x1p52;

    @Override
    public void register(ScalarFunctionRegistry.Builder registry) {
        registry.add("abs", signature -> are(signature, BIGINT) ? longUnary(BIGINT, MathFunctions::absBigint)
                : are(signature, INTEGER) ? longUnary(INTEGER, MathFunctions::absInteger)
                : are(signature, DOUBLE) ? doubleUnary(Math::abs) : null);
        for (String name : new String[] {"ceil", "ceiling"}) {
            registry.add(name, integralOrDouble(Math::ceil));
        }
        registry.add("floor", integralOrDouble(Math::floor));
        registry.add("round", signature -> are(signature, BIGINT) || are(signature, INTEGER) ? identity()
                : are(signature, DOUBLE) ? doubleUnary(value -> roundDouble(value, 0))
                : are(signature, BIGINT, BIGINT) ? longBinary(BIGINT, MathFunctions::roundLong)
                : are(signature, DOUBLE, BIGINT) ? (arguments, rowCount, context) -> {
                    double[] values = arguments[0].doubles();
                    long[] decimals = arguments[1].longs();
                    return NumericLoops.doublesByRow(row -> roundDouble(values[row], decimals[row]), rowCount,
                            NumericLoops.unionNulls(rowCount, arguments));
                } : null);
        registry.add("truncate", doubleOnly(MathFunctions::truncate));
        registry.add("sign", signature -> are(signature, BIGINT) ? longUnary(BIGINT, Long::signum)
                : are(signature, INTEGER) ? longUnary(INTEGER, Long::signum)
                : are(signature, DOUBLE) ? doubleUnary(Math::signum) : null);
        registry.add("mod", signature -> are(signature, BIGINT, BIGINT) ? longBinary(BIGINT, MathFunctions::modLong)
                : are(signature, INTEGER, INTEGER) ? longBinary(INTEGER, MathFunctions::modLong)
                : are(signature, DOUBLE, DOUBLE) ? doubleBinary((num, divisor) -> num % divisor) : null);

        registry.add("cbrt", doubleOnly(Math::cbrt));
        registry.add("degrees", doubleOnly(Math::toDegrees));
        registry.add("radians", doubleOnly(Math::toRadians));
        registry.add("exp", doubleOnly(Math::exp));
        registry.add("ln", doubleOnly(Math::log));
        registry.add("log2", doubleOnly(value -> Math.log(value) / LN_2));
        registry.add("log10", doubleOnly(Math::log10));
        registry.add("sqrt", doubleOnly(Math::sqrt));
        registry.add("acos", doubleOnly(Math::acos));
        registry.add("asin", doubleOnly(Math::asin));
        registry.add("atan", doubleOnly(Math::atan));
        registry.add("cos", doubleOnly(Math::cos));
        registry.add("cosh", doubleOnly(Math::cosh));
        registry.add("sin", doubleOnly(Math::sin));
        registry.add("tan", doubleOnly(Math::tan));
        registry.add("tanh", doubleOnly(Math::tanh));
        for (String name : new String[] {"pow", "power"}) {
            registry.add(name, signature -> are(signature, DOUBLE, DOUBLE) ? doubleBinary(Math::pow) : null);
        }
        registry.add("atan2", signature -> are(signature, DOUBLE, DOUBLE) ? doubleBinary(Math::atan2) : null);

        registry.add("e", constant(() -> Math.E));
        registry.add("pi", constant(() -> Math.PI));
        registry.add("infinity", constant(() -> Double.POSITIVE_INFINITY));
        registry.add("nan", constant(() -> Double.NaN));
        for (String name : new String[] {"rand", "random"}) {
            registry.add(name, constant(() -> ThreadLocalRandom.current().nextDouble()));
            registry.add(name, signature -> are(signature, BIGINT) ? longUnary(BIGINT, MathFunctions::randomBelow)
                    : are(signature, INTEGER) ? longUnary(INTEGER, MathFunctions::randomBelow) : null);
        }

        registry.add("is_finite", predicate(Double::isFinite));
        registry.add("is_infinite", predicate(Double::isInfinite));
        registry.add("is_nan", predicate(Double::isNaN));

        registry.add("width_bucket", signature -> are(signature, DOUBLE, DOUBLE, DOUBLE, BIGINT) ? (arguments, rowCount, context) -> {
            double[] operand = arguments[0].doubles();
            double[] bound1 = arguments[1].doubles();
            double[] bound2 = arguments[2].doubles();
            long[] buckets = arguments[3].longs();
            return NumericLoops.longsByRow(BIGINT, row -> widthBucket(operand[row], bound1[row], bound2[row], buckets[row]), rowCount,
                    NumericLoops.unionNulls(rowCount, arguments));
        } : null);
        registry.add("to_base", signature -> are(signature, BIGINT, BIGINT)
                ? FunctionSupport.rowWise(VARCHAR, row -> Long.toString((Long) row[0], checkRadix((Long) row[1]))) : null);
        registry.add("from_base", signature -> are(signature, VARCHAR, BIGINT)
                ? FunctionSupport.rowWise(BIGINT, row -> fromBase((String) row[0], (Long) row[1])) : null);
    }

    static long absBigint(long value) {
        if (value == Long.MIN_VALUE) {
            throw new QueryFunctionException("Value -9223372036854775808 is out of range for abs(bigint)");
        }
        return Math.abs(value);
    }

    static long absInteger(long value) {
        if (value == Integer.MIN_VALUE) {
            throw new QueryFunctionException("Value -2147483648 is out of range for abs(integer)");
        }
        return Math.abs(value);
    }

    static long modLong(long num, long divisor) {
        if (divisor == 0) {
            throw new QueryFunctionException("Division by zero");
        }
        return num % divisor;
    }

    /** Trino's {@code round(x, d)}: half away from zero at {@code d} decimal places ({@code d} may be negative). */
    static double roundDouble(double num, long decimals) {
        if (Double.isNaN(num) || Double.isInfinite(num)) {
            return num;
        }
        double factor = Math.pow(10, decimals);
        if (factor == 0) {
            // So many negative decimals that every finite double rounds to zero (and 0 / 0 must not give NaN).
            return num < 0 ? -0.0 : 0.0;
        }
        double scaled = Math.abs(num) * factor;
        if (scaled >= NO_FRACTION) {
            return num;
        }
        double rounded = Math.round(scaled) / factor;
        return num < 0 ? -rounded : rounded;
    }

    /** {@code round(n, d)} of a bigint: unchanged for {@code d >= 0}, else half away from zero at 10^-d. */
    static long roundLong(long num, long decimals) {
        if (decimals >= 0) {
            return num;
        }
        if (decimals < -18) {
            if (Math.abs((double) num) >= 5e18) {
                throw new QueryFunctionException("Value " + num + " is out of range for round(bigint, bigint)");
            }
            return 0;
        }
        long factor = 1;
        for (long i = 0; i < -decimals; i++) {
            factor *= 10;
        }
        long remainder = num % factor;
        long truncated = num - remainder;
        if (Math.abs(remainder) < factor - Math.abs(remainder)) {
            return truncated;
        }
        try {
            return Math.addExact(truncated, num < 0 ? -factor : factor);
        } catch (ArithmeticException overflow) {
            throw new QueryFunctionException("Value " + num + " is out of range for round(bigint, bigint)", overflow);
        }
    }

    static double truncate(double num) {
        return num < 0 ? Math.ceil(num) : Math.floor(num);
    }

    static long randomBelow(long bound) {
        if (bound <= 0) {
            throw new QueryFunctionException("bound must be positive");
        }
        return ThreadLocalRandom.current().nextLong(bound);
    }

    static long widthBucket(double operand, double bound1, double bound2, long bucketCount) {
        if (bucketCount <= 0) {
            throw new QueryFunctionException("bucketCount must be greater than 0");
        }
        if (Double.isNaN(operand)) {
            throw new QueryFunctionException("operand must not be NaN");
        }
        if (!Double.isFinite(bound1)) {
            throw new QueryFunctionException("first bound must be finite");
        }
        if (!Double.isFinite(bound2)) {
            throw new QueryFunctionException("second bound must be finite");
        }
        if (bound1 == bound2) {
            throw new QueryFunctionException("bounds cannot equal each other");
        }
        double lower = Math.min(bound1, bound2);
        double upper = Math.max(bound1, bound2);
        long bucket;
        if (operand < lower) {
            bucket = 0;
        } else if (operand >= upper) {
            if (bucketCount == Long.MAX_VALUE) {
                throw new QueryFunctionException("Bucket for value " + operand + " is out of range");
            }
            bucket = bucketCount + 1;
        } else {
            bucket = (long) ((double) bucketCount * (operand - lower) / (upper - lower) + 1);
        }
        return bound1 > bound2 ? bucketCount - bucket + 1 : bucket;
    }

    static int checkRadix(long radix) {
        if (radix < Character.MIN_RADIX || radix > Character.MAX_RADIX) {
            throw new QueryFunctionException("Radix must be between " + Character.MIN_RADIX + " and " + Character.MAX_RADIX);
        }
        return (int) radix;
    }

    static long fromBase(String value, long radix) {
        int checked = checkRadix(radix);
        try {
            return Long.parseLong(value, checked);
        } catch (NumberFormatException e) {
            throw new QueryFunctionException("Not a valid base-" + radix + " number: " + value, e);
        }
    }

    private static ScalarFunction identity() {
        return (arguments, rowCount, context) -> arguments[0];
    }

    private static ScalarFunction longUnary(SqlType resultType, LongUnaryOperator f) {
        return (arguments, rowCount, context) -> FunctionSupport.mapLongs(arguments[0], resultType, f, rowCount);
    }

    private static ScalarFunction doubleUnary(DoubleUnaryOperator f) {
        return (arguments, rowCount, context) -> FunctionSupport.mapDoubles(arguments[0], f, rowCount);
    }

    private static ScalarFunction longBinary(SqlType resultType, LongBinaryOperator f) {
        return (arguments, rowCount, context) -> NumericLoops.longs(arguments[0], arguments[1], resultType, f, rowCount);
    }

    private static ScalarFunction doubleBinary(DoubleBinaryOperator f) {
        return (arguments, rowCount, context) -> NumericLoops.doubles(arguments[0], arguments[1], f, rowCount);
    }

    private static ScalarFunctionRegistry.Binder doubleOnly(DoubleUnaryOperator f) {
        return signature -> are(signature, DOUBLE) ? doubleUnary(f) : null;
    }

    /** ceil/floor: a bigint is its own ceiling; a double goes through {@code f}. */
    private static ScalarFunctionRegistry.Binder integralOrDouble(DoubleUnaryOperator f) {
        return signature -> are(signature, BIGINT) || are(signature, INTEGER) ? identity() : are(signature, DOUBLE) ? doubleUnary(f) : null;
    }

    private static ScalarFunctionRegistry.Binder predicate(DoublePredicate p) {
        return signature -> are(signature, DOUBLE)
                ? (arguments, rowCount, context) -> NumericLoops.doublePredicate(arguments[0], p, rowCount) : null;
    }

    /** A nullary function evaluated once per row ({@code rand()} differs per row, {@code pi()} does not). */
    private static ScalarFunctionRegistry.Binder constant(DoubleSupplier value) {
        return signature -> signature.argumentTypes().isEmpty() ? (arguments, rowCount, context) -> {
            double[] out = new double[rowCount];
            for (int i = 0; i < rowCount; i++) {
                out[i] = value.getAsDouble();
            }
            return Vector.ofDoubles(PrimitiveType.DOUBLE, out, null, rowCount);
        } : null;
    }
}
