package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.operator.Distinct;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.SqlType;
import java.util.List;

/** SELECT DISTINCT: the first occurrence of every distinct row. */
record DistinctNode(PlanNode source) implements PlanNode {

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
        return "Distinct";
    }

    @Override
    public Batch execute(PlanExecutor executor) {
        return Distinct.apply(executor.run(source), executor.context());
    }
}
