package io.tidemark.engine.catalog;

import static io.tidemark.engine.catalog.CatalogTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.Engine;
import io.tidemark.engine.ManualClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Engine.start} on three nodes of one cluster (self-join off, node 0 the seed): each start
 * returns once the catalog singleton answered that node, and every node's engine serves the same
 * catalog.
 */
class CatalogOnEnginesTest {

    @TempDir
    Path root;

    private final List<Engine> engines = new ArrayList<>();

    @AfterEach
    void stop() {
        for (int i = engines.size() - 1; i >= 0; i--) {
            engines.get(i).close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void everyEngineOfTheClusterServesTheSameCatalog() throws IOException {
        int[] ports = {freePort(), freePort(), freePort()};
        String seed = "pekko://tidemark@127.0.0.1:" + ports[0];
        ManualClock clock = new ManualClock(Instant.parse("2026-05-01T00:00:00Z"));
        for (int i = 0; i < 3; i++) {
            engines.add(Engine.start(Engine.singleNodeConfig(root.resolve("node-" + i), Map.of(
                    "tidemark.cluster.self-join", false,
                    "pekko.remote.artery.canonical.port", ports[i],
                    "pekko.cluster.seed-nodes", List.of(seed))), clock));
        }

        await(engines.get(1).catalog().createDatabase("metrics", null, List.of()));
        TableDescription cpu = await(engines.get(2).catalog().createTable("metrics", "cpu", null, null, null, null));
        for (Engine engine : engines) {
            assertThat(engine.catalog().table("metrics", "cpu")).contains(cpu);
            assertThat(await(engine.catalog().listTables(null, null, null)).items()).containsExactly(cpu);
        }
    }
}
