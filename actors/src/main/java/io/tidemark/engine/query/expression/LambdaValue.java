package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.vector.Vector;

/**
 * A lambda argument ({@code x -> x + 1}) as a function sees it: the value of a FUNCTION-typed
 * argument vector, one per row (a lambda that captures columns of the row is bound to that row's
 * values). Invoking it evaluates the body for many parameter tuples at once.
 */
public interface LambdaValue {

    /**
     * Evaluates the body {@code count} times: {@code parameters[p]} holds the p-th parameter of
     * every invocation (each vector has {@code count} rows). Returns {@code count} results.
     */
    Vector invoke(Vector[] parameters, int count, EvalContext context);
}
