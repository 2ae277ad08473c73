package io.tidemark.loadtest.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.loadtest.LoadTestMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A short bad-input drill against the real server jar: the good writer's records all survive the flood. */
class BadInputDrillIT {

    private static final Path SERVER_JAR = Path.of("..", "http", "target", "tidemark-server.jar");

    @Test
    void theGoodWritersRecordsAreAllThereAndTheNodeKeptAnswering(@TempDir Path workDir) {
        StringWriter out = new StringWriter();
        CommandLine cli = LoadTestMain.commandLine();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("load", "bad-input-drill", "--seconds", "5", "--slow-clients", "5",
                "--server-jar", SERVER_JAR.toString(), "--work-dir", workDir.toString());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("bad input malformed-json", "bad input invalid-sql");
        // malformed JSON and invalid SQL are refused as the caller's fault, never as the node's
        assertThat(out.toString()).doesNotContainPattern("malformed-json +answers \\{[^}]*5\\d\\d=")
                .doesNotContainPattern("invalid-sql +answers \\{[^}]*5\\d\\d=");
        Matcher last = Pattern.compile("bad-input-drill acked=(\\d+) acked_lost=0 half_written=0 good_refused=0"
                + " health_failures=0").matcher(out.toString());
        assertThat(last.find()).as(out.toString()).isTrue();
        assertThat(Long.parseLong(last.group(1))).isPositive();
    }
}
