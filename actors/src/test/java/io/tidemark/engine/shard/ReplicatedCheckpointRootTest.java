package io.tidemark.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where replicated shards checkpoint, and the refusal to start when that root is not shared. */
class ReplicatedCheckpointRootTest {

    @TempDir
    Path dir;

    private Config config(String overrides) {
        return ConfigFactory.load(ConfigFactory.parseString(overrides + "\ntidemark.data-dir = \""
                + dir.resolve("node").toString().replace("\\", "/") + "\"\ntidemark.cluster.replication-factor = 2")
                .withFallback(ConfigFactory.parseResources("tidemark/single-node.conf")));
    }

    private Path root(Config config) {
        return SeriesShardService.replicatedCheckpointRoot(config, dir.resolve("node"), ShardSettings.fromConfig(config));
    }

    @Test
    void aRootDirThatIsTheNodesDataDirIsRefusedWithWhatToSet() {
        Config config = config("");
        assertThatThrownBy(() -> root(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot start replicated shards: they checkpoint to tidemark.magnetic.root-dir")
                .hasMessageContaining("root-dir=" + dir.resolve("node"))
                .hasMessageContaining("tidemark.engine.shard.checkpoint.replicated = off");
    }

    @Test
    void aSharedRootHoldsTheCheckpoints() {
        Path shared = dir.resolve("shared");
        assertThat(root(config("tidemark.magnetic.root-dir = \"" + shared.toString().replace("\\", "/") + "\"")))
                .isEqualTo(shared);
    }

    @Test
    void withReplicatedCheckpointsOffOrAllCheckpointsOffNothingIsRequired() {
        assertThat(root(config("tidemark.engine.shard.checkpoint.replicated = off"))).isNull();
        assertThat(root(config("tidemark.engine.shard.checkpoint.enabled = off"))).isNull();
    }
}
