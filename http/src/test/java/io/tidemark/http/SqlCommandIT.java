package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./tidemark sql} as a user runs it (the launcher script, the shaded jar, a separate JVM)
 * against a running node: the result as a table across several pages, and a failed query's
 * message and exit code.
 */
class SqlCommandIT {

    static final Path LAUNCHER = Path.of("..", "tidemark");
    static final String PREFIX = "Timestream_20181101.";

    @TempDir
    static Path dataDir;

    @AutoClose
    static ServerFixture node;

    @BeforeAll
    static void start() throws Exception {
        node = ServerFixture.start(dataDir, Map.of());
        RawHttp http = new RawHttp(node.uri());
        assertThat(http.post(PREFIX + "CreateDatabase", "{\"DatabaseName\":\"cli\"}").statusCode()).isEqualTo(200);
        assertThat(http.post(PREFIX + "CreateTable", "{\"DatabaseName\":\"cli\",\"TableName\":\"cpu\"}").statusCode())
                .isEqualTo(200);
        long seconds = System.currentTimeMillis() / 1000 - 600;
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            records.append(i == 0 ? "" : ",").append("{\"Dimensions\":[{\"Name\":\"host\",\"Value\":\"host_").append(i)
                    .append("\"}],\"MeasureName\":\"usage\",\"MeasureValue\":\"").append(i * 10 + 0.5)
                    .append("\",\"Time\":\"").append(seconds + i).append("\",\"TimeUnit\":\"SECONDS\"}");
        }
        assertThat(http.post(PREFIX + "WriteRecords", "{\"DatabaseName\":\"cli\",\"TableName\":\"cpu\",\"Records\":["
                + records + "]}").statusCode()).isEqualTo(200);
    }

    @Test
    void printsTheWholeResultAsAnAlignedTableFollowingNextToken() throws Exception {
        Run run = sql("--max-rows", "2", "SELECT host, measure_value::double AS usage, NULL AS nothing"
                + " FROM cli.cpu ORDER BY host");

        assertThat(run.exitCode).as(run.stderr).isZero();
        assertThat(run.stdout.split("\n")).containsExactly(
                "host   | usage | nothing",
                "-------+-------+--------",
                "host_0 |   0.5 | NULL",
                "host_1 |  10.5 | NULL",
                "host_2 |  20.5 | NULL",
                "host_3 |  30.5 | NULL",
                "host_4 |  40.5 | NULL",
                "(5 rows)");
    }

    @Test
    void aFailedQueryPrintsTheErrorAndExitsWithOne() throws Exception {
        Run run = sql("SELECT * FROM cli.missing");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.stdout).isEmpty();
        assertThat(run.stderr).startsWith("tidemark sql: ValidationException: ").contains("missing");
    }

    private static Run sql(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString(), "sql", "--endpoint",
                node.uri().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dataDir, "sql", ".out");
        Path err = Files.createTempFile(dataDir, "sql", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("tidemark sql finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }
}
