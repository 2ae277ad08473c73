package io.tidemark.engine.catalog;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The catalog's configuration, read from {@code tidemark.engine}.
 *
 * @param snapshotEvery events between two snapshots of the catalog state
 */
public record CatalogSettings(Arns arns, int shardsPerTable, int maxDatabases, int maxTables, int defaultPageSize,
        int snapshotEvery, Duration askTimeout) {

    public CatalogSettings {
        requireAtLeast("shards-per-table", shardsPerTable, 1);
        requireAtLeast("max-databases", maxDatabases, 0);
        requireAtLeast("max-tables", maxTables, 0);
        requireAtLeast("snapshot-every", snapshotEvery, 1);
        if (defaultPageSize < CatalogRules.MIN_PAGE_SIZE || defaultPageSize > CatalogRules.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("cannot use tidemark.engine.catalog.default-page-size="
                    + defaultPageSize + " (expected " + CatalogRules.MIN_PAGE_SIZE + ".." + CatalogRules.MAX_PAGE_SIZE + ")");
        }
    }

    private static void requireAtLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("cannot use tidemark.engine.catalog." + key + "=" + value
                    + " (expected at least " + min + ")");
        }
    }

    public static CatalogSettings from(Config config) {
        Config engine = config.getConfig("tidemark.engine");
        Config catalog = engine.getConfig("catalog");
        return new CatalogSettings(
                new Arns(engine.getString("arn.region"), engine.getString("arn.account-id")),
                catalog.getInt("shards-per-table"),
                catalog.getInt("max-databases"),
                catalog.getInt("max-tables"),
                catalog.getInt("default-page-size"),
                catalog.getInt("snapshot-every"),
                engine.getDuration("ask-timeout"));
    }
}
