package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Vector;

/**
 * An aggregate whose per-group state is an object (a list, a map, a digest, a heap), run by
 * {@link ObjectAccumulator}. The intermediate holds each group's state object as a
 * {@link PartialState}; the aggregate writes it for another node as its {@link StateCodec} says.
 *
 * @param <S> the mutable state of one group
 */
interface ObjectAggregation<S> extends StateCodec<S> {

    S newState();

    /** Folds row {@code row} of the arguments into {@code state}. */
    void add(S state, Vector[] arguments, int row);

    /** The group's value as {@link io.tidemark.engine.query.vector.Storage} boxes it, or null; of a fresh state, the empty group's value. */
    Object result(S state);
}
