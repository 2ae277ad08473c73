package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.operator.SetOperations;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.ast.SetOperation;
import io.tidemark.sql.type.SqlType;
import java.util.List;

/** UNION / INTERSECT / EXCEPT of two inputs already coerced to {@code types}. */
record SetOperationNode(PlanNode left, PlanNode right, SetOperation.Operator operator, boolean distinct, List<SqlType> types)
        implements PlanNode {

    SetOperationNode {
        types = List.copyOf(types);
    }

    @Override
    public List<SqlType> outputTypes() {
        return types;
    }

    @Override
    public List<PlanNode> sources() {
        return List.of(left, right);
    }

    @Override
    public String describe(EvalContext eval) {
        return operator.name().charAt(0) + operator.name().substring(1).toLowerCase(java.util.Locale.ROOT) + (distinct ? "" : "(ALL)");
    }

    @Override
    public Batch execute(PlanExecutor executor) {
        Batch leftRows = executor.run(left);
        Batch rightRows = executor.run(right);
        switch (operator) {
            case UNION:
                return SetOperations.union(List.of(leftRows, rightRows), types, distinct, executor.context());
            case INTERSECT:
                return SetOperations.intersect(leftRows, rightRows, !distinct, executor.context());
            default:
                return SetOperations.except(leftRows, rightRows, !distinct, executor.context());
        }
    }
}
