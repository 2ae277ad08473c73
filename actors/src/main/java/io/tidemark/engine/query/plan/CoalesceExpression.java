package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.SqlType;

/** The first value where it is not null, else the second: a USING column after a RIGHT or FULL join. */
record CoalesceExpression(VectorExpression first, VectorExpression second) implements VectorExpression {

    @Override
    public SqlType type() {
        return first.type();
    }

    @Override
    public Vector evaluate(Batch batch, EvalContext context) {
        Vector a = first.evaluate(batch, context);
        if (!a.mayHaveNulls()) {
            return a;
        }
        Vector b = Coercion.coerce(second.evaluate(batch, context), a.type());
        VectorBuilder builder = new VectorBuilder(a.type(), batch.rowCount());
        for (int i = 0; i < batch.rowCount(); i++) {
            builder.append(a.isNull(i) ? b : a, i);
        }
        return builder.build();
    }
}
