package io.tidemark.engine.query;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.catalog.PartitionKey;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.query.expression.EvalContext;
import java.util.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running query's shared state: its id, evaluation context, deadline, memory allowance,
 * bytes scanned, and cancellation. Thread-safe; every operator and fragment of the query checks
 * {@link #checkRunning()} between batches and reserves memory for what it keeps.
 */
public final class QueryContext {

    /**
     * One table a fragment of the query read: its ARN and partition key (the names of its
     * dimension keys; {@code measure_name} for the default key), how many shards the table has and
     * how many the fragment read (all, or none when its time range was empty), and the time range
     * it read (after retention; {@code toNanos} may be {@link Long#MAX_VALUE} when unbounded).
     */
    public record TableScanned(String tableArn, List<String> partitionKey, int shardCount, long fromNanos,
            long toNanos) {

        public TableScanned {
            partitionKey = List.copyOf(partitionKey);
        }

        /** The scan of {@code table} over {@code [fromNanos, toNanos]}. */
        public static TableScanned of(TableDescription table, long fromNanos, long toNanos) {
            List<String> keys = new ArrayList<>();
            for (PartitionKey key : table.partitionKeys()) {
                keys.add(key.type() == PartitionKey.Type.DIMENSION ? key.name() : "measure_name");
            }
            return new TableScanned(table.arn(), keys, table.shardCount(), fromNanos, toNanos);
        }

        /** The shards read: every one unless the range is empty. */
        public int shardsRead() {
            return fromNanos > toNanos ? 0 : shardCount;
        }
    }

    private final String queryId;
    private final EvalContext eval;
    private final long deadlineNanoTime;
    private final long memoryLimitBytes;
    private final AtomicLong reservedBytes = new AtomicLong();
    private final AtomicLong peakReservedBytes = new AtomicLong();
    private final AtomicLong bytesScanned = new AtomicLong();
    private final AtomicReference<String> cancelled = new AtomicReference<>();
    private final Queue<Runnable> onCancel = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<TableScanned> tablesScanned = new ConcurrentLinkedQueue<>();

    /**
     * @param deadlineNanoTime {@link System#nanoTime()} after which the query fails as timed out
     * @param memoryLimitBytes how much the query may hold at once
     */
    public QueryContext(String queryId, EvalContext eval, long deadlineNanoTime, long memoryLimitBytes) {
        this.queryId = queryId;
        this.eval = eval;
        this.deadlineNanoTime = deadlineNanoTime;
        this.memoryLimitBytes = memoryLimitBytes;
    }

    public String queryId() {
        return queryId;
    }

    public EvalContext eval() {
        return eval;
    }

    /** Throws if the query was cancelled or ran past its deadline. */
    public void checkRunning() {
        String reason = cancelled.get();
        if (reason != null) {
            throw new EngineException(io.tidemark.engine.ErrorKind.VALIDATION, "Query " + queryId + " was cancelled: " + reason);
        }
        if (System.nanoTime() - deadlineNanoTime > 0) {
            throw new EngineException(io.tidemark.engine.ErrorKind.VALIDATION, "Query " + queryId + " exceeded its time limit");
        }
    }

    /** Cancels the query; the actions of {@link #whenCancelled} run on the calling thread. */
    public void cancel(String reason) {
        if (cancelled.compareAndSet(null, reason)) {
            runCancelActions();
        }
    }

    /**
     * Runs {@code action} once when the query is cancelled (at once when it already is): how work
     * the query started elsewhere, which checks no flag of this context (fragments on other
     * nodes), learns to stop.
     *
     * @return forgets {@code action}, once the work it stops is over
     */
    public Runnable whenCancelled(Runnable action) {
        onCancel.add(action);
        if (isCancelled()) {
            runCancelActions();
        }
        return () -> onCancel.remove(action);
    }

    private void runCancelActions() {
        for (Runnable action = onCancel.poll(); action != null; action = onCancel.poll()) {
            action.run();
        }
    }

    public boolean isCancelled() {
        return cancelled.get() != null;
    }

    /** Accounts {@code bytes} more held by the query; throws a clear error past the limit. */
    public void reserveMemory(long bytes) {
        long total = reservedBytes.addAndGet(bytes);
        peakReservedBytes.accumulateAndGet(total, Math::max);
        if (total > memoryLimitBytes) {
            throw new EngineException(io.tidemark.engine.ErrorKind.VALIDATION, "Query " + queryId
                    + " exceeded its memory limit: limit=" + memoryLimitBytes + " bytes, needed at least " + total + " bytes");
        }
    }

    public void releaseMemory(long bytes) {
        reservedBytes.addAndGet(-bytes);
    }

    public long reservedMemory() {
        return reservedBytes.get();
    }

    /** The most the query held at once so far (refused reservations included). */
    public long peakReservedMemory() {
        return peakReservedBytes.get();
    }

    public void addBytesScanned(long bytes) {
        bytesScanned.addAndGet(bytes);
    }

    public long bytesScanned() {
        return bytesScanned.get();
    }

    /** Notes a table a fragment of the query reads, for the query's insights. */
    public void recordTableScan(TableScanned scanned) {
        tablesScanned.add(scanned);
    }

    /** The tables the query's fragments read so far, once per fragment. */
    public List<TableScanned> tablesScanned() {
        return List.copyOf(tablesScanned);
    }
}
