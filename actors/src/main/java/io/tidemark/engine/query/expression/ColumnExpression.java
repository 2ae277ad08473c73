package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;

/** A channel of the input batch, returned as is (zero copy). */
record ColumnExpression(int channel, SqlType type) implements VectorExpression {

    @Override
    public Vector evaluate(Batch batch, EvalContext context) {
        return batch.column(channel);
    }
}
