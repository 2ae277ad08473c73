package io.tidemark.engine.query.fragment;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.vector.Batch;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Runs a fragment over a table's data wherever it lives (every shard's memory store and the
 * magnetic store), in parallel, and returns each place's output. Implementations add what they
 * read to the context's bytes scanned and stop early when the query is cancelled or out of time.
 */
public interface FragmentRunner {

    CompletionStage<List<Batch>> run(ScanRequest request, FragmentPipeline pipeline, QueryContext context);

    /**
     * A runner for the fragments of one statement whose plan was built from {@code sql}: a runner
     * that runs fragments on other nodes sends the text along, so those nodes can rebuild them.
     * This runner itself by default.
     */
    default FragmentRunner forStatement(String sql) {
        return this;
    }
}
