package io.tidemark.loadtest.tsbs;

/**
 * What a use-case generator produces.
 *
 * @param scale hosts (devops, cpu-only) or trucks (iot): TSBS {@code --scale}
 * @param seed seed of every random draw
 * @param startNanos time of the first step, Unix epoch nanoseconds
 * @param intervalNanos time between two steps of an entity (TSBS {@code --log-interval})
 * @param steps steps per entity
 * @param values value mode of the cpu-only use case (TSBS's integers or two-decimal floats)
 */
public record GeneratorConfig(int scale, long seed, long startNanos, long intervalNanos, long steps, ValueMode values) {

    public GeneratorConfig {
        if (scale <= 0 || intervalNanos <= 0 || steps < 0 || values == null) {
            throw new IllegalArgumentException("cannot generate: scale=" + scale + ", intervalNanos=" + intervalNanos
                    + ", steps=" + steps + ", values=" + values + " (scale and interval > 0, steps >= 0)");
        }
    }

    /** Time of step {@code step}. */
    public long timeNanos(long step) {
        return startNanos + step * intervalNanos;
    }
}
