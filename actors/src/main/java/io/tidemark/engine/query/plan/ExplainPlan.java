package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.fragment.FragmentRunner;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.analyzer.OutputColumn;
import io.tidemark.sql.type.PrimitiveType;
import java.util.List;

/** EXPLAIN: one row, one varchar column "Query Plan" holding the plan of the explained query; nothing runs. */
final class ExplainPlan implements StatementPlan {

    private final List<OutputColumn> columns;
    private final QueryPlan explained;

    ExplainPlan(List<OutputColumn> columns, QueryPlan explained) {
        this.columns = List.copyOf(columns);
        this.explained = explained;
    }

    @Override
    public List<OutputColumn> columns() {
        return columns;
    }

    @Override
    public String explain() {
        return explained.explain();
    }

    @Override
    public Batch execute(QueryContext context, FragmentRunner runner) {
        context.checkRunning();
        String text = explained.explain(context.eval());
        return new Batch(List.of(Vector.constant(PrimitiveType.VARCHAR, text, 1)), 1);
    }
}
