package io.tidemark.loadtest.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command lines and configuration files each system is started with. */
class PeerSetupTest {

    /** The parts of {@code influxd config}'s output (1.6.7) that the edits touch. */
    private static final String GENERATED_INFLUX_CONFIG = """
            reporting-enabled = false
            bind-address = "127.0.0.1:8088"

            [meta]
              dir = "/var/lib/influxdb/meta"
              retention-autocreate = true

            [data]
              dir = "/var/lib/influxdb/data"
              index-version = "inmem"
              wal-dir = "/var/lib/influxdb/wal"
              cache-snapshot-write-cold-duration = "10m0s"
              compact-full-write-cold-duration = "4h0m0s"

            [monitor]
              store-enabled = true

            [http]
              enabled = true
              bind-address = ":8086"

            [ifql]
              enabled = false
              bind-address = ":8082"

            [[graphite]]
              enabled = false
              bind-address = ":2003"
            """;

    @Test
    void victoriaMetricsKeepsAYearOnLoopback() {
        assertThat(VictoriaMetricsPeer.command(18428, Path.of("/tmp/x/vmdata"))).containsExactly("victoria-metrics",
                "-httpListenAddr=127.0.0.1:18428", "-storageDataPath=/tmp/x/vmdata", "-retentionPeriod=1y");
    }

    @Test
    void influxConfigIsTheGeneratedOneWithTheRunsEdits() {
        String config = InfluxDbPeer.config(GENERATED_INFLUX_CONFIG, Path.of("/tmp/x/influxroot"), 18088, 18086, 18082);
        assertThat(config).startsWith("reporting-enabled = false\nbind-address = \"127.0.0.1:18088\"\n")
                .contains("[meta]\n  dir = \"/tmp/x/influxroot/meta\"\n  retention-autocreate = true")
                .contains("  dir = \"/tmp/x/influxroot/data\"\n  index-version = \"inmem\"\n"
                        + "  wal-dir = \"/tmp/x/influxroot/wal\"\n")
                .contains("  cache-snapshot-write-cold-duration = \"5s\"\n  compact-full-write-cold-duration = \"10s\"")
                .contains("[monitor]\n  store-enabled = false")
                .contains("[http]\n  enabled = true\n  bind-address = \"127.0.0.1:18086\"")
                .contains("[ifql]\n  enabled = false\n  bind-address = \"127.0.0.1:18082\"")
                // sections the edits do not name stay as generated
                .contains("[[graphite]]\n  enabled = false\n  bind-address = \":2003\"");
    }

    @Test
    void anInfluxKeyMissingFromTheGeneratedConfigIsAClearError() {
        assertThatThrownBy(() -> InfluxDbPeer.set("[http]\n  enabled = true\n", "http", "bind-address", "\"x\""))
                .hasMessageContaining("cannot edit the InfluxDB config: section=http, key=bind-address");
    }

    @Test
    void questDbListensOnLoopbackOnlyWithoutTelemetry() {
        assertThat(QuestDbPeer.serverConf(19000, 19003, 18812, 19009)).isEqualTo("""
                http.net.bind.to=127.0.0.1:19000
                http.min.net.bind.to=127.0.0.1:19003
                pg.net.bind.to=127.0.0.1:18812
                line.tcp.net.bind.to=127.0.0.1:19009
                line.udp.enabled=false
                line.udp.bind.to=127.0.0.1:19009
                telemetry.enabled=false
                shared.worker.count=2
                """);
        assertThat(QuestDbPeer.command("java", Path.of("/p/questdb-9.3.4.jar"), Path.of("/tmp/x/qdbroot")))
                .containsExactly("java", "-Xmx4g", "-cp", "/p/questdb-9.3.4.jar", "io.questdb.ServerMain", "-d",
                        "/tmp/x/qdbroot");
        assertThat(new QuestDbPeer(Path.of("/src")).jar().getFileName().toString()).isEqualTo("questdb-9.3.4.jar");
    }

    @Test
    void tidemarkRunsTheServerJarWithRaisedWriteLimits() {
        assertThat(TidemarkPeer.command("java", List.of("-XX:+UseParallelGC"),
                Path.of("/src/http/target/tidemark-server.jar"), 8080, Path.of("/tmp/x/data"),
                Path.of("/tmp/x/tidemark.conf"))).containsExactly("java", "-XX:+UseParallelGC",
                "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true", "-jar",
                "/src/http/target/tidemark-server.jar", "--port", "8080", "--bind", "127.0.0.1", "--data-dir",
                "/tmp/x/data", "--config", "/tmp/x/tidemark.conf");
        assertThat(TidemarkPeer.jvmOptions(" -XX:+UseParallelGC  -Xms1g ")).containsExactly("-XX:+UseParallelGC",
                "-Xms1g");
        assertThat(TidemarkPeer.jvmOptions("")).isEmpty();
        assertThat(TidemarkPeer.config(5000)).isEqualTo("tidemark.engine.write.max-records-per-request = 5000\n"
                + "tidemark.http.limits.max-body-bytes = 10240000\n");
        assertThat(TidemarkPeer.config(100)).contains("max-body-bytes = 8388608");
    }

    @Test
    void peakRssIsReadFromVmHwm() {
        assertThat(PeerProcess.parseKilobytes("VmHWM:\t  106512 kB")).isEqualTo(106_512);
        assertThatThrownBy(() -> PeerProcess.parseKilobytes("VmHWM: lots"))
                .hasMessageContaining("cannot parse /proc status line");
    }

    @Test
    void protocolsParseByTheirOptionNames() {
        assertThat(TidemarkProtocol.parse("lp")).isEqualTo(TidemarkProtocol.LP);
        assertThat(TidemarkProtocol.parse("writerecords")).isEqualTo(TidemarkProtocol.WRITERECORDS);
        assertThatThrownBy(() -> TidemarkProtocol.parse("grpc")).hasMessageContaining("expected=writerecords|lp");
    }
}
