package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.SqlType;
import java.util.List;

/** A WITH query: every reference shares this node, which runs its plan once per execution. */
final class SharedNode implements PlanNode {

    private final String name;
    private final PlanNode plan;

    SharedNode(String name, PlanNode plan) {
        this.name = name;
        this.plan = plan;
    }

    @Override
    public List<SqlType> outputTypes() {
        return plan.outputTypes();
    }

    @Override
    public List<PlanNode> sources() {
        return List.of(plan);
    }

    @Override
    public String describe(EvalContext eval) {
        return "With[" + name + "]";
    }

    @Override
    public Batch execute(PlanExecutor executor) {
        return executor.shared(this, () -> executor.run(plan));
    }
}
