package io.tidemark.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.scan.ScannedSeries;
import io.tidemark.loadtest.tsbs.ValueMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HttpIngestCommandTest {

    private static final String SUMMARY = "http-ingest clients=2 records_per_call=%d median_points_per_s=\\d+"
            + " p50_call_ms=\\d+\\.\\d{3} p99_call_ms=\\d+\\.\\d{3}";

    @TempDir
    Path dir;

    @Test
    void parsesEveryOption() {
        HttpIngestCommand command = new HttpIngestCommand();
        new CommandLine(command).parseArgs("--scale", "100", "--hours", "2", "--clients", "8", "--records-per-call",
                "1000", "--warmups", "1", "--runs", "3", "--values", "float2", "--endpoint", "http://127.0.0.1:9090");

        HttpIngestBenchmark.Options options = command.options();
        assertThat(options.data().scale()).isEqualTo(100);
        assertThat(options.data().values()).isEqualTo(ValueMode.FLOAT2);
        assertThat(options.hours()).isEqualTo(2);
        assertThat(options.clients()).isEqualTo(8);
        assertThat(options.recordsPerCall()).isEqualTo(1000);
        assertThat(options.warmups()).isEqualTo(1);
        assertThat(options.runs()).isEqualTo(3);
        assertThat(options.protocol()).isEqualTo(HttpIngestBenchmark.Protocol.JSON);
        assertThat(command.endpoints).containsExactly(URI.create("http://127.0.0.1:9090"));
    }

    @Test
    void aRepeatedEndpointNamesTheNodesOfACluster() {
        HttpIngestCommand command = new HttpIngestCommand();
        new CommandLine(command).parseArgs("--endpoint", "http://127.0.0.1:8081", "--endpoint", "http://127.0.0.1:8082",
                "--endpoint", "http://127.0.0.1:8083");

        assertThat(command.endpoints).containsExactly(URI.create("http://127.0.0.1:8081"),
                URI.create("http://127.0.0.1:8082"), URI.create("http://127.0.0.1:8083"));
    }

    @Test
    void defaultsToFourClientsOfTimestreamSizedCallsInProcess() {
        HttpIngestCommand command = new HttpIngestCommand();
        new CommandLine(command).parseArgs();

        HttpIngestBenchmark.Options options = command.options();
        assertThat(options.clients()).isEqualTo(4);
        assertThat(options.recordsPerCall()).isEqualTo(100);
        assertThat(options.warmups()).isEqualTo(2);
        assertThat(options.runs()).isEqualTo(5);
        assertThat(options.linesPerCall()).isEqualTo(5000);
        assertThat(command.endpoints).isNull();
    }

    @Test
    void parsesTheLineProtocolOptions() {
        HttpIngestCommand command = new HttpIngestCommand();
        new CommandLine(command).parseArgs("--protocol", "LP", "--lines-per-call", "2000");

        assertThat(command.options().protocol()).isEqualTo(HttpIngestBenchmark.Protocol.LP);
        assertThat(command.options().linesPerCall()).isEqualTo(2000);
        assertThat(new CommandLine(new HttpIngestCommand()).setErr(new PrintWriter(new StringWriter()))
                .execute("--protocol", "xml")).isNotZero();
    }

    @Test
    void lineProtocolRunsLeaveEveryPointInTheirOwnDatabase() throws Exception {
        StringWriter text = new StringWriter();
        try (BenchmarkServer server = BenchmarkServer.start(dir, 0)) {
            HttpIngestCommand command = new HttpIngestCommand();
            new CommandLine(command).parseArgs("--scale", "3", "--hours", "1", "--runs", "1", "--warmups", "1",
                    "--clients", "2", "--protocol", "lp", "--lines-per-call", "250");

            // Two endpoints (the same node twice): the calls alternate between them, as over a cluster's nodes.
            HttpIngestBenchmark.Result result = new HttpIngestBenchmark(command.options())
                    .run(List.of(server.endpoint(), server.endpoint()), new PrintWriter(text, true));

            assertThat(result.databases()).hasSize(2).doesNotHaveDuplicates();
            assertThat(result.tables()).containsExactly("cpu", "cpu");
            assertThat(result.pointsPerTable()).isEqualTo(3 * 360 * 10);
            for (String database : result.databases()) {
                List<ScannedSeries> series = server.engine().scan(database, "cpu", Long.MIN_VALUE, Long.MAX_VALUE)
                        .toCompletableFuture().join();
                assertThat(series).hasSize(3);
                assertThat(series).allSatisfy(s -> {
                    assertThat(s.size()).isEqualTo(360);
                    assertThat(s.columns()).hasSize(10);
                });
            }
        }
        String[] lines = text.toString().split("\\R");
        assertThat(lines).anyMatch(l -> l.startsWith("data: 3 hosts x 360 rows = 1080 records, 10800 points in 5 calls"
                + " of up to 250 lines"));
        assertThat(lines[lines.length - 1]).matches("http-ingest protocol=lp clients=2 lines_per_call=250"
                + " median_points_per_s=\\d+ p50_call_ms=\\d+\\.\\d{3} p99_call_ms=\\d+\\.\\d{3}");
    }

    @Test
    void refusesNoClients() {
        HttpIngestCommand command = new HttpIngestCommand();
        new CommandLine(command).parseArgs("--clients", "0");

        assertThatThrownBy(command::options).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clients=0");
    }

    @Test
    void tinyRunInProcessPrintsTheSummaryLineLast() {
        StringWriter text = new StringWriter();
        int exit = new CommandLine(new HttpIngestCommand()).setOut(new PrintWriter(text, true))
                .execute("--scale", "2", "--hours", "1", "--runs", "1", "--warmups", "0", "--clients", "2");

        assertThat(exit).isZero();
        String[] lines = text.toString().split("\\R");
        assertThat(lines).anyMatch(l -> l.startsWith("data: 2 hosts x 360 rows = 720 records, 7200 points in 8 calls"));
        assertThat(lines).anyMatch(l -> l.startsWith("encode (before the clock, one thread): "));
        assertThat(lines[lines.length - 1]).matches(String.format(SUMMARY, 100));
    }

    @Test
    void serverHoldsEveryPointOfEveryRunWithCallsOverTimestreamsLimit() throws Exception {
        int recordsPerCall = 250;
        StringWriter text = new StringWriter();
        try (BenchmarkServer server = BenchmarkServer.start(dir, recordsPerCall)) {
            HttpIngestCommand command = new HttpIngestCommand();
            new CommandLine(command).parseArgs("--scale", "2", "--hours", "1", "--runs", "1", "--warmups", "1",
                    "--clients", "2", "--records-per-call", Integer.toString(recordsPerCall));

            HttpIngestBenchmark.Result result = new HttpIngestBenchmark(command.options())
                    .run(server.endpoint(), new PrintWriter(text, true));

            assertThat(result.tables()).hasSize(2);
            assertThat(result.pointsPerTable()).isEqualTo(2 * 360 * 10);
            for (String table : result.tables()) {
                List<ScannedSeries> series = server.engine().scan(HttpIngestBenchmark.DATABASE, table, Long.MIN_VALUE,
                        Long.MAX_VALUE).toCompletableFuture().join();
                assertThat(series).hasSize(2);
                assertThat(series).allSatisfy(s -> {
                    assertThat(s.size()).isEqualTo(360);
                    assertThat(s.columns()).hasSize(10);
                });
            }
        }
        String[] lines = text.toString().split("\\R");
        assertThat(lines[lines.length - 1]).matches(String.format(SUMMARY, recordsPerCall));
    }
}
