package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Endpoint;

/**
 * The SDK with endpoint discovery enabled (its default for Timestream) and an endpoint override:
 * every operation is served, and DescribeEndpoints answers an address that leads back here.
 */
class SdkEndpointDiscoveryIT {

    @TempDir
    static Path dataDir;

    @AutoClose
    static ServerFixture node;

    @BeforeAll
    static void start() {
        node = ServerFixture.start(dataDir, Map.of());
    }

    @Test
    void operationsAreServedAndTheDiscoveredAddressLeadsBackToTheNode() {
        try (TimestreamWriteClient discovering = client(node.uri(), true)) {
            discovering.createDatabase(b -> b.databaseName("discovered"));
            Endpoint endpoint = discovering.describeEndpoints(b -> { }).endpoints().get(0);
            assertThat(endpoint.address()).isEqualTo("http://127.0.0.1:" + node.port());
            assertThat(endpoint.cachePeriodInMinutes()).isEqualTo(1440L);

            try (TimestreamWriteClient followed = client(URI.create(endpoint.address()), true)) {
                assertThat(followed.describeDatabase(b -> b.databaseName("discovered")).database().databaseName())
                        .isEqualTo("discovered");
            }
        }
        try (TimestreamWriteClient plain = client(node.uri(), false)) {
            assertThat(plain.listDatabases(b -> { }).databases()).extracting(d -> d.databaseName())
                    .contains("discovered");
        }
    }

    @Test
    void theAddressFollowsTheHostTheClientUsed() {
        try (TimestreamWriteClient viaLocalhost = client(URI.create("http://localhost:" + node.port()), true)) {
            assertThat(viaLocalhost.describeEndpoints(b -> { }).endpoints().get(0).address())
                    .isEqualTo("http://localhost:" + node.port());
        }
    }

    private static TimestreamWriteClient client(URI endpoint, boolean discovery) {
        return TimestreamWriteClient.builder()
                .endpointOverride(endpoint)
                .endpointDiscoveryEnabled(discovery)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ServerFixture.ACCESS_KEY, ServerFixture.SECRET_KEY)))
                .build();
    }
}
