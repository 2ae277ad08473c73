package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.ast.Query;

/**
 * Runs a subquery that appears inside an expression (scalar, IN, EXISTS, quantified comparison).
 * {@code outer} binds the enclosing query's fields the subquery references (a correlated
 * subquery is run once per distinct binding); an uncorrelated one gets an empty binding.
 */
public interface SubqueryRunner {

    Batch run(Query subquery, InputLayout outer, EvalContext context);
}
