package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.fragment.FragmentRunner;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.analyzer.OutputColumn;
import java.util.List;
import java.util.Optional;

/** A planned query: the plan tree and the subqueries its expressions run. */
final class QueryPlan implements StatementPlan {

    private final List<OutputColumn> columns;
    private final OutputNode root;
    private final Subqueries subqueries;

    QueryPlan(List<OutputColumn> columns, OutputNode root, Subqueries subqueries) {
        this.columns = List.copyOf(columns);
        this.root = root;
        this.subqueries = subqueries;
    }

    @Override
    public List<OutputColumn> columns() {
        return columns;
    }

    @Override
    public String explain() {
        return explain(EvalContext.utc(System.currentTimeMillis() * 1_000_000L));
    }

    /** The plan text with constants (time bounds) evaluated as of {@code eval}'s query start. */
    String explain(EvalContext eval) {
        return PlanPrinter.print(root, eval);
    }

    OutputNode root() {
        return root;
    }

    @Override
    public Batch execute(QueryContext context, FragmentRunner runner) {
        subqueries.begin(context, runner);
        try {
            PlanExecutor executor = subqueries.executor();
            Batch result = executor.run(root);
            executor.releaseAll();
            return result;
        } finally {
            subqueries.end();
        }
    }

    /**
     * {@inheritDoc} Pipelines stream ({@link ResultCursors}); the plan's execution, and what its
     * executor holds, lasts until the cursor is closed, so the plan must not run again before then.
     */
    @Override
    public BatchCursor open(QueryContext context, FragmentRunner runner) {
        subqueries.begin(context, runner);
        PlanExecutor executor = subqueries.executor();
        BatchCursor cursor;
        try {
            cursor = ResultCursors.of(root, executor);
        } catch (RuntimeException e) {
            executor.releaseAll();
            subqueries.end();
            throw e;
        }
        return new BatchCursor() {
            private boolean closed;

            @Override
            public Optional<Batch> next() {
                return closed ? Optional.empty() : cursor.next();
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    cursor.close();
                    executor.releaseAll();
                    subqueries.end();
                }
            }
        };
    }
}
