package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The dispersion family: stddev/variance (sample and population), skewness and kurtosis. Per
 * group a count, the mean and the central moment sums M2 (and M3, M4 when the statistic needs
 * them), updated online (Welford/Terriberry) and merged with Chan's pairwise formulas, so a
 * partial/final split gives the one-pass answer up to rounding.
 */
final class MomentsAccumulator implements Accumulator {

    /** The statistic a group's moments finish into; each has the least count it is defined for. */
    enum Statistic {
        VAR_SAMP(2, false), VAR_POP(1, false), STDDEV_SAMP(2, false), STDDEV_POP(1, false),
        /** Fisher's moment coefficient of skewness, {@code sqrt(n) M3 / M2^1.5}, as Trino. */
        SKEWNESS(3, true),
        /** Excess kurtosis, the unbiased estimate Trino documents. */
        KURTOSIS(4, true);

        final int minimumCount;
        final boolean higherMoments;

        Statistic(int minimumCount, boolean higherMoments) {
            this.minimumCount = minimumCount;
            this.higherMoments = higherMoments;
        }
    }

    private final Statistic statistic;
    private long[] counts = new long[0];
    private double[] means = new double[0];
    private double[] m2 = new double[0];
    private double[] m3 = new double[0];
    private double[] m4 = new double[0];

    MomentsAccumulator(Statistic statistic) {
        this.statistic = statistic;
    }

    static List<SqlType> intermediateTypes(Statistic statistic) {
        List<SqlType> types = new ArrayList<>(List.of(PrimitiveType.BIGINT, PrimitiveType.DOUBLE, PrimitiveType.DOUBLE));
        if (statistic.higherMoments) {
            types.add(PrimitiveType.DOUBLE);
            types.add(PrimitiveType.DOUBLE);
        }
        return types;
    }

    private void ensure(int groupCount) {
        counts = GroupArrays.ensure(counts, groupCount);
        means = GroupArrays.ensure(means, groupCount);
        m2 = GroupArrays.ensure(m2, groupCount);
        if (statistic.higherMoments) {
            m3 = GroupArrays.ensure(m3, groupCount);
            m4 = GroupArrays.ensure(m4, groupCount);
        }
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector[] arguments, int rowCount) {
        ensure(groupCount);
        boolean[] nulls = arguments[0].nullMask();
        double[] doubleIn = arguments[0].doubles();
        long[] longIn = arguments[0].longs();
        boolean higher = statistic.higherMoments;
        for (int i = 0; i < rowCount; i++) {
            if (!GroupArrays.present(nulls, i)) {
                continue;
            }
            int g = groupIds[i];
            double x = doubleIn != null ? doubleIn[i] : longIn[i];
            long previous = counts[g];
            long n = previous + 1;
            double delta = x - means[g];
            double deltaN = delta / n;
            double term = delta * deltaN * previous;
            if (higher) {
                double deltaN2 = deltaN * deltaN;
                m4[g] += term * deltaN2 * ((double) n * n - 3.0 * n + 3) + 6 * deltaN2 * m2[g] - 4 * deltaN * m3[g];
                m3[g] += term * deltaN * (n - 2) - 3 * deltaN * m2[g];
            }
            m2[g] += term;
            means[g] += deltaN;
            counts[g] = n;
        }
    }

    @Override
    public Vector[] intermediate(int groupCount) {
        ensure(groupCount);
        List<Vector> vectors = new ArrayList<>();
        vectors.add(Vector.ofLongs(PrimitiveType.BIGINT, Arrays.copyOf(counts, groupCount), null, groupCount));
        vectors.add(doubles(means, groupCount));
        vectors.add(doubles(m2, groupCount));
        if (statistic.higherMoments) {
            vectors.add(doubles(m3, groupCount));
            vectors.add(doubles(m4, groupCount));
        }
        return vectors.toArray(new Vector[0]);
    }

    private static Vector doubles(double[] values, int groupCount) {
        return Vector.ofDoubles(PrimitiveType.DOUBLE, Arrays.copyOf(values, groupCount), null, groupCount);
    }

    @Override
    public void merge(int[] groupIds, int groupCount, Vector[] intermediate, int rowCount) {
        ensure(groupCount);
        boolean higher = statistic.higherMoments;
        for (int i = 0; i < rowCount; i++) {
            long nb = intermediate[0].getLong(i);
            if (nb == 0) {
                continue;
            }
            int g = groupIds[i];
            double na = counts[g];
            double n = na + nb;
            double delta = intermediate[1].getDouble(i) - means[g];
            double m2b = intermediate[2].getDouble(i);
            if (higher) {
                double m3b = intermediate[3].getDouble(i);
                double m4b = intermediate[4].getDouble(i);
                double d2 = delta * delta;
                m4[g] += m4b + d2 * d2 * na * nb * (na * na - na * nb + (double) nb * nb) / (n * n * n)
                        + 6 * d2 * (na * na * m2b + (double) nb * nb * m2[g]) / (n * n) + 4 * delta * (na * m3b - nb * m3[g]) / n;
                m3[g] += m3b + d2 * delta * na * nb * (na - nb) / (n * n) + 3 * delta * (na * m2b - nb * m2[g]) / n;
            }
            m2[g] += m2b + delta * delta * na * nb / n;
            means[g] += delta * nb / n;
            counts[g] += nb;
        }
    }

    @Override
    public Vector result(int groupCount) {
        ensure(groupCount);
        double[] out = new double[groupCount];
        boolean[] nulls = null;
        for (int g = 0; g < groupCount; g++) {
            long n = counts[g];
            if (n < statistic.minimumCount) {
                if (nulls == null) {
                    nulls = new boolean[groupCount];
                }
                nulls[g] = true;
                continue;
            }
            out[g] = finish(n, g);
        }
        return Vector.ofDoubles(PrimitiveType.DOUBLE, out, nulls, groupCount);
    }

    private double finish(long n, int g) {
        switch (statistic) {
            case VAR_SAMP:
                return m2[g] / (n - 1);
            case VAR_POP:
                return m2[g] / n;
            case STDDEV_SAMP:
                return Math.sqrt(m2[g] / (n - 1));
            case STDDEV_POP:
                return Math.sqrt(m2[g] / n);
            case SKEWNESS:
                return Math.sqrt((double) n) * m3[g] / Math.pow(m2[g], 1.5);
            default: {
                double count = n;
                double variance = m2[g] / (count - 1);
                return count * (count + 1) * m4[g] / ((count - 1) * (count - 2) * (count - 3) * variance * variance)
                        - 3 * (count - 1) * (count - 1) / ((count - 2) * (count - 3));
            }
        }
    }
}
