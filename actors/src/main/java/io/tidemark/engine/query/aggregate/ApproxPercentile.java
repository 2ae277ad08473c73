package io.tidemark.engine.query.aggregate;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.tdunning.math.stats.Centroid;
import com.tdunning.math.stats.TDigest;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.storage.serialization.KryoCounts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * {@code approx_percentile} in all its forms — {@code (x, p)}, {@code (x, array[p…])},
 * {@code (x, w, p)}, {@code (x, w, p, accuracy)}, {@code (x, w, array[p…])} — over a merging
 * t-digest per group (compression 100, or {@code 1/accuracy} clamped to [100, 1000] when an
 * accuracy is given). The percentiles and accuracy are read from a group's first row, as Trino
 * treats them as constants. Bigint input gives the estimate rounded to the nearest integer.
 *
 * <p>A state crosses nodes as its digest's compression, its percentiles and the centroids
 * {@link TDigest#centroids()} lists (which compresses the digest, as merging it in this JVM does),
 * and the receiving node adds those centroids to its digest one by one, exactly as
 * {@link TDigest#add(TDigest)} adds a digest's: a digest rebuilt from them would compress them
 * again, and could merge differently.
 */
final class ApproxPercentile implements ObjectAggregation<ApproxPercentile.DigestState> {

    static final double DEFAULT_COMPRESSION = 100;
    static final double MAX_COMPRESSION = 1000;

    static {
        // t-digest 3.3's MergingDigest ends every merge with sanity asserts that only hold when every
        // centroid at the ends has weight 1; weighted values and merged digests break them although the
        // digest is sound (tdunning/t-digest issues 167, 215, 219). Keep them off even under -ea.
        TDigest.class.getClassLoader().setPackageAssertionStatus("com.tdunning.math.stats", false);
    }

    /** A group's digest and the percentiles it answers (null until the group's first row). */
    static final class DigestState {
        TDigest digest;
        double[] percentiles;
    }

    private final boolean integral;
    private final int weightIndex;
    private final int percentileIndex;
    private final int accuracyIndex;
    private final boolean percentileArray;

    /**
     * @param integral true for bigint input (results rounded)
     * @param weightIndex the weight argument, or -1 when unweighted
     * @param accuracyIndex the accuracy argument, or -1 when absent
     */
    ApproxPercentile(boolean integral, int weightIndex, int percentileIndex, int accuracyIndex, boolean percentileArray) {
        this.integral = integral;
        this.weightIndex = weightIndex;
        this.percentileIndex = percentileIndex;
        this.accuracyIndex = accuracyIndex;
        this.percentileArray = percentileArray;
    }

    @Override
    public DigestState newState() {
        return new DigestState();
    }

    @Override
    public void add(DigestState state, Vector[] arguments, int row) {
        if (state.digest == null) {
            state.percentiles = percentiles(arguments[percentileIndex], row);
            state.digest = TDigest.createMergingDigest(accuracyIndex < 0 ? DEFAULT_COMPRESSION : compression(arguments[accuracyIndex], row));
        }
        Vector values = arguments[0];
        if (values.isNull(row) || weightIndex >= 0 && arguments[weightIndex].isNull(row)) {
            return;
        }
        double value = integral ? values.getLong(row) : values.getDouble(row);
        if (Double.isNaN(value)) {
            throw new QueryFunctionException("cannot compute approx_percentile: the value is NaN");
        }
        state.digest.add(value, weightIndex < 0 ? 1 : weight(arguments[weightIndex].getLong(row)));
    }

    private static int weight(long weight) {
        if (weight <= 0 || weight > Integer.MAX_VALUE) {
            throw new QueryFunctionException("cannot compute approx_percentile: weight must be a positive integer at most " + Integer.MAX_VALUE
                    + ", weight=" + weight);
        }
        return (int) weight;
    }

    private static double compression(Vector accuracies, int row) {
        double accuracy = accuracies.isNull(row) ? Double.NaN : accuracies.getDouble(row);
        if (!(accuracy > 0 && accuracy < 1)) {
            throw new QueryFunctionException("Percentile accuracy must be exclusively between 0 and 1: " + accuracy);
        }
        return Math.min(MAX_COMPRESSION, Math.max(DEFAULT_COMPRESSION, Math.ceil(1 / accuracy)));
    }

    private double[] percentiles(Vector percentiles, int row) {
        if (percentiles.isNull(row)) {
            throw new QueryFunctionException("Percentile cannot be null");
        }
        if (!percentileArray) {
            return new double[] {checked(percentiles.getDouble(row))};
        }
        List<?> list = (List<?>) percentiles.getObject(row);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object percentile = list.get(i);
            if (percentile == null) {
                throw new QueryFunctionException("Percentile cannot be null");
            }
            out[i] = checked(((Number) percentile).doubleValue());
        }
        return out;
    }

    private static double checked(double percentile) {
        if (!(percentile >= 0 && percentile <= 1)) {
            throw new QueryFunctionException("Percentile must be between 0 and 1");
        }
        return percentile;
    }

    @Override
    public void merge(DigestState target, DigestState source) {
        if (source.digest == null) {
            return;
        }
        start(target, source.percentiles, source.digest.compression());
        target.digest.add(source.digest);
    }

    private static void start(DigestState target, double[] percentiles, double compression) {
        if (target.digest == null) {
            target.percentiles = percentiles;
            target.digest = TDigest.createMergingDigest(compression);
        }
    }

    @Override
    public StateKind kind() {
        return StateKind.APPROX_PERCENTILE;
    }

    /**
     * {@code started <1>}, then when started {@code compression <8> percentiles <varint> percentile <8>*
     * centroids <varint> (mean <8> count <varint>)*}.
     */
    @Override
    public void write(Output out, DigestState state) {
        out.writeBoolean(state.digest != null);
        if (state.digest == null) {
            return;
        }
        out.writeDouble(state.digest.compression());
        out.writeVarInt(state.percentiles.length, true);
        out.writeDoubles(state.percentiles, 0, state.percentiles.length);
        Collection<Centroid> centroids = state.digest.centroids();
        out.writeVarInt(centroids.size(), true);
        for (Centroid centroid : centroids) {
            out.writeDouble(centroid.mean());
            out.writeVarInt(centroid.count(), true);
        }
    }

    @Override
    public void mergeWritten(DigestState target, Input in) {
        if (!in.readBoolean()) {
            return;
        }
        double compression = in.readDouble();
        if (!(compression >= DEFAULT_COMPRESSION && compression <= MAX_COMPRESSION)) {
            throw new KryoException("cannot read aggregation state: t-digest compression out of range, compression="
                    + compression);
        }
        double[] percentiles = in.readDoubles(KryoCounts.readCount(in, "aggregation state", "percentiles"));
        start(target, percentiles, compression);
        int centroids = KryoCounts.readCount(in, "aggregation state", "centroids");
        for (int i = 0; i < centroids; i++) {
            double mean = in.readDouble();
            int count = in.readVarInt(true);
            if (count <= 0) {
                throw new KryoException("cannot read aggregation state: centroid count not positive, count=" + count);
            }
            target.digest.add(mean, count);
        }
    }

    @Override
    public Object result(DigestState state) {
        if (state.digest == null || state.digest.size() == 0) {
            return null;
        }
        if (!percentileArray) {
            return estimate(state.digest, state.percentiles[0]);
        }
        List<Object> estimates = new ArrayList<>(state.percentiles.length);
        for (double percentile : state.percentiles) {
            estimates.add(estimate(state.digest, percentile));
        }
        return Collections.unmodifiableList(estimates);
    }

    private Object estimate(TDigest digest, double percentile) {
        double estimate = digest.quantile(percentile);
        return integral ? (Object) Math.round(estimate) : (Object) estimate;
    }
}
