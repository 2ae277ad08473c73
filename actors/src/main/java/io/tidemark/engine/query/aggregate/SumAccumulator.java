package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.util.Arrays;

/**
 * {@code sum(x)}: a long sum (bigint, integer, intervals; overflow fails like Trino) or a double sum
 * per group, with a flag for groups that saw a value (the sum of nothing is null). The intermediate
 * is the partial sum itself, so merging is adding.
 */
final class SumAccumulator implements Accumulator {

    private final SqlType resultType;
    private final boolean integral;
    private long[] longSums = new long[0];
    private double[] doubleSums = new double[0];
    private boolean[] seen = new boolean[0];

    /** @param resultType bigint, double or an interval type: the type of the sums */
    SumAccumulator(SqlType resultType) {
        this.resultType = resultType;
        this.integral = Storage.of(resultType) == Storage.LONG;
    }

    static long addExact(long left, long right) {
        long sum = left + right;
        if (((left ^ sum) & (right ^ sum)) < 0) {
            throw new QueryFunctionException("bigint addition overflow: " + left + " + " + right);
        }
        return sum;
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector[] arguments, int rowCount) {
        seen = GroupArrays.ensure(seen, groupCount);
        Vector values = arguments[0];
        boolean[] nulls = values.nullMask();
        if (integral) {
            longSums = GroupArrays.ensure(longSums, groupCount);
            long[] in = values.longs();
            for (int i = 0; i < rowCount; i++) {
                if (GroupArrays.present(nulls, i)) {
                    int g = groupIds[i];
                    longSums[g] = addExact(longSums[g], in[i]);
                    seen[g] = true;
                }
            }
            return;
        }
        doubleSums = GroupArrays.ensure(doubleSums, groupCount);
        double[] in = values.doubles();
        long[] longIn = values.longs();
        if (in != null) {
            addDoubleRuns(groupIds, nulls, in, rowCount);
            return;
        }
        for (int i = 0; i < rowCount; i++) {
            if (GroupArrays.present(nulls, i)) {
                int g = groupIds[i];
                doubleSums[g] += in != null ? in[i] : longIn[i];
                seen[g] = true;
            }
        }
    }

    /**
     * The double add, a run of rows of one group at a time with the group's sum in a local (see
     * {@link AverageAccumulator}): same additions in the same order, same result.
     */
    private void addDoubleRuns(int[] groupIds, boolean[] nulls, double[] in, int rowCount) {
        int i = 0;
        while (i < rowCount) {
            int g = groupIds[i];
            double sum = doubleSums[g];
            boolean any = false;
            for (; i < rowCount && groupIds[i] == g; i++) {
                if (GroupArrays.present(nulls, i)) {
                    sum += in[i];
                    any = true;
                }
            }
            doubleSums[g] = sum;
            seen[g] |= any;
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
        seen = GroupArrays.ensure(seen, groupCount);
        boolean[] nulls = GroupArrays.unseenMask(seen, groupCount);
        if (integral) {
            longSums = GroupArrays.ensure(longSums, groupCount);
            return Vector.ofLongs(resultType, Arrays.copyOf(longSums, groupCount), nulls, groupCount);
        }
        doubleSums = GroupArrays.ensure(doubleSums, groupCount);
        return Vector.ofDoubles(resultType, Arrays.copyOf(doubleSums, groupCount), nulls, groupCount);
    }
}
