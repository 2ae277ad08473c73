package io.tidemark.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.loadtest.LoadTestMain;
import io.tidemark.loadtest.drill.WireClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoadIngestCommandTest {

    @TempDir
    Path dir;
    private final URI endpoint = SharedNode.endpoint();
    private final WireClient wire = new WireClient(endpoint, Duration.ofSeconds(60));

    private static String run(String... args) {
        StringWriter text = new StringWriter();
        CommandLine line = LoadTestMain.commandLine().setOut(new PrintWriter(text)).setErr(new PrintWriter(text));
        int status = line.execute(args);
        assertThat(status).as(text.toString()).isZero();
        return text.toString();
    }

    private long count(String database, String table) throws Exception {
        return Long.parseLong(wire.query("SELECT count(*) FROM \"" + database + "\".\"" + table + "\"").get(0).get(0));
    }

    @Test
    void writeRecordsIngestSendsEveryRowOfTheDataSetAndReportsItsFigures() throws Exception {
        Path out = dir.resolve("ingest-wr.json");
        String text = run("load", "ingest", "--target", "tidemark-writerecords", "--endpoint",
                endpoint.toString(), "--scale", "3", "--hours", "1", "--interval", "1m", "--workers", "2",
                "--batch", "7", "--database", "wrdb", "--out", out.toString());

        // 3 hosts x 60 minutes, ten fields each
        assertThat(count("wrdb", "cpu_only")).isEqualTo(180);
        assertThat(text).contains("ingest: 1800 points (180 rows) in 26 calls");
        DriverReport report = DriverReport.parse(Files.readString(out, StandardCharsets.UTF_8));
        assertThat(report.driver()).isEqualTo("ingest");
        assertThat(report.columns()).startsWith("points", "rows", "calls");
        List<Object> row = report.rows().get(0);
        assertThat(row.subList(0, 3)).containsExactly(1800, 180, 26);
        double p50 = ((Number) row.get(report.columns().indexOf("p50_ms"))).doubleValue();
        double p99 = ((Number) row.get(report.columns().indexOf("p99_ms"))).doubleValue();
        assertThat(p50).isPositive();
        assertThat(p99).isGreaterThanOrEqualTo(p50);
        String markdown = Files.readString(dir.resolve("ingest-wr.md"), StandardCharsets.UTF_8);
        assertThat(markdown).contains("| points | rows | calls |").contains("| 1800 | 180 | 26 |");
    }

    @Test
    void lineProtocolIngestFillsATablePerMeasurement() throws Exception {
        String text = run("load", "ingest", "--target", "tidemark-lp", "--endpoint", endpoint.toString(),
                "--scale", "2", "--hours", "1", "--interval", "5m", "--batch", "5", "--database", "lpdb",
                "--values", "float2", "--progress-seconds", "0");

        assertThat(count("lpdb", "cpu")).isEqualTo(24);
        assertThat(text).contains("ingest: 240 points (24 rows) in 5 calls").contains("| 240 | 24 | 5 |");
    }

    @Test
    void anyLineProtocolServerTakesTheLinesAtTheWriteUrlGiven() throws Exception {
        // the lp target creates nothing: the server's database and table exist beforehand
        wire.ensureDatabase("anylp");
        wire.ensureTable("anylp", "cpu", 3);

        String text = run("load", "ingest", "--target", "lp", "--endpoint",
                endpoint.resolve("/write?db=anylp&precision=ns").toString(), "--scale", "2", "--hours", "1",
                "--interval", "10m", "--batch", "4", "--progress-seconds", "0");

        assertThat(count("anylp", "cpu")).isEqualTo(12);
        assertThat(text).contains("ingest: 120 points (12 rows) in 3 calls");
    }

    @Test
    void aTargetOutsideTheListIsRefusedWithTheChoices() {
        StringWriter err = new StringWriter();
        int status = LoadTestMain.commandLine().setErr(new PrintWriter(err)).execute("load", "ingest", "--target",
                "kafka", "--endpoint", "http://127.0.0.1:1");

        assertThat(status).isNotZero();
        assertThat(err.toString()).contains("tidemark-writerecords|tidemark-lp|lp");
    }
}
