package io.tidemark.loadtest.bench;

import com.typesafe.config.Config;
import io.tidemark.engine.Engine;
import io.tidemark.http.server.HttpSettings;
import io.tidemark.http.server.TidemarkServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A serving node inside the benchmark's process, as {@code ./tidemark serve} runs it (the same
 * defaults: journals fsync per batch), on an ephemeral loopback port over {@code dataDir}. The
 * WriteRecords record limit (and the body limit with it) is raised when calls carry more than
 * Timestream's 100 records.
 */
public final class BenchmarkServer implements AutoCloseable {

    /** Generous for one encoded multi-measure TSBS record (about 1 KB of JSON). */
    private static final long BODY_BYTES_PER_RECORD = 4096;
    private static final int TIMESTREAM_MAX_RECORDS = 100;

    private final TidemarkServer server;

    private BenchmarkServer(TidemarkServer server) {
        this.server = server;
    }

    public static BenchmarkServer start(Path dataDir, int recordsPerCall) {
        int maxRecords = Math.max(TIMESTREAM_MAX_RECORDS, recordsPerCall);
        long maxBody = Math.max(8L << 20, maxRecords * BODY_BYTES_PER_RECORD);
        Config config = Engine.singleNodeConfig(dataDir, Map.of(
                "tidemark.http.bind", "127.0.0.1",
                "tidemark.http.port", 0,
                "tidemark.http.limits.max-body-bytes", maxBody,
                "tidemark.engine.write.max-records-per-request", maxRecords));
        Engine engine = Engine.start(config, Clock.systemUTC());
        try {
            return new BenchmarkServer(TidemarkServer.start(engine, HttpSettings.fromConfig(config), Clock.systemUTC()));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.localAddress().getPort());
    }

    public Engine engine() {
        return server.engine();
    }

    @Override
    public void close() {
        server.close();
    }
}
