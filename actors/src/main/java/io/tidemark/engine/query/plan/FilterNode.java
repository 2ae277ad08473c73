package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.operator.Filter;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.SqlType;
import java.util.List;

/** Keeps the rows where {@code predicate} is true (WHERE, HAVING). */
record FilterNode(PlanNode source, VectorExpression predicate, String text) implements PlanNode {

    @Override
    public List<SqlType> outputTypes() {
        return source.outputTypes();
    }

    @Override
    public List<PlanNode> sources() {
        return List.of(source);
    }

    @Override
    public String describe(EvalContext eval) {
        return "Filter[(" + text + ")]";
    }

    @Override
    public Batch execute(PlanExecutor executor) {
        return apply(executor.run(source), executor.eval());
    }

    /** The rows of {@code input} where the predicate is true. */
    Batch apply(Batch input, EvalContext eval) {
        return Filter.apply(input, predicate.evaluate(input, eval));
    }
}
