package io.tidemark.loadtest.tsbs;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The random draws of one simulated entity: its own stream derived from the seed and the entity's
 * index, so entities can be generated in any order and always yield the same values. Gaussians
 * come from Marsaglia's polar method (exact, allocation-free, the same on every JDK).
 */
final class Draws {

    /** Golden-ratio increment used to spread entity seeds (SplitMix64's gamma). */
    private static final long SEED_GAMMA = 0x9E3779B97F4A7C15L;

    private final SplittableRandom random;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    /** The draws of entity {@code index} under {@code seed}; {@code salt} separates independent uses of one seed. */
    Draws(long seed, long salt, long index) {
        this.random = new SplittableRandom(mix64(seed + SEED_GAMMA * (index + 1) + salt * 0xD1B54A32D192ED03L));
    }

    /**
     * SplitMix64's finalizer. A {@code SplittableRandom} seeded with {@code x + k * SEED_GAMMA} yields
     * the stream of one seeded with {@code x}, shifted by {@code k} draws (its own increment is that
     * gamma), so unmixed neighbouring seeds would give shifted copies of one stream.
     */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return random.nextDouble();
    }

    /** Uniform in [low, high). */
    double uniform(double low, double high) {
        return low + random.nextDouble() * (high - low);
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** Normal with the given mean and standard deviation. */
    double normal(double mean, double stdDev) {
        return mean + stdDev * gaussian();
    }

    /** Standard normal N(0, 1); Marsaglia's polar method yields them in pairs, the second waits for the next call. */
    double gaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
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
        spareGaussian = v * factor;
        hasSpareGaussian = true;
        return u * factor;
    }
}
