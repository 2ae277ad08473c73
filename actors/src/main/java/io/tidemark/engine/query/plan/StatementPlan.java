package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.fragment.FragmentRunner;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.analyzer.OutputColumn;
import java.util.List;

/**
 * A planned query: its result columns, its plan as EXPLAIN prints it (the fragment part that runs
 * where the data lives, and the final part), and a way to run it.
 */
public interface StatementPlan {

    List<OutputColumn> columns();

    /** The plan as text, one node per line, indented, with the fragment/final split marked. */
    String explain();

    /**
     * Runs the plan to completion on the calling thread (a blocking-dispatcher thread), sending
     * fragments through {@code runner} and waiting for them; returns every result row. Throws
     * {@link io.tidemark.engine.EngineException} or
     * {@link io.tidemark.engine.query.function.QueryFunctionException} for the user's errors.
     */
    Batch execute(QueryContext context, FragmentRunner runner);

    /**
     * Starts the plan as a cursor over its result, on the calling thread: the result then comes
     * batch by batch as {@link BatchCursor#next} asks for it, and what the plan holds is released
     * when the cursor is closed. By default the plan is {@link #execute executed} at once and its
     * rows handed out in one batch.
     */
    default BatchCursor open(QueryContext context, FragmentRunner runner) {
        return BatchCursor.of(execute(context, runner), context);
    }
}
