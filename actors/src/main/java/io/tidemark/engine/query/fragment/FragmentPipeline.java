package io.tidemark.engine.query.fragment;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.sql.type.SqlType;
import java.util.List;

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
}
