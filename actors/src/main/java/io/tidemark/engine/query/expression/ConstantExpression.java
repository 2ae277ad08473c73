package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;

/**
 * One value for every row: a literal, a folded constant sub-expression, or an outer row's bound
 * value. Operators look for it to specialise {@code column op constant} without materialising the
 * constant.
 *
 * @param value the boxed value (see {@link io.tidemark.engine.query.vector.Storage}), or null
 */
record ConstantExpression(SqlType type, Object value) implements VectorExpression {

    @Override
    public Vector evaluate(Batch batch, EvalContext context) {
        return Vector.constant(type, value, batch.rowCount());
    }

    boolean isNull() {
        return value == null;
    }
}
