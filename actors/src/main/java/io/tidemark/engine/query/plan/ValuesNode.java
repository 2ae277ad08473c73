package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;

/** VALUES: each row's expressions evaluated once, coerced to the column types. */
record ValuesNode(List<List<VectorExpression>> rows, List<SqlType> types) implements PlanNode {

    ValuesNode {
        rows = rows.stream().map(List::copyOf).toList();
        types = List.copyOf(types);
    }

    @Override
    public List<SqlType> outputTypes() {
        return types;
    }

    @Override
    public List<PlanNode> sources() {
        return List.of();
    }

    @Override
    public String describe(EvalContext eval) {
        return "Values[" + rows.size() + (rows.size() == 1 ? " row]" : " rows]");
    }

    @Override
    public Batch execute(PlanExecutor executor) {
        Batch oneRow = new Batch(List.of(), 1);
        List<VectorBuilder> builders = new ArrayList<>();
        types.forEach(type -> builders.add(new VectorBuilder(type, rows.size())));
        for (List<VectorExpression> row : rows) {
            for (int c = 0; c < types.size(); c++) {
                builders.get(c).append(Coercion.coerce(row.get(c).evaluate(oneRow, executor.eval()), types.get(c)), 0);
            }
        }
        List<Vector> columns = builders.stream().map(VectorBuilder::build).toList();
        return new Batch(columns, rows.size());
    }
}
