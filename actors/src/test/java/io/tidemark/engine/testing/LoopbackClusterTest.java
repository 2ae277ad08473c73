package io.tidemark.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackClusterTest {

    @Test
    void threeNodesOnDistinctLoopbackPortsFormOneCluster(@TempDir Path dir) {
        try (LoopbackCluster cluster = LoopbackCluster.start(3, dir, "")) {
            assertThat(cluster.nodes()).extracting(n -> n.address().getPort().get())
                    .doesNotHaveDuplicates();
            assertThat(cluster.nodes()).extracting(n -> n.address().getHost().get()).containsOnly("127.0.0.1");
            assertThat(Cluster.get(cluster.node(2)).state().getMembers()).hasSize(3);
            assertThat(cluster.dataDir(1)).isNotEqualTo(cluster.dataDir(2));
        }
    }
}
