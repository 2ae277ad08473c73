package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import java.util.Arrays;

/** {@code bitwise_and_agg}/{@code bitwise_or_agg}: the running AND or OR per group; merging is adding. */
final class BitwiseAccumulator implements Accumulator {

    private final boolean and;
    private long[] bits = new long[0];
    private boolean[] seen = new boolean[0];

    BitwiseAccumulator(boolean and) {
        this.and = and;
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector[] arguments, int rowCount) {
        bits = GroupArrays.ensure(bits, groupCount);
        seen = GroupArrays.ensure(seen, groupCount);
        long[] in = arguments[0].longs();
        boolean[] nulls = arguments[0].nullMask();
        for (int i = 0; i < rowCount; i++) {
            if (GroupArrays.present(nulls, i)) {
                int g = groupIds[i];
                bits[g] = !seen[g] ? in[i] : and ? bits[g] & in[i] : bits[g] | in[i];
                seen[g] = true;
            }
        }
    }

    @Override
    public Vector[] intermediate(int groupCount) {
        return new Vector[] {result(groupCount)};
    }

    @Override
    public void merge(int[] groupIds, int groupCount, Vector[] intermediate, int rowCount) {
        add(groupIds, groupCount, intermediate, rowCount);
    }

    @Override
    public Vector result(int groupCount) {
        bits = GroupArrays.ensure(bits, groupCount);
        seen = GroupArrays.ensure(seen, groupCount);
        return Vector.ofLongs(PrimitiveType.BIGINT, Arrays.copyOf(bits, groupCount), GroupArrays.unseenMask(seen, groupCount), groupCount);
    }
}
