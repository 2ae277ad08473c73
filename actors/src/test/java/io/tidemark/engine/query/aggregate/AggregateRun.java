package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.function.BoundSignature;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs a bound aggregate over hand-built columns, in one pass or as fragments whose intermediates are merged. */
final class AggregateRun {

    private AggregateRun() {
    }

    static Vector column(SqlType type, Object... values) {
        VectorBuilder builder = new VectorBuilder(type, values.length);
        for (Object value : values) {
            builder.append(value);
        }
        return builder.build();
    }

    static AggregateFunction bind(String name, List<SqlType> argumentTypes, SqlType returnType, boolean distinct) {
        return BuiltinAggregates.instance().bind(new BoundSignature(name, argumentTypes, returnType), distinct)
                .orElseThrow(() -> new AssertionError("not bound: " + name + argumentTypes));
    }

    /** The aggregate's value per group, all rows added at once. */
    static List<Object> onePass(AggregateFunction function, int[] groupIds, int groupCount, Vector[] arguments, int rowCount) {
        Accumulator accumulator = function.newAccumulator();
        accumulator.add(groupIds, groupCount, arguments, rowCount);
        return boxed(accumulator.result(groupCount));
    }

    /**
     * The aggregate's value per group when rows {@code [cuts[i], cuts[i+1])} are aggregated by
     * separate accumulators, each numbering the groups its own way (rotated by the fragment index),
     * whose intermediates are merged, in fragment order, into a final accumulator.
     */
    static List<Object> fragmented(AggregateFunction function, int[] groupIds, int groupCount, Vector[] arguments, int[] cuts) {
        Accumulator result = function.newAccumulator();
        for (int f = 0; f + 1 < cuts.length; f++) {
            int from = cuts[f];
            int to = cuts[f + 1];
            int rotation = f % groupCount;
            int[] localIds = new int[to - from];
            for (int i = from; i < to; i++) {
                localIds[i - from] = (groupIds[i] + rotation) % groupCount;
            }
            Vector[] sliced = new Vector[arguments.length];
            for (int a = 0; a < arguments.length; a++) {
                sliced[a] = arguments[a].slice(from, to);
            }
            Accumulator fragment = function.newAccumulator();
            fragment.add(localIds, groupCount, sliced, to - from);
            Vector[] intermediate = fragment.intermediate(groupCount);
            for (int v = 0; v < intermediate.length; v++) {
                if (!intermediate[v].type().equals(function.intermediateTypes().get(v))) {
                    throw new AssertionError("intermediate " + v + " is " + intermediate[v].type() + ", declared " + function.intermediateTypes());
                }
            }
            int[] globalIds = new int[groupCount];
            for (int local = 0; local < groupCount; local++) {
                globalIds[local] = Math.floorMod(local - rotation, groupCount);
            }
            result.merge(globalIds, groupCount, intermediate, groupCount);
        }
        return boxed(result.result(groupCount));
    }

    static List<Object> boxed(Vector vector) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < vector.size(); i++) {
            values.add(vector.get(i));
        }
        return values;
    }

    static int[] ids(int... ids) {
        return Arrays.copyOf(ids, ids.length);
    }
}
