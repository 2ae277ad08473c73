package io.tidemark.engine.query.aggregate;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.query.vector.ValueWire;
import io.tidemark.engine.query.vector.Values;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.storage.serialization.KryoCounts;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code f(DISTINCT …)}: keeps each group's distinct argument tuples (in first-seen order; a null
 * is a value like any other here, the wrapped aggregate decides what nulls mean) and runs the
 * wrapped aggregate over them once, at {@link #result}. The intermediate is the set per group (a
 * {@link PartialState}), so a tuple seen by two fragments still counts once; it crosses nodes as its
 * tuples in order.
 */
final class DistinctAccumulator implements Accumulator {

    private final List<SqlType> argumentTypes;
    private final AggregateFunction aggregate;
    private final TupleSets codec = new TupleSets();
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
    @SuppressWarnings("unchecked")
    public Vector[] intermediate(int groupCount) {
        tuples = GroupArrays.ensure(tuples, groupCount);
        Object[] partial = new Object[groupCount];
        for (int g = 0; g < groupCount; g++) {
            if (tuples[g] != null) {
                partial[g] = PartialState.of(codec, (Set<Tuple>) tuples[g]);
            }
        }
        return new Vector[] {Vector.ofObjects(PrimitiveType.UNKNOWN, partial, groupCount)};
    }

    @Override
    public void merge(int[] groupIds, int groupCount, Vector[] intermediate, int rowCount) {
        tuples = GroupArrays.ensure(tuples, groupCount);
        for (int i = 0; i < rowCount; i++) {
            PartialState partial = (PartialState) intermediate[0].getObject(i);
            if (partial != null) {
                partial.mergeInto(codec, set(groupIds[i]));
            }
        }
    }

    /** A group's set of tuples, merged and written for another node. */
    private final class TupleSets implements StateCodec<Set<Tuple>> {

        @Override
        public StateKind kind() {
            return StateKind.DISTINCT;
        }

        @Override
        public void merge(Set<Tuple> target, Set<Tuple> source) {
            target.addAll(source);
        }

        /** {@code count <varint>}, then per tuple in first-seen order each argument as {@code present <1> [value]}. */
        @Override
        public void write(Output out, Set<Tuple> state) {
            out.writeVarInt(state.size(), true);
            for (Tuple tuple : state) {
                for (int a = 0; a < argumentTypes.size(); a++) {
                    ValueWire.writeNullable(out, argumentTypes.get(a), tuple.values()[a]);
                }
            }
        }

        @Override
        public void mergeWritten(Set<Tuple> target, Input in) {
            int count = KryoCounts.readCount(in, "aggregation state", "distinct tuples");
            for (int i = 0; i < count; i++) {
                Object[] values = new Object[argumentTypes.size()];
                for (int a = 0; a < values.length; a++) {
                    values[a] = ValueWire.readNullable(in, argumentTypes.get(a));
                }
                target.add(new Tuple(argumentTypes, values));
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
