package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.operator.UnnestOperator;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;

/** CROSS JOIN UNNEST / LEFT JOIN UNNEST … ON true: the input columns, then the unnested columns (and the ordinal). */
record UnnestNode(PlanNode source, List<Integer> channels, List<SqlType> unnestedTypes, boolean withOrdinality, boolean outer,
        String text) implements PlanNode {

    UnnestNode {
        channels = List.copyOf(channels);
        unnestedTypes = List.copyOf(unnestedTypes);
    }

    @Override
    public List<SqlType> outputTypes() {
        List<SqlType> types = new ArrayList<>(source.outputTypes());
        types.addAll(unnestedTypes);
        return types;
    }

    @Override
    public List<PlanNode> sources() {
        return List.of(source);
    }

    @Override
    public String describe(EvalContext eval) {
        return "Unnest" + (outer ? "(LEFT)" : "") + "[" + text + (withOrdinality ? " WITH ORDINALITY" : "") + "]";
    }

    @Override
    public Batch execute(PlanExecutor executor) {
        return UnnestOperator.apply(executor.run(source), channels, withOrdinality, outer, executor.context());
    }
}
