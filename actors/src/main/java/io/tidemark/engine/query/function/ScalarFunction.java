package io.tidemark.engine.query.function;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.vector.Vector;

/**
 * The implementation of one scalar function overload, bound to its argument and return types.
 * Receives every argument evaluated over the same {@code rowCount} rows (a lambda argument is a
 * FUNCTION vector of {@link io.tidemark.engine.query.expression.LambdaValue}s) and returns the
 * result vector. A failure that is the query's fault (bad format string, division by zero …)
 * throws {@link QueryFunctionException} with Trino's message.
 */
@FunctionalInterface
public interface ScalarFunction {

    Vector apply(Vector[] arguments, int rowCount, EvalContext context);
}
