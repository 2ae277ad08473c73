package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.ast.ArithmeticBinary;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.function.LongBinaryOperator;

/**
 * The arithmetic operators over primitive arrays. Numbers: bigint and integer overflow is an error
 * ({@code bigint addition overflow: 9223372036854775807 + 1}), integer division truncates, a zero
 * divisor of {@code /} or {@code %} is {@code Division by zero}, doubles follow IEEE 754.
 * Date/time: timestamp ± interval day to second adds nanoseconds; ± interval year to month adds
 * calendar months (UTC, the day clamped to the month's length); date ± intervals (whole days
 * only: {@code Cannot add hour, minutes or seconds to a date}); time ± interval day to second
 * wraps around midnight; intervals add, subtract, and scale by numbers. A constant operand is
 * read once, never materialised as a column.
 */
final class Arithmetic {

    private static final int ADD = 0;
    private static final int SUBTRACT = 1;
    private static final int MULTIPLY = 2;
    private static final int DIVIDE = 3;
    private static final int MODULUS = 4;
    private static final String[] NAMES = {"addition", "subtraction", "multiplication", "division", "modulus"};
    private static final String[] SYMBOLS = {"+", "-", "*", "/", "%"};

    private Arithmetic() {
    }

    /** {@code left op right}; the operands already have the types the operator needs (numbers: the result type). */
    static VectorExpression binary(ArithmeticBinary.Operator operator, VectorExpression left, VectorExpression right, SqlType resultType) {
        int op = operator.ordinal();
        if (isNullConstant(left) || isNullConstant(right) || resultType == PrimitiveType.UNKNOWN) {
            return new ConstantExpression(resultType, null);
        }
        PrimitiveType l = (PrimitiveType) left.type();
        PrimitiveType r = (PrimitiveType) right.type();
        if (l == PrimitiveType.DOUBLE && r == PrimitiveType.DOUBLE) {
            return doubles(op, left, right);
        }
        if (l.isNumeric() && r.isNumeric()) {
            return longs(op, left, right, resultType);
        }
        if ((op == ADD && l.isInterval() && !r.isInterval() && !r.isNumeric()) || (op == MULTIPLY && l.isNumeric() && r.isInterval())) {
            return binary(operator, right, left, resultType);
        }
        long sign = op == SUBTRACT ? -1 : 1;
        if (r == PrimitiveType.INTERVAL_YEAR_TO_MONTH && l == PrimitiveType.TIMESTAMP) {
            return timestampPlusMonths(left, right, sign);
        }
        if (r == PrimitiveType.INTERVAL_YEAR_TO_MONTH && l == PrimitiveType.DATE) {
            return kernel(resultType, left, right, (d, m) -> TemporalMath.plusMonths(d, sign * m));
        }
        if (r == PrimitiveType.INTERVAL_DAY_TO_SECOND && l == PrimitiveType.DATE) {
            return kernel(resultType, left, right, (d, nanos) -> {
                if (nanos % TemporalMath.NANOS_PER_DAY != 0) {
                    throw new QueryFunctionException("Cannot add hour, minutes or seconds to a date");
                }
                return d + sign * (nanos / TemporalMath.NANOS_PER_DAY);
            });
        }
        if (r == PrimitiveType.INTERVAL_DAY_TO_SECOND && l == PrimitiveType.TIME) {
            return kernel(resultType, left, right, (t, nanos) -> Math.floorMod(t + sign * Math.floorMod(nanos, TemporalMath.NANOS_PER_DAY),
                    TemporalMath.NANOS_PER_DAY));
        }
        if (l.isInterval() && r == PrimitiveType.DOUBLE) {
            return new Evaluator(resultType, (batch, context) -> intervalByDouble(op, left.evaluate(batch, context), right.evaluate(batch, context), resultType));
        }
        // timestamp ± interval day to second, interval ± interval, interval * / bigint: plain long arithmetic
        return longs(op, left, right, resultType);
    }

    private static boolean isNullConstant(VectorExpression expression) {
        return expression instanceof ConstantExpression constant && constant.isNull();
    }

    /** Unary minus. */
    static VectorExpression negate(VectorExpression value) {
        SqlType type = value.type();
        if (Storage.of(type) == Storage.DOUBLE) {
            return new Evaluator(type, (batch, context) -> {
                Vector in = value.evaluate(batch, context);
                int rows = batch.rowCount();
                double[] out = new double[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = -in.getDouble(i);
                }
                return Vector.ofDoubles(type, out, NullMasks.of(in), rows);
            });
        }
        if (type == PrimitiveType.UNKNOWN) {
            return value;
        }
        String name = type.displayName();
        return new Evaluator(type, (batch, context) -> {
            Vector in = value.evaluate(batch, context);
            int rows = batch.rowCount();
            long[] values = in.longs();
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                if (!in.isNull(i)) {
                    long v = values[i];
                    if (v == Long.MIN_VALUE || (type == PrimitiveType.INTEGER && v == Integer.MIN_VALUE)) {
                        throw new QueryFunctionException(name + " negation overflow: " + v);
                    }
                    out[i] = -v;
                }
            }
            return Vector.ofLongs(type, out, NullMasks.of(in), rows);
        });
    }

    private static VectorExpression longs(int op, VectorExpression left, VectorExpression right, SqlType resultType) {
        String label = resultType.displayName();
        boolean narrow = resultType == PrimitiveType.INTEGER;
        if (right instanceof ConstantExpression constant) {
            long b = ((Number) constant.value()).longValue();
            return new Evaluator(resultType, (batch, context) -> {
                Vector a = left.evaluate(batch, context);
                int rows = batch.rowCount();
                long[] in = a.longs();
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    if (!a.isNull(i)) {
                        out[i] = apply(op, in[i], b, label, narrow);
                    }
                }
                return Vector.ofLongs(resultType, out, NullMasks.of(a), rows);
            });
        }
        if (left instanceof ConstantExpression constant) {
            long a = ((Number) constant.value()).longValue();
            return new Evaluator(resultType, (batch, context) -> {
                Vector b = right.evaluate(batch, context);
                int rows = batch.rowCount();
                long[] in = b.longs();
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    if (!b.isNull(i)) {
                        out[i] = apply(op, a, in[i], label, narrow);
                    }
                }
                return Vector.ofLongs(resultType, out, NullMasks.of(b), rows);
            });
        }
        return new Evaluator(resultType, (batch, context) -> {
            Vector a = left.evaluate(batch, context);
            Vector b = right.evaluate(batch, context);
            int rows = batch.rowCount();
            long[] x = a.longs();
            long[] y = b.longs();
            long[] out = new long[rows];
            boolean[] nulls = NullMasks.either(a, b, rows);
            for (int i = 0; i < rows; i++) {
                if (nulls == null || !nulls[i]) {
                    out[i] = apply(op, x[i], y[i], label, narrow);
                }
            }
            return Vector.ofLongs(resultType, out, nulls, rows);
        });
    }

    /** One long operation with Trino's errors; {@code narrow} checks the integer (32-bit) range. */
    static long apply(int op, long a, long b, String label, boolean narrow) {
        long result;
        try {
            switch (op) {
                case ADD:
                    result = Math.addExact(a, b);
                    break;
                case SUBTRACT:
                    result = Math.subtractExact(a, b);
                    break;
                case MULTIPLY:
                    result = Math.multiplyExact(a, b);
                    break;
                case DIVIDE:
                    if (b == 0) {
                        throw new QueryFunctionException("Division by zero");
                    }
                    if (a == Long.MIN_VALUE && b == -1) {
                        throw new ArithmeticException();
                    }
                    result = a / b;
                    break;
                default:
                    if (b == 0) {
                        throw new QueryFunctionException("Division by zero");
                    }
                    result = a % b;
            }
        } catch (ArithmeticException e) {
            throw overflow(op, a, b, label);
        }
        if (narrow && result != (int) result) {
            throw overflow(op, a, b, label);
        }
        return result;
    }

    private static QueryFunctionException overflow(int op, long a, long b, String label) {
        return new QueryFunctionException(label + " " + NAMES[op] + " overflow: " + a + " " + SYMBOLS[op] + " " + b);
    }

    private static VectorExpression doubles(int op, VectorExpression left, VectorExpression right) {
        if (right instanceof ConstantExpression constant || left instanceof ConstantExpression) {
            boolean constantRight = right instanceof ConstantExpression;
            double scalar = ((Number) (constantRight ? (ConstantExpression) right : (ConstantExpression) left).value()).doubleValue();
            VectorExpression column = constantRight ? left : right;
            return new Evaluator(PrimitiveType.DOUBLE, (batch, context) -> {
                Vector a = column.evaluate(batch, context);
                int rows = batch.rowCount();
                double[] in = a.doubles();
                double[] out = new double[rows];
                if (constantRight) {
                    for (int i = 0; i < rows; i++) {
                        out[i] = apply(op, in[i], scalar);
                    }
                } else {
                    for (int i = 0; i < rows; i++) {
                        out[i] = apply(op, scalar, in[i]);
                    }
                }
                return Vector.ofDoubles(PrimitiveType.DOUBLE, out, NullMasks.of(a), rows);
            });
        }
        return new Evaluator(PrimitiveType.DOUBLE, (batch, context) -> {
            Vector a = left.evaluate(batch, context);
            Vector b = right.evaluate(batch, context);
            int rows = batch.rowCount();
            double[] out = new double[rows];
            double[] x = a.doubles();
            double[] y = b.doubles();
            for (int i = 0; i < rows; i++) {
                out[i] = apply(op, x[i], y[i]);
            }
            return Vector.ofDoubles(PrimitiveType.DOUBLE, out, NullMasks.either(a, b, rows), rows);
        });
    }

    static double apply(int op, double a, double b) {
        switch (op) {
            case ADD:
                return a + b;
            case SUBTRACT:
                return a - b;
            case MULTIPLY:
                return a * b;
            case DIVIDE:
                return a / b;
            default:
                return a % b;
        }
    }

    /** timestamp ± interval year to month in its own loop (a static, inlinable call per row). */
    private static VectorExpression timestampPlusMonths(VectorExpression timestamps, VectorExpression months, long sign) {
        return new Evaluator(PrimitiveType.TIMESTAMP, (batch, context) -> {
            Vector a = timestamps.evaluate(batch, context);
            Vector b = months.evaluate(batch, context);
            int rows = batch.rowCount();
            long[] x = a.longs();
            long[] m = b.longs();
            long[] out = new long[rows];
            boolean[] nulls = NullMasks.either(a, b, rows);
            for (int i = 0; i < rows; i++) {
                if (nulls == null || !nulls[i]) {
                    out[i] = TemporalMath.timestampPlusMonths(x[i], sign * m[i]);
                }
            }
            return Vector.ofLongs(PrimitiveType.TIMESTAMP, out, nulls, rows);
        });
    }

    /** A date/time operation row by row over two LONG-stored operands. */
    private static VectorExpression kernel(SqlType resultType, VectorExpression left, VectorExpression right, LongBinaryOperator operation) {
        return new Evaluator(resultType, (batch, context) -> {
            Vector a = left.evaluate(batch, context);
            Vector b = right.evaluate(batch, context);
            int rows = batch.rowCount();
            long[] out = new long[rows];
            boolean[] nulls = NullMasks.either(a, b, rows);
            for (int i = 0; i < rows; i++) {
                if (nulls == null || !nulls[i]) {
                    out[i] = operation.applyAsLong(a.getLong(i), b.getLong(i));
                }
            }
            return Vector.ofLongs(resultType, out, nulls, rows);
        });
    }

    private static Vector intervalByDouble(int op, Vector interval, Vector factor, SqlType resultType) {
        int rows = interval.size();
        long[] out = new long[rows];
        boolean[] nulls = NullMasks.either(interval, factor, rows);
        for (int i = 0; i < rows; i++) {
            if (nulls == null || !nulls[i]) {
                double f = factor.getDouble(i);
                if (op == DIVIDE && (f == 0 || Double.isNaN(f))) {
                    throw new QueryFunctionException("Division by zero");
                }
                out[i] = (long) (op == DIVIDE ? interval.getLong(i) / f : interval.getLong(i) * f);
            }
        }
        return Vector.ofLongs(resultType, out, nulls, rows);
    }
}
