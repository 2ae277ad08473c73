package io.tidemark.engine.shard.fragment;

import io.tidemark.engine.shard.SeriesChunks;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Runs fragments sent to this node's shards: the query engine implements it (the shard package
 * does not depend on the query package) and registers it with {@link FragmentHosting}. Called on
 * the shard's actor thread with the shard's memory-store snapshot, so it must return at once and
 * do the work elsewhere.
 */
public interface FragmentHost {

    /**
     * Runs {@code fragment} over the shard's series: {@code memory} (the memory-store chunks that
     * may hold points in the fragment's range, immutable) and the shard's magnetic chunks.
     *
     * @return the answer the shard sends back as it is; a failed stage fails the asker's call
     */
    CompletionStage<FragmentAnswer> run(ShardFragment fragment, String tableId, int shard, List<SeriesChunks> memory);
}
