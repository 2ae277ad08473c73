package io.tidemark.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import io.tidemark.engine.Engine;
import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.http.server.HttpSettings;
import io.tidemark.http.server.TidemarkServer;
import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.loadtest.tsbs.ValueMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Query API client against a real in-process server holding one hour of two hosts' data (360 rows each). */
class HttpQueryClientTest {

    private static final String ONE_HOST = "SELECT hostname, time, usage_user FROM \"benchmark\".\"cpu\""
            + " WHERE hostname = 'host_0'";

    @TempDir
    static Path dir;

    @AutoClose
    private static TidemarkServer server;
    private static URI endpoint;

    @BeforeAll
    static void start() {
        CpuOnlyConfig data = CpuOnlyConfig.tsbs(2, 5, ValueMode.INT);
        TsbsLoader.DataSet set = TsbsLoader.DataSet.generate(data, 360);
        long endMillis = TimeUnit.NANOSECONDS.toMillis(set.lastNanos() + data.intervalNanos());
        Config config = Engine.singleNodeConfig(dir, Map.of("tidemark.http.bind", "127.0.0.1", "tidemark.http.port", 0));
        Clock clock = Clock.fixed(Instant.ofEpochMilli(endMillis), ZoneOffset.UTC);
        Engine engine = Engine.start(config, clock);
        try {
            engine.catalog().createDatabase(TsbsLoader.DATABASE, null, List.of()).toCompletableFuture().join();
            engine.catalog().createTable(TsbsLoader.DATABASE, TsbsLoader.MEASURE, new RetentionProperties(2, 1),
                    MagneticStoreWriteProperties.DISABLED, null, List.of()).toCompletableFuture().join();
            new TsbsLoader(1000, 2).load(engine, TsbsLoader.MEASURE, set);
            server = TidemarkServer.start(engine, HttpSettings.fromConfig(config), clock);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        endpoint = URI.create("http://127.0.0.1:" + server.localAddress().getPort());
    }

    @Test
    void followsNextTokenToTheLastPage() {
        HttpQueryClient.Result paged = new HttpQueryClient(endpoint, Optional.of(100)).query(ONE_HOST);

        assertThat(paged).isEqualTo(new HttpQueryClient.Result(360, 4));
    }

    @Test
    void withoutMaxRowsOnePageHoldsASmallResult() {
        HttpQueryClient.Result whole = new HttpQueryClient(endpoint, Optional.empty())
                .query("SELECT count(*) FROM \"benchmark\".\"cpu\"");

        assertThat(whole).isEqualTo(new HttpQueryClient.Result(1, 1));
    }

    @Test
    void aRefusedQueryFailsWithTheServersMessage() {
        HttpQueryClient client = new HttpQueryClient(endpoint, Optional.empty());

        assertThatThrownBy(() -> client.query("SELECT nosuchcolumn FROM \"benchmark\".\"cpu\""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot run query over HTTP: status=400")
                .hasMessageContaining("nosuchcolumn");
    }
}
