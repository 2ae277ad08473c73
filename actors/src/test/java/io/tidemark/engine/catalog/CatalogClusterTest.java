package io.tidemark.engine.catalog;

import static io.tidemark.engine.catalog.CatalogTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.ManualClock;
import io.tidemark.engine.testing.LoopbackCluster;
import io.tidemark.storage.model.MeasureType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.cluster.Member;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog on three nodes in one JVM (real remoting and Kryo): every node's service reaches the
 * singleton and keeps its view current, and the catalog survives the loss of the singleton's node
 * with every acknowledged change, because its journal is replicated. Refusals are not asked
 * across nodes here: EngineException replies cross nodes once the shard protocol's Kryo
 * registrations bind it.
 */
class CatalogClusterTest {

    /**
     * Nodes stop without leaving, as a crash looks to the others; the split-brain resolver downs
     * an unreachable node soon, so the singleton moves within seconds.
     */
    private static final String CONFIG = """
            pekko.coordinated-shutdown.run-by-actor-system-terminate = off
            pekko.cluster.split-brain-resolver.stable-after = 2s
            """;

    @TempDir
    Path root;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T00:00:00Z"));
    private final List<CatalogService> services = new ArrayList<>();
    @AutoClose
    private LoopbackCluster cluster;

    private void startCluster() {
        cluster = LoopbackCluster.start(3, root, CONFIG);
        for (int i = 0; i < 3; i++) {
            services.add(CatalogService.start(cluster.node(i), clock));
        }
        services.forEach(s -> await(s.ready()));
    }

    @Test
    void everyNodeSeesTheCatalogAndUsesATableCreatedThroughAnotherAtOnce() {
        startCluster();
        await(services.get(0).createDatabase("metrics", null, List.of(new Tag("env", "test"))));
        TableDescription cpu = await(services.get(0).createTable("metrics", "cpu", new RetentionProperties(12, 30),
                null, null, List.of()));

        for (int i = 1; i < 3; i++) {
            CatalogService node = services.get(i);
            assertThat(await(node.describeDatabase("metrics")).tableCount()).isEqualTo(1);
            assertThat(await(node.listDatabases(null, null)).items()).extracting(DatabaseDescription::name)
                    .containsExactly("metrics");
            assertThat(await(node.describeTable("metrics", "cpu"))).isEqualTo(cpu);
            assertThat(await(node.listTables("metrics", null, null)).items()).containsExactly(cpu);
            assertThat(await(node.listTags(await(node.describeDatabase("metrics")).arn())))
                    .containsExactly(new Tag("env", "test"));
        }

        // Created through node 2: node 1 answers it right after CreateTable returned, asking the
        // catalog if the publication has not arrived yet.
        TableDescription mem = await(services.get(2).createTable("metrics", "mem", null, null, null, null));
        assertThat(services.get(1).table("metrics", "mem")).contains(mem);
        TableSchema schema = await(services.get(2).registerSchema(mem.tableId(),
                new SchemaDelta(Map.of("used", MeasureType.BIGINT), Map.of(), Set.of("host"))));
        assertThat(schema.measures()).containsEntry("used", MeasureType.BIGINT);
        // Schema changes reach the other views as publications.
        LoopbackCluster.awaitUntil(LoopbackCluster.MEMBERSHIP_DEADLINE, "node 0 sees the schema registered through node 2",
                () -> services.get(0).schema(mem.tableId()).equals(schema));
        LoopbackCluster.awaitUntil(LoopbackCluster.MEMBERSHIP_DEADLINE, "node 1 sees the schema registered through node 2",
                () -> services.get(1).schema(mem.tableId()).equals(schema));
        assertThat(services.get(0).tables()).containsExactlyInAnyOrder(cpu, mem);

        // A removal is published too.
        TableDescription deleting = await(services.get(1).beginDeleteTable("metrics", "cpu"));
        await(services.get(1).finishDeleteTable(deleting.tableId()));
        LoopbackCluster.awaitUntil(LoopbackCluster.MEMBERSHIP_DEADLINE, "node 2 forgets the deleted table",
                () -> services.get(2).tables().equals(List.of(mem)));
        assertThat(services.get(0).table("metrics", "cpu")).isEmpty();
    }

    @Test
    void theCatalogSurvivesTheLossOfTheSingletonsNodeAndARestartedNodeCatchesUp() {
        startCluster();
        await(services.get(1).createDatabase("metrics", null, List.of()));
        TableDescription cpu = await(services.get(2).createTable("metrics", "cpu", null, null, null, null));
        TableSchema schema = await(services.get(1).registerSchema(cpu.tableId(),
                new SchemaDelta(Map.of("usage", MeasureType.DOUBLE), Map.of(), Set.of("host"))));

        // Node 0 is the oldest: the singleton runs there.
        cluster.crash(0);
        awaitMembers(2);
        for (int i = 1; i < 3; i++) {
            CatalogService node = services.get(i);
            assertThat(await(node.describeTable("metrics", "cpu"))).isEqualTo(cpu);
            assertThat(await(node.listDatabases(null, null)).items()).extracting(DatabaseDescription::name)
                    .containsExactly("metrics");
        }
        TableDescription disk = await(services.get(2).createTable("metrics", "disk", null, null, null, null));
        // The recovered catalog kept the schema: registering it again adds nothing.
        assertThat(await(services.get(1).registerSchema(cpu.tableId(),
                new SchemaDelta(Map.of("usage", MeasureType.DOUBLE), Map.of(), Set.of("host"))))).isEqualTo(schema);
        LoopbackCluster.awaitUntil(LoopbackCluster.MEMBERSHIP_DEADLINE, "node 1's view follows the moved singleton",
                () -> services.get(1).tables().contains(disk));

        // Node 0 comes back on its data directory and catches up: its view from the singleton,
        // its journal copy on the next write.
        cluster.restart(0);
        cluster.awaitMembers(3);
        CatalogService restarted = CatalogService.start(cluster.node(0), clock);
        services.set(0, restarted);
        await(restarted.ready());
        assertThat(restarted.tables()).containsExactlyInAnyOrder(cpu, disk);
        assertThat(restarted.schema(cpu.tableId())).isEqualTo(schema);
        TableDescription net = await(restarted.createTable("metrics", "net", null, null, null, null));

        // Node 1, now the oldest, goes: the singleton recovers on node 2 from the journals of
        // nodes 2 and 0 (a majority), with everything.
        cluster.crash(1);
        awaitMembers(2);
        assertThat(await(services.get(2).listTables("metrics", null, null)).items())
                .extracting(TableDescription::tableName).containsExactly("cpu", "disk", "net");
        assertThat(await(restarted.describeTable("metrics", "net"))).isEqualTo(net);
    }

    /** Waits until every running node sees exactly {@code size} members (the crashed one downed). */
    private void awaitMembers(int size) {
        cluster.awaitEveryNode(size + " members", state -> {
            int n = 0;
            for (Member ignored : state.getMembers()) {
                n++;
            }
            return n == size && state.getUnreachable().isEmpty();
        });
    }

}
