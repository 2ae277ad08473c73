package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.vector.Batch;
import java.util.Optional;

/**
 * A statement's result pulled batch by batch ({@link StatementPlan#open}): each {@link #next}
 * computes as little as it can to give the next rows, so a result larger than the query may hold
 * at once still streams to its end when its plan is a pipeline. One caller at a time; {@link #next}
 * blocks the calling thread (a query-dispatcher thread) while it waits for fragments.
 */
public interface BatchCursor extends AutoCloseable {

    /**
     * The next rows (a batch may be empty), or empty once the result has ended. Throws the
     * query's errors ({@link io.tidemark.engine.EngineException},
     * {@link io.tidemark.engine.query.function.QueryFunctionException}), and fails once the
     * query is cancelled or out of time.
     */
    Optional<Batch> next();

    /**
     * Releases what the cursor holds and stops what it still runs from being used; no batch
     * comes after. Idempotent; called after the last batch too.
     */
    @Override
    void close();

    /** A cursor handing out {@code rows}, already computed, as one batch; it still fails once the query stops. */
    static BatchCursor of(Batch rows, QueryContext context) {
        return new BatchCursor() {
            private boolean done;

            @Override
            public Optional<Batch> next() {
                context.checkRunning();
                if (done) {
                    return Optional.empty();
                }
                done = true;
                return Optional.of(rows);
            }

            @Override
            public void close() {
                done = true;
            }
        };
    }
}
