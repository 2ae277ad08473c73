package io.tidemark.engine.catalog;

import static io.tidemark.engine.catalog.CatalogTestSupport.await;
import static io.tidemark.engine.catalog.CatalogTestSupport.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.storage.model.MeasureType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotProtocol;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.OptionConverters;

/** Everything the catalog accepted is back after the actor system is stopped and started again on its data. */
class CatalogRestartTest {

    @TempDir
    Path dataDir;

    private final ManualClock clock =
            new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));

    /** With a snapshot every 4 events, recovery reads a snapshot and then replays the events after it. */
    @Test
    void recoversDatabasesTablesTagsSchemasDeletionsAndFloors() throws Exception {
        String snapshotEvery = "tidemark.engine.catalog.snapshot-every = 4\n";
        ActorSystem<Void> first = CatalogTestSupport.system("catalog-restart-1", dataDir, snapshotEvery);
        CatalogService catalog = CatalogService.start(first, clock);
        await(catalog.ready());
        await(catalog.createDatabase("metrics", "key-1", List.of(new Tag("env", "prod"))));
        await(catalog.createDatabase("logs", null, List.of()));
        PartitionKey host = new PartitionKey(PartitionKey.Type.DIMENSION, "host", PartitionKey.Enforcement.REQUIRED);
        MagneticStoreWriteProperties magnetic = new MagneticStoreWriteProperties(true,
                new S3Location("rejects-bucket", "prefix/", "SSE_S3", null));
        TableDescription cpu = await(catalog.createTable("metrics", "cpu", new RetentionProperties(2, 30), magnetic,
                List.of(host), List.of(new Tag("owner", "me"))));
        clock.advance(Duration.ofMinutes(10));
        cpu = await(catalog.updateTable("metrics", "cpu", new RetentionProperties(12, 30), null, null));
        assertThat(cpu.memoryStoreFloorMillis()).isPositive();
        await(catalog.registerSchema(cpu.tableId(), new SchemaDelta(Map.of("usage", MeasureType.DOUBLE),
                Map.of("user", MeasureType.BIGINT), Set.of("host", "az"))));
        TableDescription old = await(catalog.createTable("logs", "old_logs", null, null, null, null));
        TableDescription deleting = await(catalog.beginDeleteTable("logs", "old_logs"));
        TableDescription gone = await(catalog.createTable("logs", "gone", null, null, null, null));
        await(catalog.beginDeleteTable("logs", "gone"));
        await(catalog.finishDeleteTable(gone.tableId()));
        await(catalog.tagResource(cpu.arn(), List.of(new Tag("cost", "12"))));
        await(catalog.untagResource(cpu.arn(), List.of("owner")));
        clock.advance(Duration.ofMillis(1_000));
        DatabaseDescription metrics = await(catalog.updateDatabase("metrics", "key-2"));
        TableSchema schema = catalog.schema(cpu.tableId());
        CatalogTestSupport.stop(first);
        try (Stream<Path> snapshots = Files.walk(dataDir.resolve("catalog/snapshots"))) {
            assertThat(snapshots.filter(Files::isRegularFile).count()).as("snapshot files written").isPositive();
        }

        ActorSystem<Void> second = CatalogTestSupport.system("catalog-restart-2", dataDir, snapshotEvery);
        try {
            // 13 events: snapshots after 4, 8 and 12; recovery loads the last and replays event 13.
            SelectedSnapshot latest = latestSnapshot(second);
            assertThat(latest.metadata().sequenceNr()).isEqualTo(12);
            assertThat(latest.snapshot()).isInstanceOf(CatalogSnapshot.class);
            assertThat(((CatalogSnapshot) latest.snapshot()).version()).isEqualTo(12);

            CatalogService again = CatalogService.start(second, clock);
            await(again.ready());
            // The local view is filled before ready() completes, without asking.
            assertThat(again.table("metrics", "cpu")).contains(cpu);
            assertThat(again.table("logs", "old_logs")).contains(deleting);
            assertThat(again.table("logs", "gone")).isEmpty();
            assertThat(again.schema(cpu.tableId())).isEqualTo(schema);
            assertThat(again.tables()).extracting(TableDescription::tableId)
                    .containsExactlyInAnyOrder(cpu.tableId(), old.tableId());
            assertThat(again.tables()).filteredOn(t -> t.status() == TableStatus.DELETING)
                    .extracting(TableDescription::tableId).containsExactly(old.tableId());

            assertThat(await(again.describeDatabase("metrics"))).isEqualTo(metrics);
            assertThat(await(again.listDatabases(null, null)).items()).extracting(DatabaseDescription::name)
                    .containsExactly("logs", "metrics");
            assertThat(await(again.describeTable("metrics", "cpu"))).isEqualTo(cpu);
            assertThat(await(again.listTags(cpu.arn()))).containsExactly(new Tag("cost", "12"));
            assertThat(await(again.listTags(metrics.arn()))).containsExactly(new Tag("env", "prod"));
            refused(again.createTable("logs", "old_logs", null, null, null, null), ErrorKind.CONFLICT);
            // The recovered catalog keeps working and journals on.
            await(again.finishDeleteTable(old.tableId()));
            assertThat(await(again.registerSchema(cpu.tableId(), new SchemaDelta(Map.of("usage", MeasureType.BIGINT),
                    Map.of(), Set.of("rack")))).dimensions()).containsExactlyInAnyOrder("host", "az", "rack");
        } finally {
            CatalogTestSupport.stop(second);
        }
    }

    private static SelectedSnapshot latestSnapshot(ActorSystem<?> system) throws Exception {
        org.apache.pekko.actor.ActorRef store = Persistence.get(Adapter.toClassic(system))
                .snapshotStoreFor("tidemark.persistence.snapshot-store", ConfigFactory.empty());
        Object reply = Patterns.ask(store, new SnapshotProtocol.LoadSnapshot(CatalogActor.PERSISTENCE_ID,
                        SnapshotSelectionCriteria.latest(), Long.MAX_VALUE), Duration.ofSeconds(20))
                .toCompletableFuture().get();
        assertThat(reply).isInstanceOf(SnapshotProtocol.LoadSnapshotResult.class);
        return OptionConverters.toJava(((SnapshotProtocol.LoadSnapshotResult) reply).snapshot()).orElseThrow();
    }
}
