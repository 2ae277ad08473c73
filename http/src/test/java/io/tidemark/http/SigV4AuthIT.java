package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.http.auth.SigV4Signer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.timestreamwrite.model.TimestreamWriteException;

/**
 * A node with {@code auth = sigv4}: requests signed by a configured key are served from any region;
 * a wrong secret, an unknown key or no signature are refused with the errors AWS sends. The node
 * also caps databases at two, to show ServiceQuotaExceededException reaching the SDK.
 */
class SigV4AuthIT {

    @TempDir
    static Path dataDir;

    @AutoClose
    static ServerFixture node;

    @BeforeAll
    static void start() {
        node = ServerFixture.start(dataDir, Map.of(
                "tidemark.http.auth", "sigv4",
                "tidemark.http.access-keys", List.of(Map.of("id", ServerFixture.ACCESS_KEY,
                        "secret", ServerFixture.SECRET_KEY)),
                "tidemark.engine.catalog.max-databases", 2));
    }

    @Test
    void requestsSignedByAConfiguredKeyAreServedInAnyRegion() {
        try (TimestreamWriteClient client = node.writeClient()) {
            assertThat(client.describeEndpoints(b -> { }).endpoints()).hasSize(1);
            assertThat(client.listDatabases(b -> { }).databases()).isNotNull();
        }
        try (TimestreamWriteClient elsewhere = TimestreamWriteClient.builder().endpointOverride(node.uri())
                .region(Region.AP_SOUTHEAST_2).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY))).build()) {
            assertThat(elsewhere.listDatabases(b -> { }).databases()).isNotNull();
        }
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        try (TimestreamWriteClient client = node.writeClient(ServerFixture.ACCESS_KEY, "not-the-secret")) {
            assertThatThrownBy(() -> client.listDatabases(b -> { }))
                    .isInstanceOfSatisfying(TimestreamWriteException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        }
    }

    @Test
    void anUnknownAccessKeyIsUnrecognized() {
        try (TimestreamWriteClient client = node.writeClient("AKIDUNKNOWN", ServerFixture.SECRET_KEY)) {
            assertThatThrownBy(() -> client.listDatabases(b -> { }))
                    .isInstanceOfSatisfying(TimestreamWriteException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                    });
        }
    }

    @Test
    void unsignedAndMalformedRequestsAreRefused() throws Exception {
        RawHttp http = new RawHttp(node.uri());
        HttpResponse<String> unsigned = http.post("Timestream_20181101.ListDatabases", "{}");
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(RawHttp.json(unsigned).get("__type").asText()).isEqualTo("MissingAuthenticationTokenException");

        HttpResponse<String> malformed = http.send(http.request("Timestream_20181101.ListDatabases")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + ServerFixture.ACCESS_KEY)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(malformed.statusCode()).isEqualTo(400);
        JsonNode body = RawHttp.json(malformed);
        assertThat(body.get("__type").asText()).isEqualTo("IncompleteSignatureException");
        assertThat(http.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void theDatabaseQuotaIsAServiceQuotaExceededException() {
        try (TimestreamWriteClient client = node.writeClient()) {
            client.createDatabase(b -> b.databaseName("quota_1"));
            client.createDatabase(b -> b.databaseName("quota_2"));
            assertThatThrownBy(() -> client.createDatabase(b -> b.databaseName("quota_3"))).isInstanceOfSatisfying(ServiceQuotaExceededException.class,
                    e -> assertThat(e.statusCode()).isEqualTo(402));
        }
    }

    @Test
    void theLaunchersSignerIsAcceptedAndAWrongSecretIsNot() throws Exception {
        byte[] body = "{\"QueryString\":\"SELECT 1 + 1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("Content-Type", "application/x-amz-json-1.0",
                "X-Amz-Target", "Timestream_20181101.Query");
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        SigV4Signer good = new SigV4Signer(ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY, Optional.empty(),
                "eu-west-1", Clock.systemUTC());
        SigV4Signer bad = new SigV4Signer(ServerFixture.ACCESS_KEY, "not-the-secret", Optional.of("session-token"),
                "eu-west-1", Clock.systemUTC());

        HttpResponse<String> accepted = client.send(good.sign(java.net.http.HttpRequest.newBuilder(node.uri().resolve("/"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)), node.uri(), headers, body).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> refused = client.send(bad.sign(java.net.http.HttpRequest.newBuilder(node.uri().resolve("/"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)), node.uri(), headers, body).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(RawHttp.json(accepted).get("Rows").get(0).get("Data").get(0).get("ScalarValue").asText()).isEqualTo("2");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(RawHttp.json(refused).get("__type").asText()).isEqualTo("InvalidSignatureException");
    }

    @Test
    void signingNeedsAnAccessKeyInTheEnvironment() {
        assertThat(SigV4Signer.fromEnvironment(Map.of(), Clock.systemUTC())).isEmpty();
        assertThat(SigV4Signer.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s"),
                Clock.systemUTC())).isPresent();
    }
}
