package io.tidemark.storage.pekko;

import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * The settings the journal and the snapshot store plugins both read from their configuration
 * section ({@code tidemark.persistence.journal} and {@code tidemark.persistence.snapshot-store}
 * in {@code reference.conf}): the queue directory and whether each append is fsynced.
 */
record PluginSettings(Path dir, boolean fsync) {

    static PluginSettings of(Config config) {
        return new PluginSettings(Path.of(config.getString("dir")), config.getBoolean("fsync"));
    }
}
