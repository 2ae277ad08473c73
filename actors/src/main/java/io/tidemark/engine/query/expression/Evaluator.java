package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;

/** A {@link VectorExpression} made of its result type and an evaluation function. */
record Evaluator(SqlType type, Body body) implements VectorExpression {

    /** The evaluation of one expression kind over a batch. */
    @FunctionalInterface
    interface Body {
        Vector evaluate(Batch batch, EvalContext context);
    }

    @Override
    public Vector evaluate(Batch batch, EvalContext context) {
        return body.evaluate(batch, context);
    }
}
