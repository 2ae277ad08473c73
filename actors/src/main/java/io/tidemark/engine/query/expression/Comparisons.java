package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Values;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.ast.Comparison;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;

/**
 * Comparison operators, BETWEEN and IS [NOT] DISTINCT FROM over operands of one type. LONG-,
 * DOUBLE- and BOOLEAN-stored values compare in primitive loops (doubles by IEEE 754: NaN equals
 * nothing, {@code -0.0 = 0.0}); arrays, rows and strings compare through {@link Values}. A null
 * operand gives null, except for DISTINCT FROM, which treats two nulls as the same value.
 */
final class Comparisons {

    private static final int EQUAL = 0;
    private static final int NOT_EQUAL = 1;
    private static final int LESS_THAN = 2;
    private static final int LESS_THAN_OR_EQUAL = 3;
    private static final int GREATER_THAN = 4;
    private static final int GREATER_THAN_OR_EQUAL = 5;
    private static final int IS_DISTINCT_FROM = 6;
    private static final int IS_NOT_DISTINCT_FROM = 7;

    private Comparisons() {
    }

    static int code(Comparison.Operator operator) {
        return operator.ordinal();
    }

    /** {@code left op right}; both operands have the same type. */
    static VectorExpression compare(Comparison.Operator operator, VectorExpression left, VectorExpression right) {
        int op = code(operator);
        boolean distinct = op == IS_DISTINCT_FROM || op == IS_NOT_DISTINCT_FROM;
        if (!distinct && (isNullConstant(left) || isNullConstant(right))) {
            return new ConstantExpression(PrimitiveType.BOOLEAN, null);
        }
        if (!distinct && right instanceof ConstantExpression constant) {
            return new Evaluator(PrimitiveType.BOOLEAN, (batch, context) -> compareToConstant(op, left.evaluate(batch, context), constant.value()));
        }
        if (!distinct && left instanceof ConstantExpression constant) {
            int flipped = code(operator.swapped());
            return new Evaluator(PrimitiveType.BOOLEAN, (batch, context) -> compareToConstant(flipped, right.evaluate(batch, context), constant.value()));
        }
        return new Evaluator(PrimitiveType.BOOLEAN, (batch, context) -> compare(op, left.evaluate(batch, context), right.evaluate(batch, context)));
    }

    /** {@code value [NOT] BETWEEN min AND max}: {@code value >= min AND value <= max}, value evaluated once. */
    static VectorExpression between(VectorExpression value, VectorExpression min, VectorExpression max, boolean negated) {
        if (min instanceof ConstantExpression low && max instanceof ConstantExpression high && !low.isNull() && !high.isNull()
                && Storage.of(value.type()) != Storage.OBJECT && Storage.of(value.type()) != Storage.BOOLEAN) {
            return betweenConstants(value, (Number) low.value(), (Number) high.value(), negated);
        }
        return new Evaluator(PrimitiveType.BOOLEAN, (batch, context) -> {
            Vector v = value.evaluate(batch, context);
            Vector atLeast = min instanceof ConstantExpression c ? compareToConstant(GREATER_THAN_OR_EQUAL, v, c.value())
                    : compare(GREATER_THAN_OR_EQUAL, v, min.evaluate(batch, context));
            Vector atMost = max instanceof ConstantExpression c ? compareToConstant(LESS_THAN_OR_EQUAL, v, c.value())
                    : compare(LESS_THAN_OR_EQUAL, v, max.evaluate(batch, context));
            Vector both = Logic.and(atLeast, atMost);
            return negated ? Logic.not(both) : both;
        });
    }

    /** BETWEEN two constants in one primitive loop. */
    private static VectorExpression betweenConstants(VectorExpression value, Number low, Number high, boolean negated) {
        boolean doubles = Storage.of(value.type()) == Storage.DOUBLE;
        return new Evaluator(PrimitiveType.BOOLEAN, (batch, context) -> {
            Vector v = value.evaluate(batch, context);
            int rows = batch.rowCount();
            boolean[] out = new boolean[rows];
            if (doubles) {
                double[] x = v.doubles();
                double lo = low.doubleValue();
                double hi = high.doubleValue();
                for (int i = 0; i < rows; i++) {
                    out[i] = (x[i] >= lo & x[i] <= hi) != negated;
                }
            } else {
                long[] x = v.longs();
                long lo = low.longValue();
                long hi = high.longValue();
                for (int i = 0; i < rows; i++) {
                    out[i] = (x[i] >= lo & x[i] <= hi) != negated;
                }
            }
            return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, NullMasks.of(v), rows);
        });
    }

    private static boolean isNullConstant(VectorExpression expression) {
        return expression instanceof ConstantExpression constant && constant.isNull();
    }

    /** Compares every row of {@code a} with one value (null: every row null). */
    static Vector compareToConstant(int op, Vector a, Object constant) {
        int rows = a.size();
        if (constant == null) {
            return Vector.nulls(PrimitiveType.BOOLEAN, rows);
        }
        boolean[] out = new boolean[rows];
        switch (a.storage()) {
            case LONG: {
                long b = ((Number) constant).longValue();
                long[] x = a.longs();
                for (int i = 0; i < rows; i++) {
                    out[i] = test(op, Long.compare(x[i], b));
                }
                break;
            }
            case DOUBLE: {
                double b = ((Number) constant).doubleValue();
                double[] x = a.doubles();
                for (int i = 0; i < rows; i++) {
                    out[i] = testDouble(op, x[i], b);
                }
                break;
            }
            default: {
                Object[] x = a.objects();
                boolean strings = constant instanceof String;
                for (int i = 0; i < rows; i++) {
                    if (!a.isNull(i)) {
                        out[i] = strings ? test(op, ((String) x[i]).compareTo((String) constant)) : testObjects(op, a.type(), a.get(i), constant);
                    }
                }
            }
        }
        return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, NullMasks.of(a), rows);
    }

    /** Compares two vectors row by row. */
    static Vector compare(int op, Vector a, Vector b) {
        int rows = a.size();
        boolean[] out = new boolean[rows];
        if (op == IS_DISTINCT_FROM || op == IS_NOT_DISTINCT_FROM) {
            boolean wantDistinct = op == IS_DISTINCT_FROM;
            for (int i = 0; i < rows; i++) {
                boolean leftNull = a.isNull(i);
                boolean rightNull = b.isNull(i);
                boolean same = leftNull || rightNull ? leftNull == rightNull : Values.equal(a.type(), a.get(i), b.get(i));
                out[i] = same != wantDistinct;
            }
            return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, null, rows);
        }
        boolean[] nulls = NullMasks.either(a, b, rows);
        Storage storage = a.storage();
        if (storage == Storage.LONG) {
            long[] x = a.longs();
            long[] y = b.longs();
            for (int i = 0; i < rows; i++) {
                out[i] = test(op, Long.compare(x[i], y[i]));
            }
        } else if (storage == Storage.DOUBLE) {
            double[] x = a.doubles();
            double[] y = b.doubles();
            for (int i = 0; i < rows; i++) {
                out[i] = testDouble(op, x[i], y[i]);
            }
        } else if (storage == Storage.BOOLEAN) {
            boolean[] x = a.booleans();
            boolean[] y = b.booleans();
            for (int i = 0; i < rows; i++) {
                out[i] = test(op, Boolean.compare(x[i], y[i]));
            }
        } else {
            for (int i = 0; i < rows; i++) {
                if (nulls == null || !nulls[i]) {
                    out[i] = testObjects(op, a.type(), a.get(i), b.get(i));
                }
            }
        }
        return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, nulls, rows);
    }

    /** The operator applied to a three-way comparison result. */
    static boolean test(int op, int comparison) {
        switch (op) {
            case EQUAL:
                return comparison == 0;
            case NOT_EQUAL:
                return comparison != 0;
            case LESS_THAN:
                return comparison < 0;
            case LESS_THAN_OR_EQUAL:
                return comparison <= 0;
            case GREATER_THAN:
                return comparison > 0;
            default:
                return comparison >= 0;
        }
    }

    static boolean testDouble(int op, double a, double b) {
        switch (op) {
            case EQUAL:
                return a == b;
            case NOT_EQUAL:
                return a != b;
            case LESS_THAN:
                return a < b;
            case LESS_THAN_OR_EQUAL:
                return a <= b;
            case GREATER_THAN:
                return a > b;
            default:
                return a >= b;
        }
    }

    /** Compares two non-null boxed values of {@code type}. */
    static boolean testObjects(int op, SqlType type, Object a, Object b) {
        if (a instanceof Double x) {
            return testDouble(op, x, (Double) b);
        }
        if (op == EQUAL || op == NOT_EQUAL) {
            return Values.equal(type, a, b) == (op == EQUAL);
        }
        return test(op, Values.compare(type, a, b));
    }
}
