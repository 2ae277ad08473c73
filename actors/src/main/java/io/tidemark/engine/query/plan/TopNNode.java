package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.operator.TopN;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.SortKey;
import io.tidemark.sql.type.SqlType;
import java.util.List;

/** ORDER BY with LIMIT: keeps only the first {@code count} rows of the order. */
record TopNNode(PlanNode source, List<SortKey> keys, long count, List<String> texts) implements PlanNode {

    TopNNode {
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
        return "TopN[" + count + " by " + String.join(", ", texts) + "]";
    }

    @Override
    public Batch execute(PlanExecutor executor) {
        TopN topN = new TopN(source.outputTypes(), keys, count, executor.context());
        topN.add(executor.run(source));
        return topN.finish();
    }
}
