package io.tidemark.loadtest.tsbs;

import picocli.CommandLine.Option;

/**
 * The options that pick a TSBS cpu-only data set, shared by every command that generates one
 * (mixed in with picocli's {@code @Mixin}), so the same flags mean the same data everywhere.
 */
public final class DataSetOptions {

    @Option(names = "--scale", defaultValue = "100", description = "Number of hosts (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--hours", defaultValue = "24", description = "Hours of data (default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--values", defaultValue = "int", converter = ValueModeConverter.class,
            description = "int (TSBS: N(0,1) steps, truncated, 58i) or float2 (uniform(-1,1) steps,"
                    + " two decimals, 58.27).")
    ValueMode values;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    public CpuOnlyConfig config() {
        return CpuOnlyConfig.tsbs(scale, seed, values);
    }

    public int hours() {
        return hours;
    }
}
