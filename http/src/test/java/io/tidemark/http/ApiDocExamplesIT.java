package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Dimension;
import software.amazon.awssdk.services.timestreamwrite.model.MeasureValueType;
import software.amazon.awssdk.services.timestreamwrite.model.Record;

/**
 * Runs the curl examples of {@code docs/api.md} against a running node, in page order, and checks
 * each answer against the {@code # } lines under it, so the page cannot drift from what the node
 * says. Read as:
 * <ul>
 *   <li>a {@code ```sh} block is run when every command in it is a {@code curl} without its own
 *       {@code -w} (blocks starting a node, using the AWS CLI, websocat or {@code ./tidemark sql}
 *       are the business of {@code ServeCommandIT}, {@code AwsCliIT}, {@code SubscribeIT} and
 *       {@code SqlCommandIT}; the line protocol block prints its own status and runs in
 *       {@code LineProtocolIT});</li>
 *   <li>a line {@code # text} is a line of the answer, {@code #  text} (two or more spaces) the
 *       same line continued; a leading {@code NNN } is the HTTP status (else it must be 200);</li>
 *   <li>{@code …} stands for any text (ids, times, byte counts); CRLF line ends read as LF.</li>
 * </ul>
 * The node holds what the page assumes: table {@code cli.cpu} with single-measure DOUBLE points
 * {@code usage} of {@code host_0} (0.5) and {@code host_1} (10.5) written a minute ago.
 */
class ApiDocExamplesIT {

    static final Pattern STATUS = Pattern.compile("(\\d{3}) (.*)", Pattern.DOTALL);

    @TempDir
    static Path dataDir;

    @AutoClose
    static ServerFixture node;

    @BeforeAll
    static void start() {
        node = ServerFixture.start(dataDir, Map.of());
        try (TimestreamWriteClient writer = node.writeClient()) {
            writer.createDatabase(b -> b.databaseName("cli"));
            writer.createTable(b -> b.databaseName("cli").tableName("cpu"));
            long time = System.currentTimeMillis() - 60_000;
            writer.writeRecords(b -> b.databaseName("cli").tableName("cpu")
                    .commonAttributes(c -> c.measureName("usage").measureValueType(MeasureValueType.DOUBLE))
                    .records(record("host_0", "0.5", time), record("host_1", "10.5", time)));
        }
    }

    private static Record record(String host, String value, long time) {
        return Record.builder().dimensions(Dimension.builder().name("host").value(host).build()).measureValue(value)
                .time(Long.toString(time)).build();
    }

    @Test
    void everyCurlExampleAnswersAsTheApiPageShows() throws Exception {
        List<Example> examples = examples(Files.readString(Path.of("..", "docs", "api.md"), StandardCharsets.UTF_8));
        assertThat(examples).extracting(Example::command).anyMatch(c -> c.contains("CreateDatabase"))
                .anyMatch(c -> c.contains("QueryInsights")).anyMatch(c -> c.contains("/sql"));
        for (Example example : examples) {
            String script = example.command().replace("localhost:8080", "127.0.0.1:" + node.port())
                    + " -w '\\n%{http_code}'";
            Process curl = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
            String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int split = output.lastIndexOf('\n');
            String status = output.substring(split + 1);
            String body = output.substring(0, Math.max(split, 0)).replace("\r\n", "\n").strip();

            Matcher statusAndBody = STATUS.matcher(example.answer());
            boolean withStatus = statusAndBody.matches();
            assertThat(status).as(example.command()).isEqualTo(withStatus ? statusAndBody.group(1) : "200");
            String expected = withStatus ? statusAndBody.group(2) : example.answer();
            assertThat(body).as(example.command()).matches(wildcards(expected));
        }
    }

    /** One command of the page and the answer written under it. */
    record Example(String command, String answer) {
    }

    static List<Example> examples(String page) {
        List<Example> examples = new ArrayList<>();
        int at = 0;
        while ((at = page.indexOf("```sh\n", at)) >= 0) {
            int end = page.indexOf("```", at + 6);
            List<Example> block = block(page.substring(at + 6, end));
            if (block.stream().allMatch(e -> e.command().startsWith("curl ") && !e.command().contains(" -w "))) {
                examples.addAll(block);
            }
            at = end + 3;
        }
        return examples;
    }

    private static List<Example> block(String text) {
        List<Example> examples = new ArrayList<>();
        StringBuilder command = new StringBuilder();
        StringBuilder answer = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("#  ")) {
                answer.append(line.substring(1).stripLeading());
            } else if (line.startsWith("# ")) {
                answer.append(answer.length() == 0 ? "" : "\n").append(line.substring(2));
            } else if (!line.isBlank()) {
                if (answer.length() > 0 || command.length() > 0 && !command.toString().endsWith("\\\n")) {
                    examples.add(new Example(command.toString().strip(), answer.toString().strip()));
                    command.setLength(0);
                    answer.setLength(0);
                }
                command.append(line).append('\n');
            }
        }
        if (command.length() > 0) {
            examples.add(new Example(command.toString().strip(), answer.toString().strip()));
        }
        return examples;
    }

    /** The answer as a pattern: its text literally, each {@code …} any text. */
    static String wildcards(String answer) {
        StringBuilder pattern = new StringBuilder("(?s)");
        String[] parts = answer.split("…", -1);
        for (int i = 0; i < parts.length; i++) {
            pattern.append(i == 0 ? "" : ".*?").append(Pattern.quote(parts[i]));
        }
        return pattern.toString();
    }
}
