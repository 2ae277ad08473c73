package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;

/**
 * A compiled value expression: evaluates over every row of a batch at once and returns a vector of
 * {@link #type()} with {@code batch.rowCount()} rows. Implementations are immutable and may be
 * shared between threads.
 */
public interface VectorExpression {

    SqlType type();

    Vector evaluate(Batch batch, EvalContext context);
}
