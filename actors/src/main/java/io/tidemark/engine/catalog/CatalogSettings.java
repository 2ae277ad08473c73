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
