package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.timestreamquery.TimestreamQueryClient;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Dimension;
import software.amazon.awssdk.services.timestreamwrite.model.MeasureValueType;
import software.amazon.awssdk.services.timestreamwrite.model.Record;
import software.amazon.awssdk.services.timestreamwrite.model.ThrottlingException;

/**
 * A node whose memory stores are past their budget ({@code tidemark.engine.memory-store.budget}
 * of one byte: the first write fills it): WriteRecords reaches the SDK as its typed
 * ThrottlingException with status 429 once the SDK's own retries are spent, line protocol answers
 * 503 with Retry-After as InfluxDB clients expect, and queries are still answered with what the
 * first write stored.
 */
class MemoryBudgetIT {

    @TempDir
    static Path dataDir;

    static ServerFixture node;
    static TimestreamWriteClient writer;

    @BeforeAll
    static void start() {
        node = ServerFixture.start(dataDir, Map.of("tidemark.engine.memory-store.budget", "1B"));
        writer = node.writeClient();
        writer.createDatabase(b -> b.databaseName("full_db"));
        writer.createTable(b -> b.databaseName("full_db").tableName("cpu"));
        writer.writeRecords(b -> b.databaseName("full_db").tableName("cpu").records(point("first", "1.5")));
    }

    @AfterAll
    static void stop() {
        writer.close();
        node.close();
    }

    private static Record point(String host, String value) {
        return Record.builder().dimensions(Dimension.builder().name("host").value(host).build()).measureName("usage")
                .measureValue(value).measureValueType(MeasureValueType.DOUBLE)
                .time(Long.toString(System.currentTimeMillis() - 1000)).build();
    }

    @Test
    void writeRecordsIsAThrottlingExceptionWith429() {
        assertThatThrownBy(() -> writer.writeRecords(b -> b.databaseName("full_db").tableName("cpu")
                .records(point("second", "2.5"))))
                .isInstanceOfSatisfying(ThrottlingException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("The memory store is full (")
                            .endsWith(" of 1 bytes); retry the write later.");
                });
    }

    @Test
    void lineProtocolIs503WithRetryAfter() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(node.uri() + "/write?db=full_db")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("cpu,host=lp usage=3.5")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(RawHttp.json(response).get("error").asText()).startsWith("The memory store is full (");
    }

    @Test
    void queriesAreStillAnswered() {
        try (TimestreamQueryClient queries = node.queryClient()) {
            assertThat(queries.query(b -> b.queryString("SELECT host, measure_value::double FROM full_db.cpu"))
                    .rows()).singleElement().satisfies(row -> assertThat(row.data())
                            .extracting(d -> d.scalarValue()).containsExactly("first", "1.5"));
        }
    }
}
