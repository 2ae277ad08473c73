package io.tidemark.loadtest.tsbs;

import java.util.function.ToDoubleFunction;

/**
 * How one simulated quantity evolves, after TSBS {@code common/distribution.go}: a walk whose step
 * is drawn from a normal or uniform distribution, clamped (CWD), monotonic (MWD: the step's
 * absolute value is added) or free (WD); a constant; the iot fuel gauge (a clamped walk that
 * refills to its maximum when it hits its minimum); or the iot load (a lazy value: a new uniform
 * draw in [low, high) whenever a uniform [0, 1) "motive" reaches the threshold).
 *
 * @param a the step distribution's mean (normal) or low bound (uniform)
 * @param b the step distribution's standard deviation (normal) or high bound (uniform)
 * @param min the clamp's lower bound; for {@link Kind#LAZY}, the motive's threshold
 * @param max the clamp's upper bound
 * @param initial the state at the entity's first row, drawn when the entity is created
 */
record Walk(Kind kind, Step step, double a, double b, double min, double max, ToDoubleFunction<Draws> initial) {

    enum Kind { CLAMPED, MONOTONIC, FREE, CONSTANT, REFUELLING, LAZY }

    enum Step { NORMAL, UNIFORM, NONE }

    /** CWD(ND(mean, stdDev), min, max, initial). */
    static Walk clampedNormal(double mean, double stdDev, double min, double max, ToDoubleFunction<Draws> initial) {
        return new Walk(Kind.CLAMPED, Step.NORMAL, mean, stdDev, min, max, initial);
    }

    /** CWD(UD(low, high), min, max, initial). */
    static Walk clampedUniform(double low, double high, double min, double max, ToDoubleFunction<Draws> initial) {
        return new Walk(Kind.CLAMPED, Step.UNIFORM, low, high, min, max, initial);
    }

    /** MWD(ND(mean, stdDev), 0). */
    static Walk monotonicNormal(double mean, double stdDev) {
        return new Walk(Kind.MONOTONIC, Step.NORMAL, mean, stdDev, 0, 0, d -> 0);
    }

    /** WD(ND(mean, stdDev), 0). */
    static Walk freeNormal(double mean, double stdDev) {
        return new Walk(Kind.FREE, Step.NORMAL, mean, stdDev, 0, 0, d -> 0);
    }

    static Walk constant(ToDoubleFunction<Draws> value) {
        return new Walk(Kind.CONSTANT, Step.NONE, 0, 0, 0, 0, value);
    }

    /** The fuel gauge: CWD(UD(low, high), min, max, max), back to max on reaching min. */
    static Walk refuelling(double low, double high, double min, double max) {
        return new Walk(Kind.REFUELLING, Step.UNIFORM, low, high, min, max, d -> max);
    }

    /** LD(UD(0, 1), UD(low, high), threshold), 0 until the first change. */
    static Walk lazyUniform(double low, double high, double threshold) {
        return new Walk(Kind.LAZY, Step.UNIFORM, low, high, threshold, 0, d -> 0);
    }

    /** The state one step after {@code state}. */
    double advance(double state, Draws draws) {
        switch (kind) {
            case CONSTANT:
                return state;
            case LAZY:
                return draws.uniform() < min ? state : draws.uniform(a, b);
            default:
                break;
        }
        double delta = step == Step.NORMAL ? draws.normal(a, b) : draws.uniform(a, b);
        switch (kind) {
            case MONOTONIC:
                return state + Math.abs(delta);
            case FREE:
                return state + delta;
            case REFUELLING: {
                double next = Math.min(max, Math.max(min, state + delta));
                return next == min ? max : next;
            }
            default:
                return Math.min(max, Math.max(min, state + delta));
        }
    }

    /** TSBS {@code FP(d, digits)}: truncates toward zero to {@code digits} decimals. */
    static double truncate(double value, int digits) {
        double scale = Math.pow(10, digits);
        return (long) (value * scale) / scale;
    }
}
