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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** {@code /subscribe} on a node with {@code auth = sigv4}: the upgrade request must be signed like any other. */
class SubscribeAuthIT {

    static final String ACCESS_KEY = "AKIDSUBSCRIBETEST";
    static final String SECRET_KEY = "subscribe-test-secret";

    @TempDir
    static Path dataDir;

    static TidemarkServer server;
    static URI uri;

    @BeforeAll
    static void start() {
        var config = Engine.singleNodeConfig(dataDir, Map.of("tidemark.http.port", 0,
                "tidemark.http.auth", "sigv4",
                "tidemark.http.access-keys", List.of(Map.of("id", ACCESS_KEY, "secret", SECRET_KEY))));
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
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY))
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
        SubscriptionClient client = new SubscriptionClient(0, true);
        WebSocket socket = builder.buildAsync(uri, client).join();
        socket.sendText("SELECT 1 AS one", true).join();

        var snapshot = client.next(Duration.ofSeconds(30));
        assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
        assertThat(client.rows()).containsExactly(List.of("1"));
        socket.abort();
    }
}
