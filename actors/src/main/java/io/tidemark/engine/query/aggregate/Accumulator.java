package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Vector;

/**
 * The running state of one aggregate call for many groups at once (grouped aggregation; a global
 * aggregate is group 0 of 1). Group ids are dense, {@code 0..groupCount}; the accumulator grows its
 * state when a higher id appears. States travel between a fragment (partial aggregation where the
 * data is) and the final step as {@link #intermediate} vectors, which {@link #merge} folds in.
 */
public interface Accumulator {

    /** Adds rows: row {@code i} of the argument vectors belongs to group {@code groupIds[i]}. */
    void add(int[] groupIds, int groupCount, Vector[] arguments, int rowCount);

    /** The state of each group {@code 0..groupCount}, as vectors of {@link AggregateFunction#intermediateTypes()}. */
    Vector[] intermediate(int groupCount);

    /** Folds in states produced by {@link #intermediate}: row {@code i} merges into group {@code groupIds[i]}. */
    void merge(int[] groupIds, int groupCount, Vector[] intermediate, int rowCount);

    /** The final value of each group {@code 0..groupCount} (a group that saw no rows gets the aggregate's empty value: 0 for count, null otherwise). */
    Vector result(int groupCount);
}
