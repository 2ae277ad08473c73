package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.operator.Sort;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.SortKey;
import io.tidemark.sql.type.SqlType;
import java.util.List;

/** ORDER BY without LIMIT. */
record SortNode(PlanNode source, List<SortKey> keys, List<String> texts) implements PlanNode {

    SortNode {
        keys = List.copyOf(keys);
        texts = List.copyOf(texts);
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
        return "Sort[" + String.join(", ", texts) + "]";
    }

    @Override
    public Batch execute(PlanExecutor executor) {
        return Sort.sort(executor.run(source), keys, executor.context());
    }
}
