package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.QueryService.QueryResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies larger than Pekko's own 8 MiB cap on collected entities are governed by Tidemark's
 * limits alone: a 12 MB line-protocol body under the default 64 MiB limit is written whole.
 */
class LargeBodiesIT {

    @TempDir
    static Path dataDir;

    @AutoClose
    static ServerFixture node;

    @BeforeAll
    static void start() throws Exception {
        node = ServerFixture.start(dataDir, Map.of());
        node.server.engine().catalog().createDatabase("large", null, List.of()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void aLineProtocolBodyOverEightMebibytesIsWrittenWhole() throws Exception {
        long startNanos = TimeUnit.SECONDS.toNanos(System.currentTimeMillis() / 1000 - 3600);
        StringBuilder body = new StringBuilder();
        int lines = 0;
        while (body.length() < 12_000_000) {
            body.append("cpu,hostname=host_").append(lines % 100).append(",region=eu-west-1,datacenter=eu-west-1a")
                    .append(" usage_user=").append(lines % 97).append("i,usage_system=").append(lines % 89)
                    .append("i,usage_idle=").append(lines % 83).append("i ")
                    .append(startNanos + (lines / 100) * 10_000_000L).append('\n');
            lines++;
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(8 * 1024 * 1024);

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(node.uri() + "/write?db=large")).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        QueryResult count = node.server.engine().query("SELECT count(*) FROM large.cpu").toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertThat(count.rows().column(0).getLong(0)).isEqualTo(lines);
    }
}
