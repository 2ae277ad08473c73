package io.tidemark.http.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.Engine;
import io.tidemark.http.server.HttpSettings;
import io.tidemark.http.server.TidemarkServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * {@code /subscribe} on a node with {@code auth = sigv4}: the upgrade request must be signed like
 * any other, and a key may subscribe only to a query over tables it may read.
 */
class SubscribeAuthIT {

    static final String ACCESS_KEY = "AKIDSUBSCRIBETEST";
    static final String SECRET_KEY = "subscribe-test-secret";
    /** May read database {@code allowed} only. */
    static final String READER = "AKIDSUBSCRIBEREADER";
    static final String READER_SECRET = "subscribe-reader-secret";

    @TempDir
    static Path dataDir;

    static TidemarkServer server;
    static URI uri;

    @BeforeAll
    static void start() {
        var config = Engine.singleNodeConfig(dataDir, Map.of("tidemark.http.port", 0,
                "tidemark.http.auth", "sigv4",
                "tidemark.http.access-keys", List.of(Map.of("id", ACCESS_KEY, "secret", SECRET_KEY),
                        Map.of("id", READER, "secret", READER_SECRET, "allow", List.of(
                                Map.of("actions", List.of("read"), "databases", List.of("allowed")))))));
        Engine engine = Engine.start(config, Clock.systemUTC());
        server = TidemarkServer.start(engine, HttpSettings.fromConfig(config), Clock.systemUTC());
        uri = URI.create("ws://127.0.0.1:" + server.localAddress().getPort() + "/subscribe");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anUnsignedUpgradeIsRefusedWith403() {
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    void aSignedUpgradeSubscribes() throws Exception {
        SubscriptionClient client = new SubscriptionClient(0, true);
        WebSocket socket = signedUpgrade(ACCESS_KEY, SECRET_KEY, client);
        socket.sendText("SELECT 1 AS one", true).join();

        var snapshot = client.next(Duration.ofSeconds(30));
        assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
        assertThat(client.rows()).containsExactly(List.of("1"));
        socket.abort();
    }

    @Test
    void aQueryOverATableTheKeyMayNotReadGetsAnAccessDeniedFrameAndTheSocketCloses() throws Exception {
        SubscriptionClient client = new SubscriptionClient(0, true);
        WebSocket socket = signedUpgrade(READER, READER_SECRET, client);
        socket.sendText("{\"query\": \"SELECT * FROM secret.cpu\"}", true).join();

        var frame = client.next(Duration.ofSeconds(30));
        assertThat(frame.path("type").asText()).isEqualTo("error");
        assertThat(frame.path("errorType").asText()).isEqualTo("AccessDeniedException");
        assertThat(frame.path("message").asText()).startsWith("User: " + READER + " is not authorized to perform:"
                + " timestream:Query on resource: arn:aws:timestream:us-east-1:000000000000:database/secret/table/cpu");
        client.closed().get(30, TimeUnit.SECONDS);
    }

    /** A WebSocket to /subscribe whose upgrade request is signed by {@code key}. */
    private static WebSocket signedUpgrade(String key, String secret, SubscriptionClient client) {
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key, secret))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                        .uri(URI.create("http://127.0.0.1:" + uri.getPort() + "/subscribe")).build())
                .payload(ContentStreamProvider.fromUtf8String(""))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "timestream")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.buildAsync(uri, client).join();
    }
}
