package io.tidemark.engine.query.fragment;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.sql.type.SqlType;
import java.util.List;
import java.util.Optional;

/**
 * The part of a plan that runs where the data is (filter, projection, partial aggregation), as a
 * factory of per-shard {@link FragmentSink}s. Immutable; the planner builds it, the fragment runner
 * opens one sink per shard.
 */
public interface FragmentPipeline {

    FragmentSink open(QueryContext context);

    /** The column types of every batch {@link FragmentSink#finish()} returns. */
    List<SqlType> outputTypes();

    /** One line per step for EXPLAIN, e.g. {@code Filter[(usage_user > 90)]}. */
    List<String> describe();

    /**
     * For one shard's run, a way to answer whole chunks from their header stats, whose rows go
     * after the sink's output; empty (the default) when every chunk must be decoded.
     */
    default Optional<ChunkStatsAggregation> chunkStats(QueryContext context) {
        return Optional.empty();
    }
}
