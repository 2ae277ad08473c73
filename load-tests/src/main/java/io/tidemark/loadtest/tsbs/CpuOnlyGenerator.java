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
    /** Salt of the value streams: 0, which keeps every cpu-only data set's values as first generated. */
    private static final long VALUE_SALT = 0;

    private final CpuOnlyConfig config;
    private final List<HostTags> hosts;
    private final List<SeriesKey> seriesKeys;
    private final Draws[] draws;
    private final double[] walks;
    private final long[] nextSteps;

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
        this.draws = new Draws[series];
        this.walks = new double[series];
        this.nextSteps = new long[series];
        for (int s = 0; s < series; s++) {
            draws[s] = new Draws(config.seed(), VALUE_SALT, s);
            walks[s] = draws[s].uniform() * WALK_MAX;
        }
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
        Draws random = draws[series];
        for (int i = 0; i < count; i++, step++) {
            if (step > 0) {
                double delta = float2 ? random.uniform(-1.0, 1.0) : random.gaussian();
                walk = Math.min(WALK_MAX, Math.max(WALK_MIN, walk + delta));
            }
            out[offset + i] = float2 ? Math.round(walk * 100) / 100.0 : (double) (long) walk;
        }
        walks[series] = walk;
        nextSteps[series] = step;
    }
}
