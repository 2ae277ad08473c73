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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Dimension;
import software.amazon.awssdk.services.timestreamwrite.model.MeasureValueType;
import software.amazon.awssdk.services.timestreamwrite.model.Record;

/**
 * Runs the curl and AWS CLI examples of {@code docs/api.md} against a running node, in page order,
 * and checks each answer against the {@code # } lines under it, so the page cannot drift from what
 * the node says. Read as:
 * <ul>
 *   <li>a {@code ```sh} block is run when every command in it is a {@code curl} without its own
 *       {@code -w} (blocks starting a node, using websocat or {@code ./tidemark sql} are the
 *       business of {@code ServeCommandIT}, {@code SubscribeIT} and {@code SqlCommandIT}; the
 *       line protocol block prints its own status and runs in {@code LineProtocolIT});</li>
 *   <li>a block with an {@code aws} command runs whole in one {@code bash}, as a reader pastes it
 *       (its variables and exports carry from one command to the next), in a clean AWS
 *       environment (no config or credentials file); skipped, saying so, when the AWS CLI is not
 *       installed;</li>
 *   <li>a line {@code # text} is a line of the answer, {@code #  text} (two or more spaces) the
 *       same line continued; a leading {@code NNN } is curl's HTTP status (else it must be 200);
 *       an AWS CLI answer is compared with its line breaks and indentation left out, and is a
 *       failure (non-zero exit) exactly when it starts with {@code An error occurred};</li>
 *   <li>{@code …} stands for any text (ids, times, byte counts); CRLF line ends read as LF;
 *       {@code localhost:8080} and {@code 127.0.0.1:8080} are the test node's address.</li>
 * </ul>
 * The node holds what the page's curl examples assume: table {@code cli.cpu} with single-measure
 * DOUBLE points {@code usage} of {@code host_0} (0.5) and {@code host_1} (10.5) written a minute ago.
 */
class ApiDocExamplesIT {

    static final Pattern STATUS = Pattern.compile("(\\d{3}) (.*)", Pattern.DOTALL);
    /** Printed after each command of an AWS CLI block, with the command's exit status. */
    static final String END_OF_COMMAND = "@@end-of-command";
    static final Pattern COMMAND_END = Pattern.compile("\n" + END_OF_COMMAND + " (\\d+)\n");
    static final String CLI_FAILURE = "An error occurred";

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
        List<Example> examples = examples(page());
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

    @Test
    void everyAwsCliExampleRunsAsThePageShows() throws Exception {
        Assumptions.assumeTrue(AwsCliIT.awsCliInstalled(),
                "skipped: the AWS CLI is not installed (apt-get install -y awscli to run the page's CLI examples)");
        List<List<Example>> blocks = blocks(page()).stream()
                .filter(block -> block.stream().anyMatch(e -> e.command().startsWith("aws "))).toList();
        assertThat(blocks).as("the page's AWS CLI blocks").isNotEmpty();
        assertThat(blocks).flatExtracting(block -> block).extracting(Example::command)
                .anyMatch(c -> c.contains("timestream-write write-records"))
                .anyMatch(c -> c.contains("timestream-query query"));
        for (List<Example> block : blocks) {
            runCliBlock(block);
        }
    }

    /** Runs the block in one shell, each command followed by a line with its exit status, and checks every answer. */
    private static void runCliBlock(List<Example> block) throws Exception {
        StringBuilder script = new StringBuilder();
        for (Example example : block) {
            script.append(example.command().replace("127.0.0.1:8080", "127.0.0.1:" + node.port())).append('\n')
                    .append("printf '\\n").append(END_OF_COMMAND).append(" %s\\n' \"$?\"\n");
        }
        ProcessBuilder shell = new ProcessBuilder("bash", "-c", script.toString()).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("aws-cli-examples.log").toFile());
        shell.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        shell.environment().putAll(Map.of("AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null",
                "AWS_PAGER", ""));
        Process process = shell.start();
        boolean finished = process.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(dataDir.resolve("aws-cli-examples.log"), StandardCharsets.UTF_8)
                .replace("\r\n", "\n");
        assertThat(finished).as("the AWS CLI block finished: " + output).isTrue();

        Matcher end = COMMAND_END.matcher(output);
        int from = 0;
        for (Example example : block) {
            assertThat(end.find()).as("the shell ran " + example.command() + "; output: " + output).isTrue();
            String answer = collapsed(output.substring(from, end.start()));
            from = end.end();
            String expected = collapsed(example.answer().replace("127.0.0.1:8080", "127.0.0.1:" + node.port()));
            int exit = Integer.parseInt(end.group(1));
            if (expected.startsWith(CLI_FAILURE)) {
                assertThat(exit).as("exit status of " + example.command() + ": " + answer).isNotZero();
            } else {
                assertThat(exit).as("exit status of " + example.command() + ": " + answer).isZero();
            }
            assertThat(answer).as(example.command()).matches(wildcards(expected));
        }
    }

    /** The text without its line breaks and the indentation after them, as the page shows the CLI's JSON. */
    static String collapsed(String text) {
        return text.replaceAll("\n[ \t]*", "").strip();
    }

    /** One command of the page and the answer written under it. */
    record Example(String command, String answer) {
    }

    static String page() throws java.io.IOException {
        return Files.readString(Path.of("..", "docs", "api.md"), StandardCharsets.UTF_8);
    }

    /** The curl examples the first test runs: those of the blocks made only of curl commands that print no status. */
    static List<Example> examples(String page) {
        List<Example> examples = new ArrayList<>();
        for (List<Example> block : blocks(page)) {
            if (block.stream().allMatch(e -> e.command().startsWith("curl ") && !e.command().contains(" -w "))) {
                examples.addAll(block);
            }
        }
        return examples;
    }

    /** Every {@code ```sh} block of the page as its commands and answers. */
    static List<List<Example>> blocks(String page) {
        return fenced(page, "sh").stream().map(ApiDocExamplesIT::block).toList();
    }

    /** The text of every fenced block of the page in {@code language}, in order. */
    static List<String> fenced(String page, String language) {
        String open = "```" + language + "\n";
        List<String> blocks = new ArrayList<>();
        int at = 0;
        while ((at = page.indexOf(open, at)) >= 0) {
            int end = page.indexOf("```", at + open.length());
            blocks.add(page.substring(at + open.length(), end));
            at = end + 3;
        }
        return blocks;
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
