package io.tidemark.loadtest.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.loadtest.bench.TsbsQueries.Draw;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * QuestDB (its Maven Central jar, run on this JVM's java with {@code -Xmx4g}), fed line protocol
 * over HTTP ({@code /write}, the table auto-created as a WAL table partitioned by day), asked its
 * SQL ({@link QuestDbQueries}) on {@code /exec}. Every listener binds 127.0.0.1 through a
 * pre-written {@code conf/server.conf}; telemetry and UDP are off.
 */
public final class QuestDbPeer extends ProcessPeer {

    static final String VERSION = "9.3.4";
    static final String JAR = "questdb-" + VERSION + ".jar";

    private final Path projectDir;
    private final QuestDbQueries queries = new QuestDbQueries();
    private Path root;

    /** @param projectDir the Tidemark source tree, whose load-tests build copies the jar */
    public QuestDbPeer(Path projectDir) {
        this.projectDir = projectDir;
    }

    @Override
    public String name() {
        return "questdb";
    }

    /** Where the build copies the jar ({@code -P peers}), else the local Maven repository's copy. */
    Path jar() {
        Path copied = projectDir.resolve("load-tests/target/peers").resolve(JAR);
        if (Files.exists(copied)) {
            return copied;
        }
        return Path.of(System.getProperty("user.home"), ".m2/repository/org/questdb/questdb", VERSION, JAR);
    }

    @Override
    public void install(PrintWriter out) throws IOException, InterruptedException {
        if (!Files.exists(jar())) {
            List<String> command = List.of(projectDir.resolve("mvnw").toString(), "-q", "-pl", "load-tests", "-P",
                    "peers", "generate-resources");
            out.println("fetching " + JAR + ": " + String.join(" ", command));
            out.flush();
            PeerSupport.run(command, projectDir);
        }
    }

    /** The server.conf: all four listeners on 127.0.0.1, no UDP, no telemetry, two shared workers. */
    static String serverConf(int httpPort, int httpMinPort, int pgPort, int lineTcpPort) {
        return "http.net.bind.to=127.0.0.1:" + httpPort + "\n"
                + "http.min.net.bind.to=127.0.0.1:" + httpMinPort + "\n"
                + "pg.net.bind.to=127.0.0.1:" + pgPort + "\n"
                + "line.tcp.net.bind.to=127.0.0.1:" + lineTcpPort + "\n"
                + "line.udp.enabled=false\n"
                + "line.udp.bind.to=127.0.0.1:" + lineTcpPort + "\n"
                + "telemetry.enabled=false\n"
                + "shared.worker.count=2\n";
    }

    /** The server's command line. */
    static List<String> command(String java, Path jar, Path root) {
        return List.of(java, "-Xmx4g", "-cp", jar.toString(), "io.questdb.ServerMain", "-d", root.toString());
    }

    @Override
    public void start(Path workDir) throws IOException, InterruptedException {
        root = workDir.resolve("qdbroot");
        Files.createDirectories(root.resolve("conf"));
        int httpPort = PeerSupport.freePort();
        Files.writeString(root.resolve("conf/server.conf"), serverConf(httpPort, PeerSupport.freePort(),
                PeerSupport.freePort(), PeerSupport.freePort()));
        launch(command(PeerSupport.javaCommand(), jar(), root), httpPort, workDir, "qdb.log",
                uri -> PeerHttp.withQuery(uri.resolve("/exec"), Map.of("query", "SELECT 1")), 200);
    }

    @Override
    public List<Path> bodies(DataSet data, Path workDir) {
        return data.bodies();
    }

    @Override
    public URI writeUri() {
        return PeerHttp.withQuery(base.resolve("/write"), Map.of("precision", "n"));
    }

    @Override
    public void ingest(Path body) throws IOException, InterruptedException {
        post(body, 204);
    }

    /** Waits until the WAL is applied: the table's row count reaches the data set's. */
    @Override
    public void flush(DataSet data, PrintWriter out) throws IOException, InterruptedException {
        URI count = PeerHttp.withQuery(base.resolve("/exec"), Map.of("query", "SELECT count() FROM cpu"));
        awaitCount("row", data.rows(), Duration.ofSeconds(300), () -> {
            PeerHttp.Response response = http.get(count);
            // not yet answerable (table still being created): keep polling
            return response.status() == 200
                    ? JSON.readTree(response.body()).path("dataset").path(0).path(0).asLong() : -1;
        });
    }

    @Override
    public PeerQuery render(Draw draw) {
        return queries.render(draw);
    }

    @Override
    public List<ResultRow> query(PeerQuery query, Draw draw) throws IOException, InterruptedException {
        return tabular(getJson("/exec", query.parameters(), "query " + name())).normalise(QueryShape.of(draw.type()));
    }

    /** QuestDB's {@code /exec} answer: {@code columns[].name} and {@code dataset} rows. */
    static TabularResult tabular(JsonNode answer) {
        List<String> columns = new ArrayList<>();
        answer.path("columns").forEach(c -> columns.add(c.path("name").asText()));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode values : answer.path("dataset")) {
            List<String> row = new ArrayList<>();
            values.forEach(v -> row.add(v.isNull() ? null : v.asText()));
            rows.add(row);
        }
        return new TabularResult(columns, rows);
    }

    /** The cpu table's partition directories (named by date), measured after shutdown truncated them. */
    @Override
    public long diskBytes() throws IOException, InterruptedException {
        List<Path> partitions = new ArrayList<>();
        try (Stream<Path> tables = Files.list(root.resolve("db"))) {
            for (Path table : tables.filter(t -> t.getFileName().toString().startsWith("cpu~")).toList()) {
                try (Stream<Path> entries = Files.list(table)) {
                    entries.filter(e -> Files.isDirectory(e) && Character.isDigit(e.getFileName().toString().charAt(0)))
                            .forEach(partitions::add);
                }
            }
        }
        return DiskUsage.allocated(partitions);
    }

    @Override
    public String diskAccounting() {
        return "the cpu table's partitions after shutdown (WAL segments and sequencer excluded)";
    }
}
