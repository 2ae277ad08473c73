package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.SqlType;
import java.util.List;

/** The source of a query without FROM: one row, no columns. */
record SingleRowNode() implements PlanNode {

    @Override
    public List<SqlType> outputTypes() {
        return List.of();
    }

    @Override
    public List<PlanNode> sources() {
        return List.of();
    }

    @Override
    public String describe(EvalContext eval) {
        return "SingleRow";
    }

    @Override
    public Batch execute(PlanExecutor executor) {
        return new Batch(List.of(), 1);
    }
}
