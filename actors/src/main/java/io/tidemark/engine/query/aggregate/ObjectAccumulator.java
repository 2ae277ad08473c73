package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.Arrays;
import java.util.List;

/**
 * Runs an {@link ObjectAggregation} for many groups: one state object per group, created at the
 * group's first row. The intermediate is a single object-stored vector of the states (null for a
 * group that saw no rows); merging folds them into this accumulator's own states, never adopting
 * another accumulator's mutable state.
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
    public Vector[] intermediate(int groupCount) {
        states = GroupArrays.ensure(states, groupCount);
        return new Vector[] {Vector.ofObjects(PrimitiveType.UNKNOWN, Arrays.copyOf(states, groupCount), groupCount)};
    }

    @Override
    @SuppressWarnings("unchecked")
    public void merge(int[] groupIds, int groupCount, Vector[] intermediate, int rowCount) {
        states = GroupArrays.ensure(states, groupCount);
        Object[] partial = intermediate[0].objects();
        for (int i = 0; i < rowCount; i++) {
            if (partial[i] != null) {
                aggregation.merge(state(groupIds[i]), (S) partial[i]);
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
