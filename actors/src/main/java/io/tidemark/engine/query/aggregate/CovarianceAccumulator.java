package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.Arrays;
import java.util.List;

/**
 * Two-variable statistics of {@code (y, x)} pairs (Trino's argument order): covariance,
 * correlation and the least-squares line. Per group a count, both means, the co-moment C2 and
 * both M2 sums, updated online and merged with Chan's formulas. Rows with a null in either
 * argument are skipped; a statistic that is not finite (a constant x, say) is null.
 */
final class CovarianceAccumulator implements Accumulator {

    enum Statistic {
        COVAR_POP(1), COVAR_SAMP(2), CORR(2), REGR_SLOPE(2), REGR_INTERCEPT(2);

        final int minimumCount;

        Statistic(int minimumCount) {
            this.minimumCount = minimumCount;
        }
    }

    static final List<SqlType> INTERMEDIATE_TYPES = List.of(PrimitiveType.BIGINT, PrimitiveType.DOUBLE, PrimitiveType.DOUBLE,
            PrimitiveType.DOUBLE, PrimitiveType.DOUBLE, PrimitiveType.DOUBLE);

    private final Statistic statistic;
    private long[] counts = new long[0];
    private double[] meanX = new double[0];
    private double[] meanY = new double[0];
    private double[] c2 = new double[0];
    private double[] m2X = new double[0];
    private double[] m2Y = new double[0];

    CovarianceAccumulator(Statistic statistic) {
        this.statistic = statistic;
    }

    private void ensure(int groupCount) {
        counts = GroupArrays.ensure(counts, groupCount);
        meanX = GroupArrays.ensure(meanX, groupCount);
        meanY = GroupArrays.ensure(meanY, groupCount);
        c2 = GroupArrays.ensure(c2, groupCount);
        m2X = GroupArrays.ensure(m2X, groupCount);
        m2Y = GroupArrays.ensure(m2Y, groupCount);
    }

    private static double valueAt(Vector vector, int row) {
        double[] doubles = vector.doubles();
        return doubles != null ? doubles[row] : vector.getLong(row);
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector[] arguments, int rowCount) {
        ensure(groupCount);
        Vector ys = arguments[0];
        Vector xs = arguments[1];
        for (int i = 0; i < rowCount; i++) {
            if (ys.isNull(i) || xs.isNull(i)) {
                continue;
            }
            int g = groupIds[i];
            double y = valueAt(ys, i);
            double x = valueAt(xs, i);
            long n = ++counts[g];
            double dx = x - meanX[g];
            double dy = y - meanY[g];
            meanX[g] += dx / n;
            meanY[g] += dy / n;
            c2[g] += dx * (y - meanY[g]);
            m2X[g] += dx * (x - meanX[g]);
            m2Y[g] += dy * (y - meanY[g]);
        }
    }

    @Override
    public Vector[] intermediate(int groupCount) {
        ensure(groupCount);
        return new Vector[] {Vector.ofLongs(PrimitiveType.BIGINT, Arrays.copyOf(counts, groupCount), null, groupCount),
            doubles(meanX, groupCount), doubles(meanY, groupCount), doubles(c2, groupCount), doubles(m2X, groupCount),
            doubles(m2Y, groupCount)};
    }

    private static Vector doubles(double[] values, int groupCount) {
        return Vector.ofDoubles(PrimitiveType.DOUBLE, Arrays.copyOf(values, groupCount), null, groupCount);
    }

    @Override
    public void merge(int[] groupIds, int groupCount, Vector[] intermediate, int rowCount) {
        ensure(groupCount);
        for (int i = 0; i < rowCount; i++) {
            long nb = intermediate[0].getLong(i);
            if (nb == 0) {
                continue;
            }
            int g = groupIds[i];
            double na = counts[g];
            double n = na + nb;
            double dx = intermediate[1].getDouble(i) - meanX[g];
            double dy = intermediate[2].getDouble(i) - meanY[g];
            double weight = na * nb / n;
            c2[g] += intermediate[3].getDouble(i) + dx * dy * weight;
            m2X[g] += intermediate[4].getDouble(i) + dx * dx * weight;
            m2Y[g] += intermediate[5].getDouble(i) + dy * dy * weight;
            meanX[g] += dx * nb / n;
            meanY[g] += dy * nb / n;
            counts[g] += nb;
        }
    }

    @Override
    public Vector result(int groupCount) {
        ensure(groupCount);
        double[] out = new double[groupCount];
        boolean[] nulls = null;
        for (int g = 0; g < groupCount; g++) {
            double value = counts[g] < statistic.minimumCount ? Double.NaN : finish(g);
            if (Double.isFinite(value)) {
                out[g] = value;
            } else {
                if (nulls == null) {
                    nulls = new boolean[groupCount];
                }
                nulls[g] = true;
            }
        }
        return Vector.ofDoubles(PrimitiveType.DOUBLE, out, nulls, groupCount);
    }

    private double finish(int g) {
        long n = counts[g];
        switch (statistic) {
            case COVAR_POP:
                return c2[g] / n;
            case COVAR_SAMP:
                return c2[g] / (n - 1);
            case CORR:
                return c2[g] / Math.sqrt(m2X[g] * m2Y[g]);
            case REGR_SLOPE:
                return c2[g] / m2X[g];
            default:
                return meanY[g] - c2[g] / m2X[g] * meanX[g];
        }
    }
}
