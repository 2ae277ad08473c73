package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.Arrays;

/**
 * {@code avg(x)} and {@code geometric_mean(x)}: a sum and a count per group (intermediate: both).
 * Numbers average as doubles; intervals keep an exact long sum and round the mean half away from
 * zero; the geometric mean averages natural logarithms and exponentiates the mean.
 */
final class AverageAccumulator implements Accumulator {

    /** How values are summed and the mean is finished. */
    enum Mode {
        /** avg of bigint, integer or double: double sum, double mean. */
        ARITHMETIC,
        /** avg of an interval: exact long sum, mean rounded to the interval unit. */
        INTERVAL,
        /** geometric_mean: sum of ln(x), mean exp(sum / count). */
        GEOMETRIC
    }

    private final Mode mode;
    private final SqlType resultType;
    private double[] doubleSums = new double[0];
    private long[] longSums = new long[0];
    private long[] counts = new long[0];

    AverageAccumulator(Mode mode, SqlType resultType) {
        this.mode = mode;
        this.resultType = resultType;
    }

    private void ensure(int groupCount) {
        counts = GroupArrays.ensure(counts, groupCount);
        if (mode == Mode.INTERVAL) {
            longSums = GroupArrays.ensure(longSums, groupCount);
        } else {
            doubleSums = GroupArrays.ensure(doubleSums, groupCount);
        }
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector[] arguments, int rowCount) {
        ensure(groupCount);
        Vector values = arguments[0];
        boolean[] nulls = values.nullMask();
        long[] longIn = values.longs();
        if (mode == Mode.INTERVAL) {
            for (int i = 0; i < rowCount; i++) {
                if (GroupArrays.present(nulls, i)) {
                    int g = groupIds[i];
                    longSums[g] = SumAccumulator.addExact(longSums[g], longIn[i]);
                    counts[g]++;
                }
            }
            return;
        }
        double[] doubleIn = values.doubles();
        boolean logarithm = mode == Mode.GEOMETRIC;
        if (!logarithm && doubleIn != null) {
            addDoubleRuns(groupIds, nulls, doubleIn, rowCount);
            return;
        }
        for (int i = 0; i < rowCount; i++) {
            if (GroupArrays.present(nulls, i)) {
                int g = groupIds[i];
                double value = doubleIn != null ? doubleIn[i] : longIn[i];
                doubleSums[g] += logarithm ? Math.log(value) : value;
                counts[g]++;
            }
        }
    }

    /**
     * The arithmetic mean's add over doubles, a run of rows of one group at a time (a scan delivers
     * long runs: one series, one time bin) with the group's sum and count in locals, so consecutive
     * rows do not wait on each other's store. Same additions in the same order, same result.
     */
    private void addDoubleRuns(int[] groupIds, boolean[] nulls, double[] in, int rowCount) {
        int i = 0;
        while (i < rowCount) {
            int g = groupIds[i];
            double sum = doubleSums[g];
            long count = counts[g];
            for (; i < rowCount && groupIds[i] == g; i++) {
                if (GroupArrays.present(nulls, i)) {
                    sum += in[i];
                    count++;
                }
            }
            doubleSums[g] = sum;
            counts[g] = count;
        }
    }

    @Override
    public Vector[] intermediate(int groupCount) {
        ensure(groupCount);
        Vector sums = mode == Mode.INTERVAL
                ? Vector.ofLongs(resultType, Arrays.copyOf(longSums, groupCount), null, groupCount)
                : Vector.ofDoubles(PrimitiveType.DOUBLE, Arrays.copyOf(doubleSums, groupCount), null, groupCount);
        return new Vector[] {sums, Vector.ofLongs(PrimitiveType.BIGINT, Arrays.copyOf(counts, groupCount), null, groupCount)};
    }

    @Override
    public void merge(int[] groupIds, int groupCount, Vector[] intermediate, int rowCount) {
        ensure(groupCount);
        long[] partialCounts = intermediate[1].longs();
        for (int i = 0; i < rowCount; i++) {
            int g = groupIds[i];
            if (mode == Mode.INTERVAL) {
                longSums[g] = SumAccumulator.addExact(longSums[g], intermediate[0].getLong(i));
            } else {
                doubleSums[g] += intermediate[0].getDouble(i);
            }
            counts[g] += partialCounts[i];
        }
    }

    @Override
    public Vector result(int groupCount) {
        ensure(groupCount);
        boolean[] nulls = null;
        long[] longMeans = mode == Mode.INTERVAL ? new long[groupCount] : null;
        double[] doubleMeans = mode == Mode.INTERVAL ? null : new double[groupCount];
        for (int g = 0; g < groupCount; g++) {
            long count = counts[g];
            if (count == 0) {
                if (nulls == null) {
                    nulls = new boolean[groupCount];
                }
                nulls[g] = true;
            } else if (mode == Mode.INTERVAL) {
                longMeans[g] = roundedQuotient(longSums[g], count);
            } else {
                double mean = doubleSums[g] / count;
                doubleMeans[g] = mode == Mode.GEOMETRIC ? Math.exp(mean) : mean;
            }
        }
        return mode == Mode.INTERVAL
                ? Vector.ofLongs(resultType, longMeans, nulls, groupCount)
                : Vector.ofDoubles(PrimitiveType.DOUBLE, doubleMeans, nulls, groupCount);
    }

    /** {@code sum / count} rounded half away from zero, without leaving long arithmetic. */
    static long roundedQuotient(long sum, long count) {
        long quotient = sum / count;
        long remainder = sum % count;
        if (Math.abs(remainder) >= count - Math.abs(remainder)) {
            quotient += Long.signum(sum);
        }
        return quotient;
    }
}
