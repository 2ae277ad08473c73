package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;

/** An expression whose values are implicitly coerced to {@code type} (an aggregate's argument, a set operation's column). */
record CoercedExpression(VectorExpression source, SqlType type) implements VectorExpression {

    static VectorExpression of(VectorExpression source, SqlType type) {
        return source.type().equals(type) ? source : new CoercedExpression(source, type);
    }

    @Override
    public Vector evaluate(Batch batch, EvalContext context) {
        return Coercion.coerce(source.evaluate(batch, context), type);
    }
}
