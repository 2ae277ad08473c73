package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.fragment.FragmentRunner;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs plan nodes to batches for one execution, on one thread. Holds the memory of every batch a
 * node produced until its consumer finished (reserved in the {@link QueryContext}), checks that
 * the query still runs before each node, and reads and keeps the results of shared nodes (WITH
 * queries) so each runs once per execution.
 */
final class PlanExecutor {

    private final QueryContext context;
    private final FragmentRunner runner;
    private final Map<PlanNode, Batch> shared;
    private long held;

    /** @param shared the results of shared nodes, common to every executor of one execution (thread-safe) */
    PlanExecutor(QueryContext context, FragmentRunner runner, Map<PlanNode, Batch> shared) {
        this.context = context;
        this.runner = runner;
        this.shared = shared;
    }

    QueryContext context() {
        return context;
    }

    EvalContext eval() {
        return context.eval();
    }

    FragmentRunner runner() {
        return runner;
    }

    /** The node's output; what its inputs held is released once it is done. */
    Batch run(PlanNode node) {
        context.checkRunning();
        long before = held;
        Batch output = node.execute(this);
        release(held - before);
        long size = estimateBytes(output);
        context.reserveMemory(size);
        held += size;
        return output;
    }

    /** Releases everything still held (the result, once handed over). */
    void releaseAll() {
        release(held);
    }

    private void release(long bytes) {
        context.releaseMemory(bytes);
        held -= bytes;
    }

    /**
     * The output of a node shared by several consumers, computed on first use (two threads asking
     * at once may both compute it; either result is the same).
     */
    Batch shared(PlanNode node, Supplier<Batch> compute) {
        Batch result = shared.get(node);
        if (result == null) {
            result = compute.get();
            shared.put(node, result);
        }
        return result;
    }

    /** About how many bytes a batch holds: 8 per long/double value, 1 per boolean and null flag, 32 per boxed value. */
    static long estimateBytes(Batch batch) {
        long bytes = 0;
        for (Vector column : batch.columns()) {
            Storage storage = column.storage();
            int perValue = storage == Storage.BOOLEAN ? 1 : storage == Storage.OBJECT ? 32 : 8;
            bytes += (long) column.size() * (perValue + (column.mayHaveNulls() ? 1 : 0));
        }
        return bytes;
    }
}
