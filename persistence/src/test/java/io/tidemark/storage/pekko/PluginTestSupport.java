package io.tidemark.storage.pekko;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;

/** Configuration shared by the plugin tests. */
final class PluginTestSupport {

    static final String JOURNAL = "tidemark.persistence.journal";
    static final String SNAPSHOT_STORE = "tidemark.persistence.snapshot-store";

    private PluginTestSupport() {}

    /** An actor system config using both plugins with their queues under {@code dir}. */
    static Config config(Path dir) {
        return ConfigFactory.parseString(
                        "pekko.persistence.journal.plugin = \"" + JOURNAL + "\"\n"
                        + "pekko.persistence.snapshot-store.plugin = \"" + SNAPSHOT_STORE + "\"\n"
                        + JOURNAL + ".dir = \"" + dir.resolve("journal") + "\"\n"
                        + SNAPSHOT_STORE + ".dir = \"" + dir.resolve("snapshots") + "\"\n"
                        + "pekko.actor.allow-java-serialization = off\n"
                        // A deadline for replies on a busy shared machine, not a speed assertion.
                        + "pekko.actor.testkit.typed.single-expect-default = 15s\n")
                .withFallback(ConfigFactory.load());
    }
}
