package io.tidemark.loadtest.tsbs;

import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The TSBS cpu-only data set, generated column by column.
 *
 * <p>Every series (one host, one cpu field) is a clamped random walk as in TSBS {@code cpu.go}:
 * {@code CWD(ND(0,1), 0, 100, rand*100)} — the walk starts uniform in [0,100), each step adds a
 * Gaussian N(0,1) draw (uniform(-1,1) for {@link ValueMode#FLOAT2}) and the result is clamped to
 * [0,100]. As in TSBS the first row emits the start value and every later row advances the walk
 * once. Values are emitted truncated to an integer ({@code ToPointAllInt64}) or, for float2, rounded
 * to two decimals; the walk itself keeps full precision.
 *
 * <p>Each series draws from its own random stream derived from the seed, so a series can be
 * generated alone, in any order relative to the others, in pieces of any length, and always yields
 * the same values. Values are written into caller arrays: no object per point.
 */
public final class CpuOnlyGenerator {

    private static final double WALK_MIN = 0;
    private static final double WALK_MAX = 100;
    /** Golden-ratio increment used to spread series seeds (SplitMix64's gamma). */
    private static final long SEED_GAMMA = 0x9E3779B97F4A7C15L;

    private final CpuOnlyConfig config;
    private final List<HostTags> hosts;
    private final List<SeriesKey> seriesKeys;
    private final SplittableRandom[] randoms;
    private final double[] walks;
    private final long[] nextSteps;
    /** Marsaglia's polar method yields Gaussians in pairs; the second one waits here. */
    private final double[] spareGaussians;
    private final boolean[] hasSpareGaussian;

    public CpuOnlyGenerator(CpuOnlyConfig config) {
        this.config = config;
        int series = seriesCount(config.scale());
        SplittableRandom tagRandom = new SplittableRandom(config.seed());
        List<HostTags> h = new ArrayList<>(config.scale());
        List<SeriesKey> keys = new ArrayList<>(series);
        for (int i = 0; i < config.scale(); i++) {
            HostTags tags = HostTags.draw(i, tagRandom);
            h.add(tags);
            for (String field : TsbsVocabulary.FIELD_NAMES) {
                keys.add(SeriesKey.of(tags.dimensions(), field));
            }
        }
        this.hosts = List.copyOf(h);
        this.seriesKeys = List.copyOf(keys);
        this.randoms = new SplittableRandom[series];
        this.walks = new double[series];
        this.nextSteps = new long[series];
        this.spareGaussians = new double[series];
        this.hasSpareGaussian = new boolean[series];
        for (int s = 0; s < series; s++) {
            randoms[s] = new SplittableRandom(mix64(config.seed() + SEED_GAMMA * (s + 1L)));
            walks[s] = randoms[s].nextDouble() * WALK_MAX;
        }
    }

    /**
     * SplitMix64's finalizer. A {@code SplittableRandom} seeded with {@code x + k * SEED_GAMMA} yields
     * the stream of one seeded with {@code x}, shifted by {@code k} draws (its own increment is that
     * gamma), so unmixed seeds made every series the same walk a few steps apart.
     */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int seriesCount(int scale) {
        return Math.multiplyExact(scale, TsbsVocabulary.FIELD_COUNT);
    }

    public CpuOnlyConfig config() {
        return config;
    }

    public int hostCount() {
        return hosts.size();
    }

    public int seriesCount() {
        return seriesKeys.size();
    }

    public HostTags host(int host) {
        return hosts.get(host);
    }

    /** Series index of a host's field: hosts in order, fields in TSBS order within a host. */
    public static int seriesOf(int host, int field) {
        return host * TsbsVocabulary.FIELD_COUNT + field;
    }

    /** The key of a series: the host's ten tags as dimensions, the field name as measure name. */
    public SeriesKey seriesKey(int series) {
        return seriesKeys.get(series);
    }

    /** Timestamp (epoch nanoseconds) of row {@code step}. */
    public long timeNanos(long step) {
        return config.startNanos() + step * config.intervalNanos();
    }

    /** Writes the timestamps of rows {@code firstStep .. firstStep+count-1} into {@code out[0..count)}. */
    public void fillTimes(long firstStep, long[] out, int count) {
        long t = timeNanos(firstStep);
        long interval = config.intervalNanos();
        for (int i = 0; i < count; i++) {
            out[i] = t;
            t += interval;
        }
    }

    /** The row index the next {@link #nextValues} call of this series starts at. */
    public long nextStep(int series) {
        return nextSteps[series];
    }

    /**
     * Continues the walk of {@code series}: writes the values of its next {@code count} rows into
     * {@code out[offset .. offset+count)}.
     */
    public void nextValues(int series, double[] out, int offset, int count) {
        boolean float2 = config.values() == ValueMode.FLOAT2;
        double walk = walks[series];
        long step = nextSteps[series];
        SplittableRandom random = randoms[series];
        for (int i = 0; i < count; i++, step++) {
            if (step > 0) {
                double delta = float2 ? random.nextDouble(-1.0, 1.0) : gaussian(series, random);
                walk = Math.min(WALK_MAX, Math.max(WALK_MIN, walk + delta));
            }
            out[offset + i] = float2 ? Math.round(walk * 100) / 100.0 : (double) (long) walk;
        }
        walks[series] = walk;
        nextSteps[series] = step;
    }

    /** Standard normal draw by Marsaglia's polar method: exact, allocation-free, stable across JDKs. */
    private double gaussian(int series, SplittableRandom random) {
        if (hasSpareGaussian[series]) {
            hasSpareGaussian[series] = false;
            return spareGaussians[series];
        }
        double u;
        double v;
        double s;
        do {
            u = random.nextDouble() * 2 - 1;
            v = random.nextDouble() * 2 - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussians[series] = v * factor;
        hasSpareGaussian[series] = true;
        return u * factor;
    }
}
