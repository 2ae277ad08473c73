package io.tidemark.engine.query.fragment;

import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.fragment.remote.BatchWire;
import io.tidemark.engine.query.fragment.remote.ShippedFragment;
import io.tidemark.engine.shard.fragment.FragmentControl;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One fragment over one table, as a {@link ShardFragmentRunner} runs it: what every shard task of
 * the query shares (the table, the range, the pipeline, the query's context), and the attempts of
 * those tasks still running, which {@link #stop} tells to stop wherever they run.
 */
final class FragmentScan {

    final TableDescription table;
    final ScanRequest request;
    /** The start of the range read: the request's, or the retention bound when later. */
    final long from;
    final FragmentPipeline pipeline;
    final QueryContext context;
    /** The statement's text, or null when the plan was not built from SQL. */
    final String sql;
    /** Whether the shards' nodes run the fragment (else this node reads their chunks). */
    final boolean shippable;
    /** Completes with the reason once every attempt of the fragment should stop. */
    final CompletableFuture<String> stopped = new CompletableFuture<>();
    private final Duration fragmentTimeout;
    private final Set<ShardAttempt> running = ConcurrentHashMap.newKeySet();
    /** Computed once, and only when a fragment crosses nodes. */
    private volatile String fingerprint;

    /**
     * @param ship whether fragments may run on the shards' nodes; they do when their output types cross nodes
     * @param fragmentTimeout how long one attempt may run, which a node running it from another node stops at
     */
    FragmentScan(TableDescription table, ScanRequest request, long from, FragmentPipeline pipeline,
            QueryContext context, String sql, boolean ship, Duration fragmentTimeout) {
        this.table = table;
        this.request = request;
        this.from = from;
        this.pipeline = pipeline;
        this.context = context;
        this.sql = sql;
        this.fragmentTimeout = fragmentTimeout;
        this.shippable = ship && pipeline.outputTypes().stream().allMatch(BatchWire::carries);
    }

    ShardFragmentScan.Scope scope(int shard) {
        return new ShardFragmentScan.Scope(table.tableId(), table.shardCount(), shard, request.columns(),
                request.values(), from, request.toNanos());
    }

    ShippedFragment fragment() {
        return new ShippedFragment(context.queryId(), sql, context.eval().queryStartNanos(),
                fragmentTimeout.toMillis(), table.tableId(), table.shardCount(), request, from, this::fingerprint,
                new ShippedFragment.Local(pipeline, context));
    }

    /** The table as the errors name it. */
    String tableName() {
        return table.databaseName() + "." + table.tableName();
    }

    /** An attempt starting; stopped at once when the fragment already is. */
    ShardAttempt begin(FragmentControl.Attempt tracked) {
        ShardAttempt attempt = new ShardAttempt(tracked);
        running.add(attempt);
        String reason = stopped.getNow(null);
        if (reason != null) {
            attempt.stop(reason);
        }
        return attempt;
    }

    void end(ShardAttempt attempt) {
        running.remove(attempt);
        if (attempt.tracked != null) {
            attempt.tracked.close();
        }
    }

    /** Stops every running attempt of the fragment, here and on the nodes running them; no new one starts. */
    void stop(String reason) {
        if (stopped.complete(reason)) {
            running.forEach(attempt -> attempt.stop(reason));
        }
    }

    private String fingerprint() {
        String known = fingerprint;
        if (known == null) {
            known = pipeline.fingerprint();
            fingerprint = known;
        }
        return known;
    }
}
