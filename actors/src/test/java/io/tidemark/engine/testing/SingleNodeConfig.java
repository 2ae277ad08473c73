package io.tidemark.engine.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;

/** The configuration of a test's one-node actor system: {@code tidemark/single-node.conf} over a data directory. */
public final class SingleNodeConfig {

    /** Replies a test waits for on a busy shared machine: a deadline, not a speed assertion. */
    public static final String PATIENT_EXPECT = "pekko.actor.testkit.typed.single-expect-default = 20s";

    private SingleNodeConfig() {
    }

    /** The single-node configuration with its data directory at {@code dataDir}, {@code overrides} (HOCON) on top. */
    public static Config of(Path dataDir, String overrides) {
        return ConfigFactory.load(ConfigFactory.parseString(overrides
                        + "\ntidemark.data-dir = \"" + dataDir.toString().replace("\\", "/") + "\"")
                .withFallback(ConfigFactory.parseResources("tidemark/single-node.conf")));
    }
}
