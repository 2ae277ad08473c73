package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Vector;

/**
 * An aggregate whose per-group state is an object (a list, a map, a digest, a heap), run by
 * {@link ObjectAccumulator}. States never leave the JVM: the intermediate is the state object.
 *
 * @param <S> the mutable state of one group
 */
interface ObjectAggregation<S> {

    S newState();

    /** Folds row {@code row} of the arguments into {@code state}. */
    void add(S state, Vector[] arguments, int row);

    /** Folds {@code source} (another accumulator's state, left unchanged) into {@code target}. */
    void merge(S target, S source);

    /** The group's value as {@link io.tidemark.engine.query.vector.Storage} boxes it, or null; of a fresh state, the empty group's value. */
    Object result(S state);
}
