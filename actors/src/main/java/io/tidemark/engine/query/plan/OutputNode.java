package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.SqlType;
import java.util.List;

/** The root: the result columns by name. */
record OutputNode(PlanNode source, List<String> names) implements PlanNode {

    OutputNode {
        names = List.copyOf(names);
    }

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
        return "Output[" + String.join(", ", names) + "]";
    }

    @Override
    public Batch execute(PlanExecutor executor) {
        return executor.run(source);
    }
}
