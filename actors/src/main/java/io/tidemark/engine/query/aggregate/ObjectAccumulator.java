package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.List;

/**
 * Runs an {@link ObjectAggregation} for many groups: one state object per group, created at the
 * group's first row. The intermediate is a single object-stored vector of the states, each as a
 * {@link PartialState} (null for a group that saw no rows); merging folds them, live or as written
 * on another node, into this accumulator's own states, never adopting another accumulator's
 * mutable state.
 */
final class ObjectAccumulator<S> implements Accumulator {

    /** The intermediate shape of every object-state aggregate. */
    static final List<SqlType> INTERMEDIATE_TYPES = List.of(PrimitiveType.UNKNOWN);

    private final ObjectAggregation<S> aggregation;
    private final SqlType resultType;
    private Object[] states = new Object[0];

    ObjectAccumulator(ObjectAggregation<S> aggregation, SqlType resultType) {
        this.aggregation = aggregation;
        this.resultType = resultType;
    }

    @SuppressWarnings("unchecked")
    private S state(int group) {
        Object state = states[group];
        if (state == null) {
            state = aggregation.newState();
            states[group] = state;
        }
        return (S) state;
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector[] arguments, int rowCount) {
        states = GroupArrays.ensure(states, groupCount);
        for (int i = 0; i < rowCount; i++) {
            aggregation.add(state(groupIds[i]), arguments, i);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Vector[] intermediate(int groupCount) {
        states = GroupArrays.ensure(states, groupCount);
        Object[] partial = new Object[groupCount];
        for (int g = 0; g < groupCount; g++) {
            if (states[g] != null) {
                partial[g] = PartialState.of(aggregation, (S) states[g]);
            }
        }
        return new Vector[] {Vector.ofObjects(PrimitiveType.UNKNOWN, partial, groupCount)};
    }

    @Override
    public void merge(int[] groupIds, int groupCount, Vector[] intermediate, int rowCount) {
        states = GroupArrays.ensure(states, groupCount);
        Object[] partial = intermediate[0].objects();
        for (int i = 0; i < rowCount; i++) {
            if (partial[i] != null) {
                ((PartialState) partial[i]).mergeInto(aggregation, state(groupIds[i]));
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Vector result(int groupCount) {
        states = GroupArrays.ensure(states, groupCount);
        Object[] out = new Object[groupCount];
        Object empty = aggregation.result(aggregation.newState());
        for (int g = 0; g < groupCount; g++) {
            out[g] = states[g] == null ? empty : aggregation.result((S) states[g]);
        }
        return boxed(resultType, out, groupCount);
    }

    /** A vector of boxed values of any type (object-stored types take the array as is). */
    static Vector boxed(SqlType type, Object[] values, int count) {
        if (Storage.of(type) == Storage.OBJECT) {
            return Vector.ofObjects(type, values, count);
        }
        VectorBuilder builder = new VectorBuilder(type, count);
        for (int i = 0; i < count; i++) {
            builder.append(values[i]);
        }
        return builder.build();
    }
}
