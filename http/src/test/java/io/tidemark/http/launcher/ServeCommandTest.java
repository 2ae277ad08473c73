package io.tidemark.http.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * How {@code serve} assembles a node's config: without options a node serves on 127.0.0.1:8080
 * with its data in {@code ./data}; {@code --port}, {@code --bind} and {@code --data-dir} beat a
 * {@code --config} file, which beats the defaults, and an unreadable file is refused naming it;
 * {@code --node n} takes node n's ports from a
 * multi-node config (cluster-config's three-node.conf), options beat the file, and a node the
 * config does not list, or a cluster config without {@code --node}, is refused with a clear error.
 */
class ServeCommandTest {

    /** The file the operator passes: {@code cluster-config/three-node.conf} in the repository. */
    private static final Path THREE_NODE = Path.of("..", "cluster-config", "three-node.conf");

    @TempDir
    Path dir;

    private static Config config(String... args) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs(args);
        return command.config();
    }

    @Test
    void nodeTwoOfTheThreeNodeConfigGetsItsPortsTheSeedsAndReplicationFactorTwo() {
        Config config = config("--config", THREE_NODE.toString(), "--node", "2", "--data-dir",
                dir.resolve("node2").toString());

        assertThat(config.getInt("pekko.remote.artery.canonical.port")).isEqualTo(2552);
        assertThat(config.getString("pekko.remote.artery.canonical.hostname")).isEqualTo("127.0.0.1");
        assertThat(config.getInt("tidemark.http.port")).isEqualTo(8082);
        assertThat(config.getStringList("pekko.cluster.seed-nodes")).containsExactly(
                "pekko://tidemark@127.0.0.1:2551", "pekko://tidemark@127.0.0.1:2552", "pekko://tidemark@127.0.0.1:2553");
        assertThat(config.getBoolean("tidemark.cluster.self-join")).isFalse();
        assertThat(config.getInt("tidemark.cluster.replication-factor")).isEqualTo(2);
        assertThat(config.getString("pekko.cluster.split-brain-resolver.active-strategy")).isEqualTo("keep-majority");
        assertThat(config.getString("pekko.cluster.downing-provider-class"))
                .isEqualTo("org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
        assertThat(config.getBoolean("pekko.cluster.run-coordinated-shutdown-when-down")).isTrue();
        assertThat(config.getBoolean("pekko.coordinated-shutdown.reason-overrides"
                + ".\"org.apache.pekko.actor.CoordinatedShutdown$ClusterDowningReason$\".exit-jvm")).isTrue();
        assertThat(config.getString("tidemark.data-dir")).isEqualTo(dir.resolve("node2").toAbsolutePath().toString());
        assertThat(Path.of(config.getString("tidemark.magnetic.root-dir")).normalize())
                .isEqualTo(dir.resolve("shared").toAbsolutePath());
    }

    @Test
    void thePortOptionBeatsTheNodesHttpPortButNotItsClusterPort() {
        Config config = config("--config", THREE_NODE.toString(), "--node", "3", "--port", "9000");

        assertThat(config.getInt("tidemark.http.port")).isEqualTo(9000);
        assertThat(config.getInt("pekko.remote.artery.canonical.port")).isEqualTo(2553);
    }

    @Test
    void aNodeTheConfigDoesNotListIsRefused() {
        assertThatThrownBy(() -> config("--config", THREE_NODE.toString(), "--node", "4"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("cannot select node: node=4, nodes in config=[1, 2, 3] (a multi-node config such as"
                        + " cluster-config/three-node.conf lists them)");
        assertThatThrownBy(() -> config("--node", "1"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageStartingWith("cannot select node: node=1, nodes in config=[]");
    }

    @Test
    void aClusterConfigWithoutNodeIsRefused() {
        assertThatThrownBy(() -> config("--config", THREE_NODE.toString()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("cannot start a cluster node without --node: config lists nodes=[1, 2, 3]");
    }

    @Test
    void aFileListingItsOwnNodesIsSelectedFrom() throws Exception {
        Path file = dir.resolve("two-node.conf");
        Files.writeString(file, "include classpath(\"tidemark/three-node.conf\")\n"
                + "tidemark.cluster.nodes { 1 { remote-port = 3001, http-port = 3101 }, 2 { remote-port = 3002,"
                + " http-port = 3102 }, 3 { remote-port = 3003, http-port = 3103 } }\n");

        Config config = config("--config", file.toString(), "--node", "1");

        assertThat(config.getInt("pekko.remote.artery.canonical.port")).isEqualTo(3001);
        assertThat(config.getInt("tidemark.http.port")).isEqualTo(3101);
        assertThat(config.getStringList("pekko.cluster.seed-nodes")).first().isEqualTo("pekko://tidemark@127.0.0.1:3001");
    }

    @Test
    void withoutOptionsANodeServesOnLocalhost8080WithDataInDotData() {
        Config config = config();

        assertThat(config.getString("tidemark.http.bind")).isEqualTo("127.0.0.1");
        assertThat(config.getInt("tidemark.http.port")).isEqualTo(8080);
        assertThat(config.getString("tidemark.http.auth")).isEqualTo("none");
        assertThat(config.getString("tidemark.data-dir")).isEqualTo(System.getenv().getOrDefault("TIDEMARK_DATA_DIR", "data"));
    }

    @Test
    void portBindAndDataDirOverrideTheConfigFileWhichOverridesTheDefaults() throws Exception {
        Path file = dir.resolve("node.conf");
        Files.writeString(file, "tidemark.http { port = 9001, bind = \"10.0.0.1\", auth = sigv4 }\n"
                + "tidemark.data-dir = \"/from/the/file\"\n");
        Path data = dir.resolve("data");

        Config fileOnly = config("--config", file.toString());
        assertThat(fileOnly.getInt("tidemark.http.port")).isEqualTo(9001);
        assertThat(fileOnly.getString("tidemark.http.bind")).isEqualTo("10.0.0.1");
        assertThat(fileOnly.getString("tidemark.http.auth")).isEqualTo("sigv4");
        assertThat(fileOnly.getString("tidemark.data-dir")).isEqualTo("/from/the/file");
        assertThat(fileOnly.getString("tidemark.persistence.journal.dir"))
                .isEqualTo("/from/the/file/catalog/journal");

        Config options = config("--config", file.toString(), "--port", "9002", "--bind", "0.0.0.0", "--data-dir",
                data.toString());
        assertThat(options.getInt("tidemark.http.port")).isEqualTo(9002);
        assertThat(options.getString("tidemark.http.bind")).isEqualTo("0.0.0.0");
        assertThat(options.getString("tidemark.http.auth")).isEqualTo("sigv4");
        assertThat(options.getString("tidemark.data-dir")).isEqualTo(data.toAbsolutePath().toString());
        assertThat(options.getString("tidemark.persistence.journal.dir"))
                .isEqualTo(data.toAbsolutePath() + "/catalog/journal");
    }

    @Test
    void anUnreadableConfigFileIsRefusedNamingIt() {
        Path missing = dir.resolve("missing.conf");

        assertThatThrownBy(() -> config("--config", missing.toString()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("cannot read config: file=" + missing.toAbsolutePath());
    }

    @Test
    void withoutAClusterConfigTheSingleNodeDefaultsAreUnchanged() {
        Config config = config("--port", "0");

        assertThat(config.getBoolean("tidemark.cluster.self-join")).isTrue();
        assertThat(config.getInt("tidemark.cluster.replication-factor")).isEqualTo(1);
        assertThat(config.getInt("pekko.remote.artery.canonical.port")).isZero();
        assertThat(config.getStringList("pekko.cluster.seed-nodes")).isEmpty();
        assertThat(config.getBoolean("pekko.coordinated-shutdown.exit-jvm")).isFalse();
    }
}
