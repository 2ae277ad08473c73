package io.tidemark.http.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.engine.Engine;
import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.query.QueryService.QueryResult;
import io.tidemark.engine.subscription.SubscriptionEvent;
import io.tidemark.engine.write.IngestBatch;
import io.tidemark.http.server.HttpSettings;
import io.tidemark.http.server.TidemarkServer;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /subscribe} on a real node with real WebSocket clients (the JDK's): subscribers applying
 * the updates they receive end with exactly the result a query run after the writes gives; a
 * client that stops reading gets coalesced updates and the closing notice while the others are
 * served; a dropped connection frees its subscription; a bad query gets the error frame.
 */
class SubscribeIT {

    static final String DB = "subs";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final long MINUTE_NANOS = 60_000_000_000L;

    @TempDir
    static Path dataDir;

    static TidemarkServer server;
    static Engine engine;
    static URI uri;

    @BeforeAll
    static void start() {
        var config = Engine.singleNodeConfig(dataDir, Map.of("tidemark.http.port", 0,
                "tidemark.engine.catalog.shards-per-table", 2,
                "tidemark.engine.subscription.min-interval", "20ms",
                "tidemark.engine.subscription.refresh-interval", "1h",
                "tidemark.engine.subscription.max-coalesced-updates", 20,
                "pekko.http.server.socket-options.so-send-buffer-size", "16k"));
        engine = Engine.start(config, Clock.systemUTC());
        server = TidemarkServer.start(engine, HttpSettings.fromConfig(config), Clock.systemUTC());
        uri = URI.create("http://127.0.0.1:" + server.localAddress().getPort());
        engine.catalog().createDatabase(DB, null, List.of()).toCompletableFuture().join();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void createTable(String table) {
        engine.catalog().createTable(DB, table, RetentionProperties.DEFAULT,
                new MagneticStoreWriteProperties(false, null), null, List.of()).toCompletableFuture().join();
    }

    /** One point per host with an integer value (sums and averages stay exact), within the last 10 minutes. */
    static void write(String table, List<String> hosts, Random random) {
        IngestBatch batch = engine.newBatch(DB, table);
        int column = batch.column(MeasureType.DOUBLE.valueColumnName(), MeasureType.DOUBLE);
        long now = System.currentTimeMillis() * 1_000_000L;
        for (int i = 0; i < hosts.size(); i++) {
            int series = batch.series(SeriesKey.of(List.of(new Dimension("hostname", hosts.get(i))), "cpu"),
                    MeasureType.DOUBLE);
            batch.addRow(series, now - random.nextInt(600) * 1_000_000_000L - random.nextInt(1000), 1, i);
            batch.setDouble(column, random.nextInt(100));
        }
        engine.write(batch).toCompletableFuture().join();
    }

    /** The rows of {@code sql} run now, rendered as the frames render them. */
    static List<List<String>> queryRows(String sql) throws Exception {
        QueryResult result = engine.query(sql).toCompletableFuture().get(30, TimeUnit.SECONDS);
        JsonNode frame = SubscriptionClient.JSON.readTree(
                SubscriptionJson.render(new SubscriptionEvent.Snapshot(result.columns(), result.rows())));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : frame.get("rows")) {
            rows.add(SubscriptionClient.values(row));
        }
        return rows;
    }

    static void awaitRows(SubscriptionClient client, List<List<String>> expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !sameRows(client.rows(), expected)) {
            Thread.sleep(20);
        }
        assertThat(client.rows()).containsExactlyInAnyOrderElementsOf(expected);
    }

    static boolean sameRows(List<List<String>> actual, List<List<String>> expected) {
        return actual.size() == expected.size() && new java.util.HashSet<>(actual).equals(new java.util.HashSet<>(expected));
    }

    static void awaitSubscribers(int count) throws InterruptedException {
        awaitGauge("subscribers", () -> engine.subscriptions().metrics().subscribers(), count);
    }

    /** A shared evaluation stops after its last subscriber has gone, not with it. */
    static void awaitLiveQueries(int count) throws InterruptedException {
        awaitGauge("live queries", () -> engine.subscriptions().metrics().liveQueries(), count);
    }

    private static void awaitGauge(String name, LongSupplier gauge, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && gauge.getAsLong() != expected) {
            Thread.sleep(20);
        }
        assertThat(gauge.getAsLong()).as(name).isEqualTo(expected);
    }

    static List<String> hosts(String prefix, int count) {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hosts.add(prefix + i);
        }
        return hosts;
    }

    @Test
    void manySubscribersWhileWritersRunEndWithTheFinalQueryResult() throws Exception {
        createTable("fleet");
        write("fleet", hosts("host_", 4), new Random(1));
        Map<String, Integer> queries = Map.of(
                "SELECT bin(time, 1m) AS t, hostname, avg(measure_value::double) AS v, count(*) AS n"
                        + " FROM subs.fleet GROUP BY 1, 2", 2,
                "SELECT hostname, max(measure_value::double) AS top, sum(measure_value::double) AS total"
                        + " FROM subs.fleet GROUP BY hostname", 1,
                "SELECT count(*) AS n FROM subs.fleet", 0);
        List<SubscriptionClient> clients = new ArrayList<>();
        Map<SubscriptionClient, String> queryOf = new HashMap<>();
        int n = 0;
        for (int round = 0; round < 4; round++) {
            for (Map.Entry<String, Integer> query : queries.entrySet()) {
                String frame = n++ % 2 == 0 ? SubscriptionClient.queryFrame(query.getKey()) : query.getKey();
                SubscriptionClient client = SubscriptionClient.connect(uri, frame, query.getValue(), true);
                clients.add(client);
                queryOf.put(client, query.getKey());
            }
        }
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            Random random = new Random(100 + w);
            writers.add(CompletableFuture.runAsync(() -> {
                for (int batch = 0; batch < 40; batch++) {
                    write("fleet", hosts("host_", 4 + random.nextInt(6)).subList(random.nextInt(3), 4), random);
                }
            }));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

        assertThat(clients).hasSize(12);
        for (SubscriptionClient client : clients) {
            awaitRows(client, queryRows(queryOf.get(client)));
            assertThat(client.isClosed()).isFalse();
        }
        assertThat(engine.subscriptions().metrics().liveQueries()).isGreaterThanOrEqualTo(3);
        String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(scrape).contains("tidemark_subscriptions_live 12.0").contains("tidemark_subscription_queries_live 3.0");
        for (SubscriptionClient client : clients) {
            client.abort();
        }
        awaitSubscribers(0);
    }

    @Test
    void aClientThatStopsReadingGetsCoalescedUpdatesThenTheClosingNotice() throws Exception {
        createTable("busy");
        List<String> hosts = hosts("busy_host_with_a_long_name_", 1500);
        Random random = new Random(7);
        write("busy", hosts, random);
        String sql = "SELECT hostname, sum(measure_value::double) AS total, count(*) AS n FROM subs.busy GROUP BY hostname";
        SubscriptionClient reader = SubscriptionClient.connect(uri, sql, 1, true);
        SubscriptionClient stalled = SubscriptionClient.connect(uri, sql, 1, false);
        assertThat(stalled.next(WAIT).path("type").asText()).isEqualTo("snapshot");
        assertThat(reader.next(WAIT).path("type").asText()).isEqualTo("snapshot");

        int rounds = 0;
        while (engine.subscriptions().metrics().slowSubscribersClosed() == 0 && rounds < 400) {
            write("busy", hosts, random);
            rounds++;
            JsonNode update = reader.next(WAIT);
            assertThat(update.path("type").asText()).isEqualTo("update");
        }
        assertThat(engine.subscriptions().metrics().slowSubscribersClosed()).isEqualTo(1);

        stalled.resume();
        List<String> types = new ArrayList<>();
        JsonNode frame;
        do {
            frame = stalled.next(WAIT);
            types.add(frame.path("type").asText());
        } while (!frame.path("type").asText().equals("closing"));
        assertThat(frame.path("reason").asText()).isEqualTo("subscriber too slow");
        assertThat(types).startsWith("update").endsWith("closing");
        assertThat(types.size() - 1).isLessThan(rounds);
        stalled.closed().get(30, TimeUnit.SECONDS);

        write("busy", hosts, random);
        awaitRows(reader, queryRows(sql));
        assertThat(reader.isClosed()).isFalse();
        reader.abort();
        awaitSubscribers(0);
    }

    @Test
    void aDroppedConnectionFreesItsSubscription() throws Exception {
        createTable("dropped");
        write("dropped", hosts("h", 3), new Random(3));
        String sql = "SELECT hostname, count(*) AS n FROM subs.dropped GROUP BY hostname";
        SubscriptionClient staying = SubscriptionClient.connect(uri, sql, 1, true);
        SubscriptionClient leaving = SubscriptionClient.connect(uri, sql, 1, true);
        assertThat(leaving.next(WAIT).path("type").asText()).isEqualTo("snapshot");
        awaitSubscribers(2);

        write("dropped", hosts("h", 3), new Random(4));
        leaving.abort();
        awaitSubscribers(1);

        write("dropped", hosts("h", 3), new Random(5));
        awaitRows(staying, queryRows(sql));
        staying.abort();
        awaitSubscribers(0);
        awaitLiveQueries(0);
    }

    @Test
    void aBadQueryGetsAnErrorFrameWithTheParserPositionAndTheSocketCloses() throws Exception {
        SubscriptionClient client = SubscriptionClient.connect(uri, SubscriptionClient.queryFrame("SELECT FROM x"), 0, true);
        JsonNode frame = client.next(WAIT);
        assertThat(frame.path("type").asText()).isEqualTo("error");
        assertThat(frame.path("errorType").asText()).isEqualTo("ValidationException");
        assertThat(frame.path("message").asText()).startsWith("line 1:8: ");
        client.closed().get(30, TimeUnit.SECONDS);

        SubscriptionClient noQuery = SubscriptionClient.connect(uri, "{\"sql\":\"SELECT 1\"}", 0, true);
        JsonNode missing = noQuery.next(WAIT);
        assertThat(missing.path("errorType").asText()).isEqualTo("ValidationException");
        assertThat(missing.path("message").asText()).contains("expected {\"query\": \"<SQL>\"}");
        noQuery.closed().get(30, TimeUnit.SECONDS);
    }
}
