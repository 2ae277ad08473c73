package io.tidemark.engine.query.aggregate;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * How one aggregate merges its partial state objects and writes them for another node, where the
 * same aggregate (the fragment is rebuilt from the same statement) merges them from the bytes. The
 * bytes need no types: the aggregate on either side knows the types of the values inside.
 *
 * @param <S> the mutable state of one group
 */
interface StateCodec<S> {

    /** The form {@link #write} writes, checked by the receiving aggregate before it reads. */
    StateKind kind();

    /** Folds {@code source} (another accumulator's state, left unchanged) into {@code target}. */
    void merge(S target, S source);

    /**
     * Writes {@code state} so that {@link #mergeWritten} on another node folds it into a target
     * exactly as {@link #merge} would fold the state itself. Values inside use
     * {@link io.tidemark.engine.query.vector.ValueWire}'s forms; counts go before their elements.
     */
    void write(Output out, S state);

    /**
     * Folds a state {@link #write} wrote into {@code target}. Counts are checked against the bytes
     * left before anything is allocated; damaged bytes end in a {@link com.esotericsoftware.kryo.KryoException}.
     */
    void mergeWritten(S target, Input in);
}
