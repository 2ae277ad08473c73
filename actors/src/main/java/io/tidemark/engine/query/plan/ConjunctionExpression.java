package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.List;

/** The residual conjuncts of a join condition: true where every term is true (null and false both reject a pair). */
record ConjunctionExpression(List<VectorExpression> terms) implements VectorExpression {

    ConjunctionExpression {
        terms = List.copyOf(terms);
    }

    @Override
    public SqlType type() {
        return PrimitiveType.BOOLEAN;
    }

    @Override
    public Vector evaluate(Batch batch, EvalContext context) {
        int rows = batch.rowCount();
        boolean[] result = new boolean[rows];
        java.util.Arrays.fill(result, true);
        for (VectorExpression term : terms) {
            Vector value = term.evaluate(batch, context);
            for (int i = 0; i < rows; i++) {
                result[i] &= !value.isNull(i) && value.getBoolean(i);
            }
        }
        return Vector.ofBooleans(PrimitiveType.BOOLEAN, result, null, rows);
    }
}
