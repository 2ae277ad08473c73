package io.tidemark.loadtest.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.loadtest.bench.TsbsQueries.Draw;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * InfluxDB 1.x (Debian's {@code influxdb} package), fed line protocol on {@code /write}, asked
 * InfluxQL ({@link InfluxQlQueries}). Its configuration is the one {@code influxd config}
 * generates, edited by {@link #config}: every listener on 127.0.0.1, the data under the run's
 * directory, no monitor store, and cold caches snapshotted after 5 s and fully compacted after
 * 10 s, so that the data reaches its final TSM form within seconds of the load.
 */
public final class InfluxDbPeer extends ProcessPeer {

    static final String DATABASE = "bench";
    /** TSM sizes must hold still this long (longer than the full-compaction cold time) to count as compacted. */
    private static final long SETTLED_MILLIS = 15_000;
    private static final long FLUSH_TIMEOUT_MILLIS = 300_000;

    private final InfluxQlQueries queries = new InfluxQlQueries(DATABASE);
    private Path root;

    @Override
    public String name() {
        return "influxdb";
    }

    @Override
    public void install(PrintWriter out) throws IOException, InterruptedException {
        if (!PeerSupport.onPath("influxd")) {
            PeerSupport.aptInstall("influxdb", out);
        }
    }

    /**
     * {@code generated} (the output of {@code influxd config}) with this run's edits: the RPC,
     * HTTP and IFQL listeners on 127.0.0.1 ports, meta/data/wal under {@code root}, no reporting,
     * no monitor store, the fast snapshot and compaction.
     */
    static String config(String generated, Path root, int rpcPort, int httpPort, int ifqlPort) {
        String text = generated;
        text = set(text, "", "bind-address", quote("127.0.0.1:" + rpcPort));
        text = set(text, "", "reporting-enabled", "false");
        text = set(text, "meta", "dir", quote(root.resolve("meta").toString()));
        text = set(text, "data", "dir", quote(root.resolve("data").toString()));
        text = set(text, "data", "wal-dir", quote(root.resolve("wal").toString()));
        text = set(text, "data", "cache-snapshot-write-cold-duration", quote("5s"));
        text = set(text, "data", "compact-full-write-cold-duration", quote("10s"));
        text = set(text, "monitor", "store-enabled", "false");
        text = set(text, "http", "bind-address", quote("127.0.0.1:" + httpPort));
        text = set(text, "ifql", "bind-address", quote("127.0.0.1:" + ifqlPort));
        return text;
    }

    /** Replaces {@code key = …} in TOML table {@code section} ("" for the top level); fails when absent. */
    static String set(String toml, String section, String key, String value) {
        String[] lines = toml.split("\n", -1);
        String current = "";
        Pattern assignment = Pattern.compile("^(\\s*)" + Pattern.quote(key) + "\\s*=.*$");
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].trim();
            if (trimmed.startsWith("[")) {
                current = trimmed.replace("[", "").replace("]", "").trim();
                continue;
            }
            Matcher m = assignment.matcher(lines[i]);
            if (current.equals(section) && m.matches()) {
                lines[i] = m.group(1) + key + " = " + value;
                return String.join("\n", lines);
            }
        }
        throw new IllegalArgumentException("cannot edit the InfluxDB config: section=" + section + ", key=" + key
                + " (not in the generated config)");
    }

    private static String quote(String value) {
        return "\"" + value + "\"";
    }

    @Override
    public void start(Path workDir) throws IOException, InterruptedException {
        root = workDir.resolve("influxroot");
        Files.createDirectories(root);
        Process generate = new ProcessBuilder("influxd", "config").redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String generated = new String(generate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (generate.waitFor() != 0) {
            throw new IOException("cannot generate the InfluxDB config: influxd config exited " + generate.exitValue());
        }
        int httpPort = PeerSupport.freePort();
        Path conf = workDir.resolve("influx.conf");
        Files.writeString(conf, config(generated, root, PeerSupport.freePort(), httpPort, PeerSupport.freePort()));
        launch(List.of("influxd", "-config", conf.toString()), httpPort, workDir, "influx.log",
                uri -> uri.resolve("/ping"), 204);
        PeerHttp.expect(http.post(PeerHttp.withQuery(base.resolve("/query"), Map.of("q", "CREATE DATABASE "
                + DATABASE)), new byte[0], Map.of()), 200, "create the InfluxDB database");
    }

    @Override
    public List<Path> bodies(DataSet data, Path workDir) {
        return data.bodies();
    }

    @Override
    public URI writeUri() {
        return PeerHttp.withQuery(base.resolve("/write"), Map.of("db", DATABASE, "precision", "ns"));
    }

    @Override
    public void ingest(Path body) throws IOException, InterruptedException {
        post(body, 204);
    }

    /**
     * Waits until the WAL is empty (every cache snapshotted to TSM), no compaction is writing, and
     * the TSM files have held still past the full-compaction cold time.
     */
    @Override
    public void flush(DataSet data, PrintWriter out) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + FLUSH_TIMEOUT_MILLIS;
        long lastSize = -1;
        long stableSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            process.checkAlive();
            long wal = 0;
            for (Path p : DiskUsage.files(root.resolve("wal"), f -> true)) {
                wal += Files.size(p);
            }
            boolean compacting = !DiskUsage.files(root.resolve("data"), f -> f.toString().endsWith(".tmp")).isEmpty();
            long tsm = tsmBytes();
            if (tsm != lastSize || wal > 0 || compacting) {
                lastSize = tsm;
                stableSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - stableSince >= SETTLED_MILLIS) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IOException("cannot see InfluxDB's TSM files settle within " + FLUSH_TIMEOUT_MILLIS / 1000 + " s");
    }

    private long tsmBytes() throws IOException {
        long bytes = 0;
        for (Path p : DiskUsage.files(root.resolve("data").resolve(DATABASE), f -> f.toString().endsWith(".tsm"))) {
            bytes += Files.size(p);
        }
        return bytes;
    }

    @Override
    public PeerQuery render(Draw draw) {
        return queries.render(draw);
    }

    @Override
    public List<ResultRow> query(PeerQuery query, Draw draw) throws IOException, InterruptedException {
        return tabular(getJson("/query", query.parameters(), "query " + name())).normalise(QueryShape.of(draw.type()));
    }

    /**
     * InfluxDB's answer (a statement's series, each with its group's tags) flattened into one table:
     * every series's columns plus its tag keys as further columns.
     */
    static TabularResult tabular(JsonNode answer) {
        JsonNode statement = answer.path("results").path(0);
        if (statement.has("error")) {
            throw new IllegalArgumentException("cannot query InfluxDB: error=" + statement.get("error").asText());
        }
        List<String> columns = null;
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode series : statement.path("series")) {
            List<String> names = new ArrayList<>();
            series.path("columns").forEach(c -> names.add(c.asText()));
            List<String> tagValues = new ArrayList<>();
            series.path("tags").fields().forEachRemaining(tag -> {
                names.add(tag.getKey());
                tagValues.add(tag.getValue().asText());
            });
            if (columns == null) {
                columns = names;
            } else if (!columns.equals(names)) {
                throw new IllegalArgumentException("cannot flatten InfluxDB series: columns=" + columns + " and " + names);
            }
            for (JsonNode values : series.path("values")) {
                List<String> row = new ArrayList<>();
                values.forEach(v -> row.add(v.isNull() ? null : v.asText()));
                row.addAll(tagValues);
                rows.add(row);
            }
        }
        return new TabularResult(columns == null ? List.of() : columns, rows);
    }

    @Override
    public long diskBytes() throws IOException {
        return tsmBytes();
    }

    @Override
    public String diskAccounting() {
        return "TSM files after the WAL was snapshotted and a full compaction settled (index and WAL excluded)";
    }
}
