package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * {@code POST /sql} on a node with {@code auth = sigv4}: a statement signed by a configured key
 * (service {@code timestream}, as for Query) runs; unsigned or wrongly signed, it is refused with
 * the wire API's error type and status, in the /sql error shape. The probes and /metrics stay
 * open to unsigned scrapers.
 */
class SqlEndpointAuthIT {

    @TempDir
    static Path dataDir;

    @AutoClose
    static ServerFixture node;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() {
        node = ServerFixture.start(dataDir, Map.of(
                "tidemark.http.auth", "sigv4",
                "tidemark.http.access-keys", List.of(Map.of("id", ServerFixture.ACCESS_KEY,
                        "secret", ServerFixture.SECRET_KEY))));
    }

    /** {@code statement} POSTed to /sql as text/plain, signed with {@code secret} unless it is null. */
    static HttpResponse<String> post(String statement, String secret) throws Exception {
        URI uri = node.uri().resolve("/sql");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain").header("Accept", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(statement));
        if (secret != null) {
            SdkHttpRequest unsigned = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.POST)
                    .putHeader("Content-Type", "text/plain").putHeader("Accept", "text/csv").build();
            SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsCredentialsIdentity.create(ServerFixture.ACCESS_KEY, secret))
                    .request(unsigned)
                    .payload(ContentStreamProvider.fromUtf8String(statement))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "timestream")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")).request();
            signed.headers().forEach((name, values) -> {
                if (name.startsWith("X-Amz") || name.startsWith("x-amz") || name.equals("Authorization")) {
                    values.forEach(value -> request.header(name, value));
                }
            });
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedStatementRuns() throws Exception {
        HttpResponse<String> response = post("SELECT 1 AS one", ServerFixture.SECRET_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("one\r\n1\r\n");
    }

    @Test
    void anUnsignedOrWronglySignedStatementIsRefused() throws Exception {
        HttpResponse<String> unsigned = post("SELECT 1", null);
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(RawHttp.json(unsigned).get("error").get("type").asText())
                .isEqualTo("MissingAuthenticationTokenException");

        HttpResponse<String> wrong = post("SELECT 1", "not-the-secret");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(RawHttp.json(wrong).get("error").get("type").asText()).isEqualTo("InvalidSignatureException");
    }

    @Test
    void probesAndMetricsNeedNoSignature() throws Exception {
        RawHttp http = new RawHttp(node.uri());
        assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(http.get("/metrics").statusCode()).isEqualTo(200);
    }
}
