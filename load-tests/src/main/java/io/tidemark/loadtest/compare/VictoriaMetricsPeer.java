package io.tidemark.loadtest.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.loadtest.bench.TsbsQueries.Draw;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * VictoriaMetrics (single node, Debian's {@code victoria-metrics} package), fed line protocol on
 * {@code /write}, asked MetricsQL ({@link MetricsQlQueries}). Retention is one year, as the
 * default month would silently drop back-dated data.
 */
public final class VictoriaMetricsPeer extends ProcessPeer {

    static final String BINARY = "victoria-metrics";

    private Path storage;
    private MetricsQlQueries queries;

    @Override
    public String name() {
        return "victoriametrics";
    }

    @Override
    public void install(PrintWriter out) throws IOException, InterruptedException {
        if (!PeerSupport.onPath(BINARY)) {
            PeerSupport.aptInstall(BINARY, out);
        }
    }

    /** The server's command line. */
    static List<String> command(int port, Path storage) {
        return List.of(BINARY, "-httpListenAddr=127.0.0.1:" + port, "-storageDataPath=" + storage,
                "-retentionPeriod=1y");
    }

    @Override
    public void start(Path workDir) throws IOException, InterruptedException {
        int port = PeerSupport.freePort();
        storage = workDir.resolve("vmdata");
        Files.createDirectories(storage);
        launch(command(port, storage), port, workDir, "vm.log", uri -> uri.resolve("/health"), 200);
    }

    @Override
    public List<Path> bodies(DataSet data, Path workDir) {
        prepareQueries(data.range(), data.config().scale());
        return data.bodies();
    }

    @Override
    void prepareQueries(DataRange range, int hosts) {
        queries = new MetricsQlQueries(range);
    }

    @Override
    public URI writeUri() {
        return base.resolve("/write");
    }

    @Override
    public void ingest(Path body) throws IOException, InterruptedException {
        post(body, 204);
    }

    /** Flushes the in-memory parts, then waits until a count over all data sees every point. */
    @Override
    public void flush(DataSet data, PrintWriter out) throws IOException, InterruptedException {
        PeerHttp.expect(http.get(base.resolve("/internal/force_flush")), 200, "flush " + name());
        DataRange range = data.range();
        String count = "sum(count_over_time({__name__=~\"cpu_.*\"}[" + ((range.endMillis() - range.firstMillis())
                / 1000 + 60) + "s]))";
        Map<String, String> parameters = Map.of("query", count, "time", Long.toString(range.endMillis() / 1000),
                "nocache", "1");
        awaitCount("point", data.points(), Duration.ofSeconds(120), () -> {
            JsonNode result = get("/api/v1/query", parameters).path("result");
            return result.isEmpty() ? 0 : (long) result.get(0).path("value").get(1).asDouble();
        });
    }

    @Override
    public PeerQuery render(Draw draw) {
        return queries.render(draw);
    }

    @Override
    public List<ResultRow> query(PeerQuery query, Draw draw) throws IOException, InterruptedException {
        String path = query.parameters().containsKey("step") ? "/api/v1/query_range" : "/api/v1/query";
        return PrometheusResult.normalise(get(path, query.parameters()), QueryShape.of(draw.type()),
                queries.shiftMillis(draw.type()));
    }

    private JsonNode get(String path, Map<String, String> parameters) throws IOException, InterruptedException {
        return getJson(path, parameters, "query " + name()).path("data");
    }

    @Override
    public long diskBytes() throws IOException, InterruptedException {
        return DiskUsage.allocated(List.of(storage.resolve("data"), storage.resolve("indexdb")));
    }

    @Override
    public String diskAccounting() {
        return "data/ + indexdb/ after /internal/force_flush and shutdown (cache/ excluded)";
    }
}
