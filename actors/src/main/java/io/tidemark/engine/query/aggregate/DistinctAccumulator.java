package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Values;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code f(DISTINCT …)}: keeps each group's distinct argument tuples (in first-seen order; a null
 * is a value like any other here, the wrapped aggregate decides what nulls mean) and runs the
 * wrapped aggregate over them once, at {@link #result}. The intermediate is the set per group, so
 * a tuple seen by two fragments still counts once.
 */
final class DistinctAccumulator implements Accumulator {

    private final List<SqlType> argumentTypes;
    private final AggregateFunction aggregate;
    private Object[] tuples = new Object[0];

    DistinctAccumulator(List<SqlType> argumentTypes, AggregateFunction aggregate) {
        this.argumentTypes = List.copyOf(argumentTypes);
        this.aggregate = aggregate;
    }

    /** A row's argument values, equal and hashed as {@link Values} says for their types. */
    private record Tuple(List<SqlType> types, Object[] values) {

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Tuple tuple)) {
                return false;
            }
            for (int i = 0; i < values.length; i++) {
                Object a = values[i];
                Object b = tuple.values[i];
                if (a == null || b == null ? a != b : !Values.equal(types.get(i), a, b)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int hash = 1;
            for (int i = 0; i < values.length; i++) {
                hash = 31 * hash + Values.hash(types.get(i), values[i]);
            }
            return hash;
        }
    }

    @SuppressWarnings("unchecked")
    private Set<Tuple> set(int group) {
        if (tuples[group] == null) {
            tuples[group] = new LinkedHashSet<Tuple>();
        }
        return (Set<Tuple>) tuples[group];
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector[] arguments, int rowCount) {
        tuples = GroupArrays.ensure(tuples, groupCount);
        for (int i = 0; i < rowCount; i++) {
            Object[] values = new Object[arguments.length];
            for (int a = 0; a < arguments.length; a++) {
                values[a] = arguments[a].get(i);
            }
            set(groupIds[i]).add(new Tuple(argumentTypes, values));
        }
    }

    @Override
    public Vector[] intermediate(int groupCount) {
        tuples = GroupArrays.ensure(tuples, groupCount);
        return new Vector[] {Vector.ofObjects(PrimitiveType.UNKNOWN, Arrays.copyOf(tuples, groupCount), groupCount)};
    }

    @Override
    @SuppressWarnings("unchecked")
    public void merge(int[] groupIds, int groupCount, Vector[] intermediate, int rowCount) {
        tuples = GroupArrays.ensure(tuples, groupCount);
        for (int i = 0; i < rowCount; i++) {
            Set<Tuple> partial = (Set<Tuple>) intermediate[0].getObject(i);
            if (partial != null) {
                set(groupIds[i]).addAll(partial);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Vector result(int groupCount) {
        tuples = GroupArrays.ensure(tuples, groupCount);
        int rows = 0;
        for (int g = 0; g < groupCount; g++) {
            rows += tuples[g] == null ? 0 : ((Set<Tuple>) tuples[g]).size();
        }
        int[] groupIds = new int[rows];
        VectorBuilder[] columns = new VectorBuilder[argumentTypes.size()];
        for (int a = 0; a < columns.length; a++) {
            columns[a] = new VectorBuilder(argumentTypes.get(a), rows);
        }
        int row = 0;
        for (int g = 0; g < groupCount; g++) {
            if (tuples[g] == null) {
                continue;
            }
            for (Tuple tuple : (Set<Tuple>) tuples[g]) {
                groupIds[row++] = g;
                for (int a = 0; a < columns.length; a++) {
                    columns[a].append(tuple.values()[a]);
                }
            }
        }
        Vector[] arguments = new Vector[columns.length];
        for (int a = 0; a < columns.length; a++) {
            arguments[a] = columns[a].build();
        }
        Accumulator distinct = aggregate.newAccumulator();
        distinct.add(groupIds, groupCount, arguments, rows);
        return distinct.result(groupCount);
    }
}
