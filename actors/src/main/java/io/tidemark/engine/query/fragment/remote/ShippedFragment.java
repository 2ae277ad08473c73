package io.tidemark.engine.query.fragment.remote;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.fragment.FragmentPipeline;
import io.tidemark.engine.query.fragment.ScanRequest;
import io.tidemark.engine.query.fragment.ShardFragmentScan;
import io.tidemark.engine.shard.fragment.ShardFragment;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A query fragment sent to a shard. A compiled pipeline cannot cross nodes, so what crosses is
 * what rebuilds it identically there ({@link FragmentRebuilder}): the statement's SQL text, the
 * query's start instant (so {@code now()} and {@code ago()} evaluate alike), the scan request and
 * a fingerprint of the pipeline ({@link FragmentPipeline#fingerprint()}), plus the table's id and
 * shard count, the first time read after retention, and how long the run may take. On the
 * querying node's own shards the fragment also carries the pipeline and the query's context, and
 * runs as it is: Pekko serializes only what crosses nodes, and those fields are not part of the
 * wire form. It travels inside a {@link io.tidemark.engine.shard.fragment.TrackedFragment}, so the
 * attempt can be stopped wherever it runs.
 *
 * @param sql the statement's text; null when the plan was not built from SQL (the fragment then
 *     runs only where it was built)
 */
public record ShippedFragment(String queryId, String sql, long queryStartNanos, long timeoutMillis, String tableId,
        int shardCount, ScanRequest request, long fromNanos, Supplier<String> fingerprint, Local local)
        implements ShardFragment {

    /** What only the querying node has; null once the fragment crossed nodes. */
    public record Local(FragmentPipeline pipeline, QueryContext context) {
    }

    public ShippedFragment {
        Objects.requireNonNull(queryId, "query id");
        Objects.requireNonNull(tableId, "table id");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** What the shard's run reads. */
    public ShardFragmentScan.Scope scope(int shard) {
        return new ShardFragmentScan.Scope(tableId, shardCount, shard, request.columns(), request.values(), fromNanos,
                request.toNanos());
    }

}
