package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Dimension;
import software.amazon.awssdk.services.timestreamwrite.model.MeasureValue;
import software.amazon.awssdk.services.timestreamwrite.model.MeasureValueType;
import software.amazon.awssdk.services.timestreamwrite.model.Record;

/**
 * {@code /metrics} and the health probes on a running node: the scrape is valid Prometheus text,
 * and its counters move by exactly what writes, statements and requests did (deltas between two
 * scrapes, never absolute values or timings); liveness and readiness answer 200 with what they
 * checked.
 */
class MetricsAndHealthIT {

    /**
     * A sample line of the text format: name, optional labels, value (no timestamps are written).
     * Label values are quoted strings with backslash escapes.
     */
    static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})? (\\S+)");
    static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped|info|stateset|gaugehistogram|unknown)");

    @TempDir
    static Path dataDir;

    static ServerFixture node;
    static RawHttp http;
    static TimestreamWriteClient writer;

    @BeforeAll
    static void start() {
        node = ServerFixture.start(dataDir, Map.of());
        http = new RawHttp(node.uri());
        writer = node.writeClient();
        writer.createDatabase(b -> b.databaseName("m_db"));
        writer.createTable(b -> b.databaseName("m_db").tableName("cpu"));
    }

    @AfterAll
    static void stop() {
        writer.close();
        node.close();
    }

    /** Every sample of a scrape by {@code name{labels}} (labels as written), checking the format on the way. */
    static Map<String, Double> scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = http.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        Map<String, Double> samples = new HashMap<>();
        Set<String> typed = new HashSet<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("# TYPE")) {
                Matcher type = TYPE.matcher(line);
                assertThat(type.matches()).as("TYPE line %s", line).isTrue();
                typed.add(type.group(1));
            } else if (!line.startsWith("#") && !line.isEmpty()) {
                Matcher sample = SAMPLE.matcher(line);
                assertThat(sample.matches()).as("sample line %s", line).isTrue();
                assertThat(typed).as("family of %s declared", line).anyMatch(family -> sample.group(1).startsWith(family));
                samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
                        Double.parseDouble(sample.group(3)));
            }
        }
        return samples;
    }

    static double value(Map<String, Double> samples, String key) {
        return samples.getOrDefault(key, 0.0);
    }

    static HttpResponse<String> sql(String statement) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(node.uri().resolve("/sql")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(statement)).build());
    }

    @Test
    void writesMoveTheIngestCountersAndTheStoreGaugesOfTheirTable() throws Exception {
        String table = "{database=\"m_db\",table=\"cpu\"}";
        Map<String, Double> before = scrape();
        long nowSeconds = System.currentTimeMillis() / 1000;
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(Record.builder().time(Long.toString(nowSeconds - 100 + i)).measureValues(
                    MeasureValue.builder().name("user").value("1.5").type(MeasureValueType.DOUBLE).build(),
                    MeasureValue.builder().name("count").value("7").type(MeasureValueType.BIGINT).build()).build());
        }
        writer.writeRecords(b -> b.databaseName("m_db").tableName("cpu")
                .commonAttributes(c -> c.dimensions(Dimension.builder().name("host").value("h1").build())
                        .measureName("metrics").measureValueType(MeasureValueType.MULTI).timeUnit("SECONDS"))
                .records(records));

        Map<String, Double> after = scrape();
        assertThat(value(after, "tidemark_ingest_records_total" + table)
                - value(before, "tidemark_ingest_records_total" + table)).isEqualTo(3);
        assertThat(value(after, "tidemark_ingest_points_total" + table)
                - value(before, "tidemark_ingest_points_total" + table)).isEqualTo(6);
        assertThat(value(after, "tidemark_ingest_bytes_total" + table))
                .isGreaterThan(value(before, "tidemark_ingest_bytes_total" + table));
        assertThat(value(after, "tidemark_memory_store_points" + table)
                - value(before, "tidemark_memory_store_points" + table)).isEqualTo(3);
        assertThat(value(after, "tidemark_memory_store_bytes" + table)).isPositive();
        assertThat(value(after, "tidemark_memory_store_node_bytes")).isPositive();
        assertThat(value(after, "tidemark_journal_bytes" + table)).isPositive();
        assertThat(after).containsKeys("tidemark_magnetic_store_bytes" + table,
                "tidemark_memory_store_checkpoint_bytes" + table,
                "tidemark_tier_migration_lag_seconds" + table, "tidemark_tier_migration_failures_total");
        String writes = "tidemark_http_requests_total{endpoint=\"/\",operation=\"WriteRecords\",status=\"2xx\"}";
        assertThat(value(after, writes) - value(before, writes)).isEqualTo(1);
    }

    @Test
    void statementsMoveTheQueryCountersAndRequestsAreCountedByEndpointAndStatus() throws Exception {
        String sqlOk = "tidemark_http_requests_total{endpoint=\"/sql\",operation=\"POST\",status=\"2xx\"}";
        String sqlBad = "tidemark_http_requests_total{endpoint=\"/sql\",operation=\"POST\",status=\"4xx\"}";
        String failed = "tidemark_queries_failed_total{kind=\"validation\"}";
        String latency = "tidemark_http_request_duration_seconds_count{endpoint=\"/sql\",operation=\"POST\",status=\"2xx\"}";
        Map<String, Double> before = scrape();

        assertThat(sql("SELECT count(*) FROM m_db.cpu").statusCode()).isEqualTo(200);
        assertThat(sql("SELECT FROM").statusCode()).isEqualTo(400);
        assertThat(http.get("/no/such/path").statusCode()).isEqualTo(404);

        Map<String, Double> after = scrape();
        assertThat(value(after, "tidemark_queries_total") - value(before, "tidemark_queries_total")).isEqualTo(2);
        assertThat(value(after, failed) - value(before, failed)).isEqualTo(1);
        assertThat(value(after, sqlOk) - value(before, sqlOk)).isEqualTo(1);
        assertThat(value(after, sqlBad) - value(before, sqlBad)).isEqualTo(1);
        assertThat(value(after, latency) - value(before, latency)).isEqualTo(1);
        String other = "tidemark_http_requests_total{endpoint=\"other\",operation=\"GET\",status=\"4xx\"}";
        assertThat(value(after, other) - value(before, other)).isEqualTo(1);
    }

    @Test
    void lineProtocolWritesAreCountedUnderTheirOwnEndpointsAndMoveTheIngestCounters() throws Exception {
        String table = "{database=\"m_db\",table=\"lp_metrics\"}";
        String v1 = "tidemark_http_requests_total{endpoint=\"/write\",operation=\"POST\",status=\"2xx\"}";
        String v2 = "tidemark_http_requests_total{endpoint=\"/api/v2/write\",operation=\"POST\",status=\"2xx\"}";
        long seconds = System.currentTimeMillis() / 1000 - 30;
        Map<String, Double> before = scrape();

        assertThat(lineProtocol("/write?db=m_db&precision=s", "lp_metrics,host=a x=1i,y=2.5 " + seconds + "\n"
                + "lp_metrics,host=b x=3i,y=4.5 " + seconds).statusCode()).isEqualTo(204);
        assertThat(lineProtocol("/api/v2/write?bucket=m_db&precision=s", "lp_metrics,host=c x=5i " + seconds).statusCode())
                .isEqualTo(204);

        Map<String, Double> after = scrape();
        assertThat(value(after, v1) - value(before, v1)).isEqualTo(1);
        assertThat(value(after, v2) - value(before, v2)).isEqualTo(1);
        assertThat(value(after, "tidemark_ingest_records_total" + table)
                - value(before, "tidemark_ingest_records_total" + table)).isEqualTo(3);
        assertThat(value(after, "tidemark_ingest_points_total" + table)
                - value(before, "tidemark_ingest_points_total" + table)).isEqualTo(5);
    }

    static HttpResponse<String> lineProtocol(String pathAndQuery, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(node.uri().resolve(pathAndQuery)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void theScannedBytesCounterMovesByWhatTheStatementReportsItScanned() throws Exception {
        long nowSeconds = System.currentTimeMillis() / 1000;
        writer.writeRecords(b -> b.databaseName("m_db").tableName("cpu")
                .commonAttributes(c -> c.dimensions(Dimension.builder().name("host").value("scan").build())
                        .measureName("scanned").measureValueType(MeasureValueType.DOUBLE).timeUnit("SECONDS"))
                .records(Record.builder().time(Long.toString(nowSeconds - 50)).measureValue("2.5").build(),
                        Record.builder().time(Long.toString(nowSeconds - 49)).measureValue("3.5").build()));
        Map<String, Double> before = scrape();

        HttpResponse<String> response = sql("SELECT host, measure_value::double FROM m_db.cpu"
                + " WHERE measure_name = 'scanned' ORDER BY time");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = RawHttp.json(response);
        assertThat(body.get("rows")).hasSize(2);
        long scanned = body.get("queryStatus").get("cumulativeBytesScanned").asLong();
        assertThat(scanned).isPositive();
        Map<String, Double> after = scrape();
        assertThat(value(after, "tidemark_query_scanned_bytes_total")
                - value(before, "tidemark_query_scanned_bytes_total")).isEqualTo(scanned);
        assertThat(value(after, "tidemark_queries_total") - value(before, "tidemark_queries_total")).isEqualTo(1);
    }

    @Test
    void dispatchersTheJvmAndSubscriptionsAreExposed() throws Exception {
        Map<String, Double> samples = scrape();
        assertThat(samples).containsKeys(
                "tidemark_dispatcher_queued_tasks{dispatcher=\"pekko.actor.default-dispatcher\"}",
                "tidemark_dispatcher_threads{dispatcher=\"tidemark.engine.shard.dispatcher\"}",
                "tidemark_subscriptions_live");
        assertThat(value(samples, "tidemark_dispatcher_actors{dispatcher=\"pekko.actor.default-dispatcher\"}"))
                .isPositive();
        assertThat(samples.keySet()).anyMatch(name -> name.startsWith("jvm_memory_used_bytes"));
        assertThat(value(samples, "tidemark_subscriptions_live")).isZero();
        // every group of the engine's typed actors (e.g. the catalog's) reports its live mailboxes
        String manager = samples.keySet().stream().filter(name -> name.startsWith("tidemark_mailboxes{actor=\""))
                .filter(name -> samples.get(name) > 0).findFirst().orElseThrow();
        assertThat(samples.get(manager)).isPositive();
        String group = manager.substring(manager.indexOf('{'));
        assertThat(samples).containsKeys("tidemark_mailbox_messages" + group, "tidemark_mailbox_max_messages" + group);

        assertThat(value(samples, "tidemark_subscription_max_lag_seconds")).isZero();
        assertThat(samples).containsKeys("tidemark_subscription_queries_live", "tidemark_subscription_evaluations_total",
                "tidemark_subscription_slow_closed_total");
    }

    @Test
    void livenessAndReadinessAnswer200WithWhatWasChecked() throws Exception {
        HttpResponse<String> live = http.get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(live).get("status").asText()).isEqualTo("live");

        HttpResponse<String> ready = http.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode body = RawHttp.json(ready);
        assertThat(body.get("status").asText()).isEqualTo("ready");
        assertThat(body.get("checks").get("cluster").asText()).isEqualTo("up (members up: 1, unreachable: 0)");
        assertThat(body.get("checks").get("catalog").asText()).isEqualTo("answered");
        assertThat(body.get("checks").get("shards").asText()).endsWith("hosted");

        HttpResponse<String> health = http.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(health).get("status").asText()).isEqualTo("serving");
    }
}
