package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's jar as a real process: it serves, stops gracefully on SIGTERM, and neither a
 * SIGTERM, a second SIGTERM while it stops, nor a kill -9 loses an acknowledged write (the restarted
 * node refuses to overwrite it, or counts it).
 */
class ServeCommandIT {

    static final Path JAR = Path.of("target", "tidemark-server.jar");
    static final Pattern SERVING = Pattern.compile("serving on (http://\\S+)");
    static final String PREFIX = "Timestream_20181101.";

    @TempDir
    Path dataDir;

    @Test
    void servesStopsOnSigtermAndKeepsAcknowledgedWrites() throws Exception {
        long time = System.currentTimeMillis() - 10_000;
        Node first = Node.start(dataDir);
        assertThat(first.http.get("/health").statusCode()).isEqualTo(200);
        assertThat(first.http.post(PREFIX + "CreateDatabase", "{\"DatabaseName\":\"launcher\"}").statusCode())
                .isEqualTo(200);
        assertThat(first.http.post(PREFIX + "CreateTable", "{\"DatabaseName\":\"launcher\",\"TableName\":\"tbl\"}")
                .statusCode()).isEqualTo(200);
        assertThat(write(first, "a", time, "1.0").statusCode()).isEqualTo(200);

        first.process.destroy();
        assertThat(first.process.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        assertThat(Files.readString(first.log, StandardCharsets.UTF_8))
                .contains("tidemark: stopped (listener unbound, journals synced)");

        Node second = Node.start(dataDir);
        assertRefusedAsExisting(write(second, "a", time, "2.0"));
        assertThat(write(second, "b", time, "3.0").statusCode()).isEqualTo(200);

        second.process.destroyForcibly();
        assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Node third = Node.start(dataDir);
        try {
            assertRefusedAsExisting(write(third, "b", time, "4.0"));
        } finally {
            third.process.destroy();
            third.process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondSigtermWhileStoppingLosesNoAcknowledgedWrite() throws Exception {
        long time = System.currentTimeMillis() - 10_000;
        Node first = Node.start(dataDir);
        assertThat(first.http.post(PREFIX + "CreateDatabase", "{\"DatabaseName\":\"launcher\"}").statusCode())
                .isEqualTo(200);
        assertThat(first.http.post(PREFIX + "CreateTable", "{\"DatabaseName\":\"launcher\",\"TableName\":\"tbl\"}")
                .statusCode()).isEqualTo(200);
        int acknowledged = 20;
        for (int i = 0; i < acknowledged; i++) {
            assertThat(write(first, "h" + i, time, Integer.toString(i)).statusCode()).isEqualTo(200);
        }

        first.process.destroy();
        first.process.destroy();
        assertThat(first.process.waitFor(60, TimeUnit.SECONDS)).as("stopped after two SIGTERMs").isTrue();

        Node second = Node.start(dataDir);
        try {
            HttpResponse<String> count = second.http.post(PREFIX + "Query",
                    "{\"QueryString\":\"SELECT count(*), sum(measure_value::double) FROM launcher.tbl\"}");
            assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
            JsonNode data = RawHttp.json(count).get("Rows").get(0).get("Data");
            assertThat(data.get(0).get("ScalarValue").asText()).isEqualTo(Integer.toString(acknowledged));
            assertThat(data.get(1).get("ScalarValue").asText()).isEqualTo("190.0");
        } finally {
            second.process.destroy();
            second.process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> write(Node node, String host, long time, String value) throws Exception {
        return node.http.post(PREFIX + "WriteRecords", "{\"DatabaseName\":\"launcher\",\"TableName\":\"tbl\","
                + "\"Records\":[{\"Dimensions\":[{\"Name\":\"host\",\"Value\":\"" + host + "\"}],"
                + "\"MeasureName\":\"m\",\"MeasureValue\":\"" + value + "\",\"Time\":\"" + time + "\"}]}");
    }

    private static void assertRefusedAsExisting(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(419);
        assertThat(RawHttp.json(response).get("RejectedRecords").get(0).get("Reason").asText())
                .contains("already exists");
    }

    /** A node process started with {@code serve --port 0 --data-dir <dir>}, and a client for it. */
    record Node(Process process, RawHttp http, Path log) {

        static Node start(Path dataDir) throws Exception {
            assertThat(JAR).as("the shaded jar is built in the package phase").exists();
            Path log = Files.createTempFile(dataDir.getParent(), "serve", ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(List.of(java, "-Dchronicle.analytics.disable=true",
                    "-Dchronicle.announcer.disable=true", "-jar", JAR.toString(), "--port", "0",
                    "--data-dir", dataDir.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && process.isAlive()) {
                Matcher m = SERVING.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (m.find()) {
                    return new Node(process, new RawHttp(URI.create(m.group(1))), log);
                }
                Thread.sleep(100);
            }
            process.destroyForcibly();
            throw new AssertionError("node did not start serving: " + Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
