package io.tidemark.loadtest.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.loadtest.bench.TsbsQueries;
import io.tidemark.loadtest.bench.TsbsQueries.Draw;
import io.tidemark.loadtest.drill.WireClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tidemark as a real server process ({@code java -jar http/target/tidemark-server.jar}, whose main is
 * the {@code serve} command, as
 * {@code ./tidemark serve} runs it), fed WriteRecords calls or line protocol
 * ({@link TidemarkProtocol}), asked the Timestream SQL of {@link TsbsQueries}. The table keeps
 * the whole data set in its memory store (retention: the data's hours plus three), so every
 * record is accepted.
 */
public final class TidemarkPeer extends ProcessPeer {

    static final String DATABASE = "benchmark";
    static final String TABLE = "cpu";
    /**
     * The server's JVM options, as the launcher's {@code serve} job sets them: the parallel
     * collector, whose plain card-mark write barrier gives the JIT less code to compile than G1's
     * (a fresh server compiles its whole ingest path while it loads) and which spent less CPU
     * collecting a line-protocol load; and an initial heap of an eighth of the memory, whose young
     * generation takes a load's garbage in a few collections, and a first metaspace threshold above
     * what start-up loads (docs/benchmarks.md, "Line-protocol ingest over HTTP", "A fresh server");
     * and tighter C2 inlining limits, under which the JIT builds no giant methods while a fresh
     * server loads (docs/operations.md, "JVM options").
     */
    public static final String DEFAULT_JVM_OPTIONS =
            "-XX:+UseParallelGC -XX:InitialRAMPercentage=12.5 -XX:MetaspaceSize=256m -XX:MaxInlineLevel=9"
                    + " -XX:InlineSmallCode=1000";
    /** As long as {@link PeerHttp}'s calls may take: a query over the whole data set is slow. */
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(5);

    private final String name;
    private final String database;
    private final String table;
    private final Path projectDir;
    private final TidemarkProtocol protocol;
    private final int recordsPerCall;
    private final List<String> jvmOptions;
    private Path dataDir;
    private WireClient wire;
    private TsbsQueries queries;

    /** @param jvmOptions the server process's JVM options (e.g. {@link #DEFAULT_JVM_OPTIONS}, split) */
    public TidemarkPeer(Path projectDir, TidemarkProtocol protocol, int recordsPerCall, List<String> jvmOptions) {
        this("tidemark", DATABASE, TABLE, projectDir, protocol, recordsPerCall, jvmOptions);
    }

    private TidemarkPeer(String name, String database, String table, Path projectDir, TidemarkProtocol protocol,
            int recordsPerCall, List<String> jvmOptions) {
        this.name = name;
        this.database = database;
        this.table = table;
        this.projectDir = projectDir;
        this.protocol = protocol;
        this.recordsPerCall = recordsPerCall;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** {@code options} split at spaces: the JVM options of a command line ({@code ""}: none). */
    public static List<String> jvmOptions(String options) {
        return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    /** A node that runs elsewhere, to {@link #attach} to: its data in {@code database.table}, reported as {@code name}. */
    public static TidemarkPeer querying(String name, String database, String table) {
        return new TidemarkPeer(name, database, table, null, TidemarkProtocol.LP, 0, List.of());
    }

    @Override
    public String name() {
        return name;
    }

    Path jar() {
        return projectDir.resolve("http/target/tidemark-server.jar");
    }

    @Override
    public void install(PrintWriter out) throws IOException, InterruptedException {
        if (!Files.exists(jar())) {
            List<String> command = List.of(projectDir.resolve("mvnw").toString(), "-q", "-DskipTests", "package",
                    "-pl", "http", "-am");
            out.println("building the server jar: " + String.join(" ", command));
            out.flush();
            PeerSupport.run(command, projectDir);
        }
    }

    /** The node's configuration: WriteRecords calls of {@code recordsPerCall} records, and bodies to fit them. */
    static String config(int recordsPerCall) {
        long bodyBytes = Math.max(8L << 20, recordsPerCall * 2048L);
        return "tidemark.engine.write.max-records-per-request = " + recordsPerCall + "\n"
                + "tidemark.http.limits.max-body-bytes = " + bodyBytes + "\n";
    }

    /** The server's command line, as the launcher's {@code serve} job runs it. */
    static List<String> command(String java, List<String> jvmOptions, Path jar, int port, Path dataDir, Path config) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true", "-jar",
                jar.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1", "--data-dir",
                dataDir.toString(), "--config", config.toString()));
        return command;
    }

    @Override
    public void start(Path workDir) throws IOException, InterruptedException {
        dataDir = workDir.resolve("tidemark-data");
        Files.createDirectories(dataDir);
        Path config = workDir.resolve("tidemark.conf");
        Files.writeString(config, config(recordsPerCall));
        int port = PeerSupport.freePort();
        launch(command(PeerSupport.javaCommand(), jvmOptions, jar(), port, dataDir, config), port, workDir, "tidemark.log",
                uri -> uri.resolve("/health"), 200);
        wire = new WireClient(base, CALL_TIMEOUT);
    }

    /** Creates the database and table, then encodes the bodies for the chosen protocol. */
    @Override
    public List<Path> bodies(DataSet data, Path workDir) throws IOException {
        prepareQueries(data.range(), data.config().scale());
        try {
            wire.ensureDatabase(database);
            wire.ensureTable(database, table, data.hours() + 3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("cannot create the table: interrupted", e);
        }
        return protocol == TidemarkProtocol.LP ? data.bodies()
                : LineProtocolToWriteRecords.convert(data.bodies(), database, table, recordsPerCall,
                        workDir.resolve("writerecords-" + data.config().values().optionName()));
    }

    @Override
    void prepareQueries(DataRange range, int hosts) {
        queries = new TsbsQueries(database, table, hosts, range.firstMillis(), range.endMillis());
        if (wire == null) {
            wire = new WireClient(base, CALL_TIMEOUT);
        }
    }

    @Override
    public URI writeUri() {
        return PeerHttp.withQuery(base.resolve("/write"), Map.of("db", database, "precision", "ns"));
    }

    @Override
    public void ingest(Path body) throws IOException, InterruptedException {
        if (protocol == TidemarkProtocol.LP) {
            post(body, 204);
        } else {
            WireClient.Response response = wire.call("WriteRecords", Files.readAllBytes(body));
            if (!response.ok()) {
                throw new IOException("cannot write to tidemark: status=" + response.status() + ", body="
                        + WireClient.abbreviate(response.body()));
            }
            JsonNode answer = JSON.readTree(response.body());
            if (answer.path("RecordsIngested").path("Total").asLong(-1) == 0) {
                throw new IOException("cannot write to tidemark: no record ingested from " + body);
            }
        }
    }

    /** Writes are visible when acknowledged; checks that every row arrived. */
    @Override
    public void flush(DataSet data, PrintWriter out) throws IOException, InterruptedException {
        List<List<String>> rows = wire.query("SELECT count(*) AS row_count FROM \"" + database + "\".\"" + table
                + "\"");
        long seen = Long.parseLong(rows.get(0).get(0));
        if (seen != data.rows()) {
            throw new IOException("cannot see every row in tidemark: expected=" + data.rows() + ", seen=" + seen);
        }
    }

    @Override
    public PeerQuery render(Draw draw) {
        String sql = queries.sql(draw);
        return new PeerQuery(sql, Map.of("QueryString", sql));
    }

    @Override
    public List<ResultRow> query(PeerQuery query, Draw draw) throws IOException, InterruptedException {
        WireClient.QueryResult result = wire.queryResult(query.text());
        return new TabularResult(result.columns(), result.rows()).normalise(QueryShape.of(draw.type()));
    }

    @Override
    public long diskBytes() throws IOException, InterruptedException {
        return DiskUsage.allocated(List.of(dataDir));
    }

    @Override
    public String diskAccounting() {
        return "the whole data directory after a graceful stop (journals synced; the data set is younger than the"
                + " memory-store retention, so it lives in the shard journals, not yet in magnetic segments)";
    }
}
