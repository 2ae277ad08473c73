package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;

/** Computes one column per expression over the input's rows. */
record ProjectNode(PlanNode source, List<VectorExpression> expressions, List<String> texts) implements PlanNode {

    ProjectNode {
        expressions = List.copyOf(expressions);
        texts = List.copyOf(texts);
    }

    @Override
    public List<SqlType> outputTypes() {
        return expressions.stream().map(VectorExpression::type).toList();
    }

    @Override
    public List<PlanNode> sources() {
        return List.of(source);
    }

    @Override
    public String describe(EvalContext eval) {
        return "Project[" + String.join(", ", texts) + "]";
    }

    @Override
    public Batch execute(PlanExecutor executor) {
        return project(executor.run(source), expressions, executor.eval());
    }

    static Batch project(Batch input, List<VectorExpression> expressions, EvalContext eval) {
        List<Vector> columns = new ArrayList<>(expressions.size());
        for (VectorExpression expression : expressions) {
            columns.add(expression.evaluate(input, eval));
        }
        return new Batch(columns, input.rowCount());
    }
}
