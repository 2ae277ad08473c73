package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;

/**
 * Timestream refuses any operation whose result is a negative time (before 1970-01-01 00:00:00
 * UTC): a timestamp computed by a function, arithmetic or a cast passes through this check. Column
 * reads need none (stored times are never negative), and a folded constant is checked once when
 * the query compiles, so {@code time >= ago(1h)} keeps its constant operand.
 */
record NonNegativeTime(VectorExpression expression) implements VectorExpression {

    static VectorExpression wrap(VectorExpression compiled) {
        if (compiled instanceof ConstantExpression constant) {
            if (constant.value() instanceof Long nanos) {
                check(nanos);
            }
            return compiled;
        }
        return new NonNegativeTime(compiled);
    }

    @Override
    public SqlType type() {
        return expression.type();
    }

    @Override
    public Vector evaluate(Batch batch, EvalContext context) {
        Vector result = expression.evaluate(batch, context);
        long[] nanos = result.longs();
        int rows = result.size();
        boolean nulls = result.mayHaveNulls();
        for (int row = 0; row < rows; row++) {
            if (nanos[row] < 0 && !(nulls && result.isNull(row))) {
                check(nanos[row]);
            }
        }
        return result;
    }

    private static void check(long nanos) {
        if (nanos < 0) {
            throw new QueryFunctionException("Negative time values are not supported: the result lies "
                    + Math.negateExact(Math.max(nanos, -Long.MAX_VALUE)) + " ns before 1970-01-01 00:00:00");
        }
    }
}
