package io.tidemark.engine;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The engine-wide settings, read from {@code tidemark.data-dir} and {@code tidemark.engine.*}.
 *
 * @param memoryBudgetBytes heap bytes all memory stores of the node may hold before writes are
 *     refused with THROTTLING
 */
public record EngineSettings(Path dataDir, Duration askTimeout, long memoryBudgetBytes) {

    public static EngineSettings fromConfig(Config config) {
        Config engine = config.getConfig("tidemark.engine");
        return new EngineSettings(Path.of(config.getString("tidemark.data-dir")).toAbsolutePath(),
                engine.getDuration("ask-timeout"), memoryBudget(engine, "memory-store.budget"));
    }

    /** A percentage of the maximum heap ("40%") or a size ("2GiB") at {@code path} of {@code engine}. */
    public static long memoryBudget(Config engine, String path) {
        String v = engine.getString(path).trim();
        if (!v.endsWith("%")) {
            return engine.getBytes(path);
        }
        double percent = Double.parseDouble(v.substring(0, v.length() - 1).trim());
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("cannot read tidemark.engine." + path + ": a percentage must be"
                    + " in (0, 100], value=" + v);
        }
        return (long) (Runtime.getRuntime().maxMemory() * percent / 100);
    }
}
