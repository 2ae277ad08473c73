package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;

/** Reads one channel of the input unchanged (a projection passing a column through). */
record ChannelExpression(int channel, SqlType type) implements VectorExpression {

    @Override
    public Vector evaluate(Batch batch, EvalContext context) {
        return batch.column(channel);
    }
}
