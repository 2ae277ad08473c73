package io.tidemark.engine.query;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.QueryService.QueryStatus;
import io.tidemark.engine.query.StatementRunner.Executed;
import io.tidemark.engine.query.plan.BatchCursor;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.analyzer.OutputColumn;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A running statement's result, pulled batch by batch ({@link QueryService#stream}): each
 * {@link #next} computes the next rows on the query dispatcher, so nothing is computed that no one
 * has asked for, and a pipeline's rows flow from the shards without the whole result ever being
 * held. A batch handed out counts against the query's memory, as its rendered text would take,
 * until the next is asked for (its reader is done with it by then). The query runs (and counts as running) until the last batch has been read, it fails, or
 * {@link #close} ends it; closing before the end cancels it, so its fragments stop. One reader at a
 * time: call {@link #next} again only once the previous stage has completed.
 */
public final class ResultStream {

    private final QueryContext query;
    private final List<OutputColumn> columns;
    private final BatchCursor cursor;
    private final Executor statements;
    /** Completes when the stream ends (its last batch read, a failure, or closed); the query's supervisor watches it. */
    private final CompletableFuture<Executed> work;
    /** The query's one answer: a failure here (time out, CancelQuery) wins over the cursor's own error. */
    private final CompletableFuture<RunningQueries.Answer> answer;
    private CompletableFuture<Optional<Batch>> pending = CompletableFuture.completedFuture(Optional.empty());
    private volatile boolean ended;
    private boolean closing;
    /** What the batch handed out last holds, counted against the query's memory until the next is asked for. */
    private long handedOutBytes;

    ResultStream(QueryContext query, List<OutputColumn> columns, BatchCursor cursor, Executor statements,
            CompletableFuture<Executed> work, CompletableFuture<RunningQueries.Answer> answer) {
        this.query = query;
        this.columns = columns;
        this.cursor = cursor;
        this.statements = statements;
        this.work = work;
        this.answer = answer;
    }

    public String queryId() {
        return query.queryId();
    }

    public List<OutputColumn> columns() {
        return columns;
    }

    /**
     * The next rows, or empty once the result has ended. Fails with the query's
     * {@link EngineException} (VALIDATION for the user's errors and the time limit, CONFLICT once
     * cancelled, INTERNAL for the engine's failures); the stream has then ended.
     */
    public synchronized CompletionStage<Optional<Batch>> next() {
        if (ended || closing) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<Batch>> next = new CompletableFuture<>();
        pending = next;
        CompletableFuture.runAsync(() -> {
            try {
                query.releaseMemory(handedOutBytes);
                handedOutBytes = 0;
                Optional<Batch> batch = cursor.next();
                if (batch.isEmpty()) {
                    end(null);
                } else {
                    handedOutBytes = ResultSizes.all(batch.get());
                    query.reserveMemory(handedOutBytes);
                }
                next.complete(batch);
            } catch (RuntimeException e) {
                EngineException failure = failureOf(e);
                end(failure);
                next.completeExceptionally(failure);
            }
        }, statements);
        return next;
    }

    /**
     * Ends the stream: when rows remain, the query is cancelled (its fragments stop), and what it
     * holds is released once the batch being computed, if any, is done. Idempotent.
     */
    public synchronized CompletionStage<Void> close() {
        if (ended) {
            return CompletableFuture.completedFuture(null);
        }
        closing = true;
        query.cancel("its reader stopped reading");
        return pending.handle((batch, failure) -> {
            end(EngineException.conflict("Query " + query.queryId() + " was cancelled: its reader stopped reading"));
            return null;
        });
    }

    /**
     * QueryStatus so far: the bytes the fragments scanned and the bytes metered (at least 10 MB),
     * and 100% once the stream has ended.
     */
    public QueryStatus status() {
        long scanned = query.bytesScanned();
        return new QueryStatus(ended ? 100.0 : 0.0, scanned, Math.max(scanned, QueryService.MIN_METERED_BYTES));
    }

    /** The most memory the query held at once so far: its buffered shard outputs and operator state, in the engine's estimate. */
    public long peakMemoryBytes() {
        return query.peakReservedMemory();
    }

    /** Closes the cursor and ends the query, with {@code failure} or successfully (null). */
    private void end(EngineException failure) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        try {
            query.releaseMemory(handedOutBytes);
            handedOutBytes = 0;
            cursor.close();
        } finally {
            if (failure == null) {
                work.complete(new Executed(columns, Batch.empty(List.of())));
            } else {
                work.completeExceptionally(failure);
            }
        }
    }

    /** The answer's failure when the query was stopped (it says why), else the cursor's error in the user's terms. */
    private EngineException failureOf(RuntimeException thrown) {
        RunningQueries.Answer stopped = answer.getNow(null);
        if (stopped != null && stopped.failure() != null) {
            return stopped.failure();
        }
        return RunningQueries.failure(query, thrown);
    }
}
