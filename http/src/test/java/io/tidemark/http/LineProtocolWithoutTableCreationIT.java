package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line protocol on a node configured with {@code tidemark.http.line-protocol.create-tables = false}:
 * the lines of a measurement without a table are refused as {@code table not found} and the other
 * lines of the body are written; no table is created. Also the v1 precision {@code h}, which the
 * main line protocol test leaves out.
 */
class LineProtocolWithoutTableCreationIT {

    @TempDir
    static Path dataDir;

    @AutoClose
    static ServerFixture node;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        node = ServerFixture.start(dataDir, Map.of("tidemark.http.line-protocol.create-tables", false));
        node.server.engine().catalog().createDatabase("lp_off", null, List.of()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        node.server.engine().catalog().createTable("lp_off", "known", null, null, null, List.of())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void linesOfAMeasurementWithoutATableAreRefusedAndTheOthersWritten() throws Exception {
        long seconds = System.currentTimeMillis() / 1000 - 60;
        HttpResponse<String> response = post("/write?db=lp_off&precision=s",
                "known,host=a v=1i " + seconds + "\nunknown,host=a v=2i " + seconds + "\nknown,host=b v=3i " + seconds);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"partial write: line 2: table not found: database=lp_off,"
                + " table=unknown (tidemark.http.line-protocol.create-tables is off) dropped=1\"}");
        assertThat(csv("SELECT host, v FROM lp_off.known WHERE host IN ('a', 'b') ORDER BY host"))
                .isEqualTo("host,v\r\na,1\r\nb,3\r\n");
        HttpResponse<String> unknown = sql("SELECT * FROM lp_off.unknown", "application/json");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown");
    }

    @Test
    void hoursPrecisionScalesTheTimestamp() throws Exception {
        long hours = System.currentTimeMillis() / 3_600_000 - 1;
        HttpResponse<String> response = post("/write?db=lp_off&precision=h", "known,host=hourly v=7i " + hours);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(csv("SELECT to_milliseconds(time) AS ms FROM lp_off.known WHERE host = 'hourly'"))
                .isEqualTo("ms\r\n" + hours * 3_600_000 + "\r\n");
    }

    static HttpResponse<String> post(String pathAndQuery, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.uri() + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> sql(String statement, String accept) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(node.uri().resolve("/sql")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(statement)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String csv(String statement) throws IOException, InterruptedException {
        HttpResponse<String> response = sql(statement, "text/csv");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
