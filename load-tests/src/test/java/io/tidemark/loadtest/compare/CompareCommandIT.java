package io.tidemark.loadtest.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A tiny comparison end to end: the Tidemark server jar and VictoriaMetrics as real processes, the
 * same data into both (twice, each time into a fresh process), every query answered alike, every
 * process stopped afterwards.
 */
class CompareCommandIT {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void comparesTidemarkWithVictoriaMetricsAndLeavesNothingRunning(@TempDir Path work) throws Exception {
        assumeTrue(PeerSupport.onPath(VictoriaMetricsPeer.BINARY),
                "skipped: victoria-metrics is not on the PATH (apt-get install victoria-metrics)");
        assumeTrue(Files.exists(PROJECT.resolve("http/target/tidemark-server.jar")),
                "skipped: http/target/tidemark-server.jar is not built (run through the reactor with -am)");
        StringWriter text = new StringWriter();
        Path json = work.resolve("results.json");
        int status = new CommandLine(new CompareCommand()).setOut(new PrintWriter(text)).execute("--scale", "2",
                "--hours", "1", "--values", "int", "--peers", "vm", "--runs", "1", "--warmups", "1", "--ingest-rounds", "2", "--project-dir", PROJECT.toString(),
                "--work-dir", work.resolve("run").toString(), "--out", json.toString());

        List<String> lines = text.toString().lines().toList();
        assertThat(status).as(text.toString()).isZero();
        assertThat(lines).contains("mismatches=0");
        assertThat(lines.get(lines.size() - 1)).matches("worst_ratio=\\d+\\.\\d\\d");
        for (String system : List.of("tidemark", "victoriametrics")) {
            assertThat(lines).anyMatch(l -> l.matches("int " + system + " ingest_points_per_s=\\d+"));
            assertThat(lines).anyMatch(l -> l.startsWith(system + ": started (round 1 of 2)"));
            assertThat(lines).anyMatch(l -> l.startsWith(system + ": started (round 2 of 2)"));
            assertThat(lines).anyMatch(l -> l.matches("int " + system + " ingest_server_cpu_ns_per_point=[0-9.]+"));
            assertThat(lines).anyMatch(l -> l.startsWith("int " + system + " bytes_per_point="));
            assertThat(lines).anyMatch(l -> l.startsWith("int " + system + " peak_rss_mb="));
            for (var type : CompareRun.TYPES) {
                assertThat(lines).anyMatch(l -> l.matches("int " + system + " query_ms\\{" + type.label()
                        + "\\}=[0-9.]+"));
            }
        }
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertThat(results.path("results").path("int")).hasSize(2);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("every server stopped").isEmpty();
    }
}
