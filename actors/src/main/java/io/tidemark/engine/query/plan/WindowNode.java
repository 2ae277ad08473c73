package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.window.WindowOperator;
import io.tidemark.engine.query.window.WindowSpec;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;

/** Window functions: the input's columns followed by one column per window call. */
record WindowNode(PlanNode source, List<WindowSpec> windows, List<String> texts) implements PlanNode {

    WindowNode {
        windows = List.copyOf(windows);
        texts = List.copyOf(texts);
    }

    @Override
    public List<SqlType> outputTypes() {
        List<SqlType> types = new ArrayList<>(source.outputTypes());
        windows.forEach(window -> types.add(window.returnType()));
        return types;
    }

    @Override
    public List<PlanNode> sources() {
        return List.of(source);
    }

    @Override
    public String describe(EvalContext eval) {
        return "Window[" + String.join(", ", texts) + "]";
    }

    @Override
    public Batch execute(PlanExecutor executor) {
        return WindowOperator.apply(executor.run(source), windows, executor.context());
    }
}
