package io.tidemark.http;

import io.tidemark.engine.Engine;
import io.tidemark.http.server.HttpSettings;
import io.tidemark.http.server.TidemarkServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.timestreamquery.TimestreamQueryClient;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;

/** A real node (engine and HTTP listener on a free port) under a temporary data directory, and SDK clients for it. */
final class ServerFixture implements AutoCloseable {

    static final String ACCESS_KEY = "AKIDTIDEMARKTEST";
    static final String SECRET_KEY = "tidemark-test-secret-key";

    final TidemarkServer server;

    private ServerFixture(TidemarkServer server) {
        this.server = server;
    }

    /** Starts a node with the given config keys over the defaults (port 0: a free port). */
    static ServerFixture start(Path dataDir, Map<String, Object> overrides) {
        return start(dataDir, overrides, Clock.systemUTC());
    }

    /** Starts a node as {@link #start(Path, Map)} does, whose engine and listener read {@code clock}. */
    static ServerFixture start(Path dataDir, Map<String, Object> overrides, Clock clock) {
        Map<String, Object> all = new HashMap<>(overrides);
        all.putIfAbsent("tidemark.http.port", 0);
        all.putIfAbsent("tidemark.engine.catalog.shards-per-table", 1);
        var config = Engine.singleNodeConfig(dataDir, all);
        Engine engine = Engine.start(config, clock);
        try {
            return new ServerFixture(TidemarkServer.start(engine, HttpSettings.fromConfig(config), clock));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    int port() {
        return server.localAddress().getPort();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** The SDK's write client pointed at this node with {@code endpointOverride}, signing with the given key. */
    TimestreamWriteClient writeClient(String accessKey, String secretKey) {
        return TimestreamWriteClient.builder()
                .endpointOverride(uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    TimestreamWriteClient writeClient() {
        return writeClient(ACCESS_KEY, SECRET_KEY);
    }

    /** The SDK's query client pointed at this node with {@code endpointOverride}. */
    TimestreamQueryClient queryClient() {
        return TimestreamQueryClient.builder()
                .endpointOverride(uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    @Override
    public void close() {
        server.close();
    }
}
