package io.tidemark.engine.query.fragment;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.sql.type.SqlType;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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
     * What the pipeline computes, as text: two pipelines of one statement with equal fingerprints
     * over equal scans compute the same (a node rebuilding a fragment sent to it finds it by this).
     * By default the EXPLAIN lines and the output types; a pipeline whose EXPLAIN lines leave out
     * something that changes its output adds it.
     */
    default String fingerprint() {
        return String.join("\n", describe()) + "\n-> "
                + outputTypes().stream().map(SqlType::displayName).collect(Collectors.joining(", "));
    }

    /**
     * For one shard's run, a way to answer whole chunks from their header stats, whose rows go
     * after the sink's output; empty (the default) when every chunk must be decoded.
     */
    default Optional<ChunkStatsAggregation> chunkStats(QueryContext context) {
        return Optional.empty();
    }
}
