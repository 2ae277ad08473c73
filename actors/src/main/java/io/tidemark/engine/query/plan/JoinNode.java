package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.operator.Joins;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A join: the left columns then the right columns; equi-keys hash the right side, the residual filters candidate pairs. */
record JoinNode(PlanNode left, PlanNode right, Joins.Type type, List<Integer> leftKeys, List<Integer> rightKeys,
        Optional<VectorExpression> residual, String text) implements PlanNode {

    JoinNode {
        leftKeys = List.copyOf(leftKeys);
        rightKeys = List.copyOf(rightKeys);
    }

    @Override
    public List<SqlType> outputTypes() {
        List<SqlType> types = new ArrayList<>(left.outputTypes());
        types.addAll(right.outputTypes());
        return types;
    }

    @Override
    public List<PlanNode> sources() {
        return List.of(left, right);
    }

    @Override
    public String describe(EvalContext eval) {
        return "Join(" + type + ")" + (text.isEmpty() ? "" : "[" + text + "]");
    }

    @Override
    public Batch execute(PlanExecutor executor) {
        Batch leftRows = executor.run(left);
        Batch rightRows = executor.run(right);
        EvalContext eval = executor.eval();
        Optional<Function<Batch, Vector>> condition = residual.map(expression -> pairs -> expression.evaluate(pairs, eval));
        return Joins.join(leftRows, rightRows, type, leftKeys, rightKeys, condition, executor.context());
    }
}
