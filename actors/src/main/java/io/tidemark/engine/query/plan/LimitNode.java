package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.operator.Limit;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.SqlType;
import java.util.List;

/** OFFSET / LIMIT; {@code limit < 0} means none. */
record LimitNode(PlanNode source, long offset, long limit) implements PlanNode {

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
        return "Limit[" + (offset > 0 ? "offset=" + offset + (limit >= 0 ? ", " : "") : "") + (limit >= 0 ? "limit=" + limit : "") + "]";
    }

    @Override
    public Batch execute(PlanExecutor executor) {
        return Limit.apply(executor.run(source), offset, limit);
    }
}
