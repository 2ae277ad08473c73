package io.tidemark.engine.catalog;

import static io.tidemark.engine.catalog.CatalogTestSupport.await;
import static io.tidemark.engine.catalog.CatalogTestSupport.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account quotas and the configured default page size. */
class CatalogQuotaTest {

    @Test
    void refusesDatabasesAndTablesPastTheQuotas(@TempDir Path dataDir) throws Exception {
        ActorSystem<Void> system = CatalogTestSupport.system("catalog-quota", dataDir,
                "tidemark.engine.catalog { max-databases = 2, max-tables = 2, default-page-size = 1 }\n");
        try {
            CatalogService catalog = CatalogService.start(system,
                    new ManualClock(Instant.parse("2026-01-01T00:00:00Z")));
            await(catalog.ready());
            await(catalog.createDatabase("one", null, List.of()));
            await(catalog.createDatabase("two", null, List.of()));
            assertThat(refused(catalog.createDatabase("three", null, List.of()), ErrorKind.QUOTA_EXCEEDED))
                    .hasMessageContaining("at most 2");

            await(catalog.createTable("one", "aaa", null, null, null, null));
            TableDescription b = await(catalog.createTable("two", "bbb", null, null, null, null));
            refused(catalog.createTable("one", "ccc", null, null, null, null), ErrorKind.QUOTA_EXCEEDED);
            // A table being deleted still counts; a finished deletion frees its place.
            await(catalog.beginDeleteTable("two", "bbb"));
            refused(catalog.createTable("one", "ccc", null, null, null, null), ErrorKind.QUOTA_EXCEEDED);
            await(catalog.finishDeleteTable(b.tableId()));
            await(catalog.createTable("one", "ccc", null, null, null, null));

            Page<DatabaseDescription> first = await(catalog.listDatabases(null, null));
            assertThat(first.items()).extracting(DatabaseDescription::name).containsExactly("one");
            assertThat(await(catalog.listDatabases(first.nextToken(), null)).items())
                    .extracting(DatabaseDescription::name).containsExactly("two");
        } finally {
            CatalogTestSupport.stop(system);
        }
    }
}
