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
     * The fragment's places (shards), each run only when its output is asked for, so that a
     * consumer streaming the outputs decides how many run at once and how many outputs it holds.
     * By default one place: {@link #run} over every shard at once, the outputs concatenated.
     */
    default PlacedFragment placed(ScanRequest request, FragmentPipeline pipeline, QueryContext context) {
        return new PlacedFragment() {
            @Override
            public int places() {
                return 1;
            }

            @Override
            public CompletionStage<Batch> run(int place) {
                return FragmentRunner.this.run(request, pipeline, context)
                        .thenApply(outputs -> Batch.concat(outputs, pipeline.outputTypes()));
            }
        };
    }

    /**
     * A runner for the fragments of one statement whose plan was built from {@code sql}: a runner
     * that runs fragments on other nodes sends the text along, so those nodes can rebuild them.
     * This runner itself by default.
     */
    default FragmentRunner forStatement(String sql) {
        return this;
    }

    /** One fragment over one table, run place by place on demand ({@link #placed}). */
    interface PlacedFragment {

        /** How many places the fragment runs at (0 when there is nothing to read). */
        int places();

        /** Runs the fragment at place {@code place} (0 ≤ place < {@link #places()}), once per call. */
        CompletionStage<Batch> run(int place);
    }
}
