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

/** Two kill -9 cycles of the crash drill against the real server jar, built in the http module's package phase. */
class CrashDrillIT {

    private static final Path SERVER_JAR = Path.of("..", "http", "target", "tidemark-server.jar");

    @Test
    void noAcknowledgedRecordIsLostAndNoneIsHalfWritten(@TempDir Path workDir) {
        StringWriter out = new StringWriter();
        CommandLine cli = LoadTestMain.commandLine();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("load", "crash-drill", "--cycles", "2", "--writers", "2", "--seed", "7",
                "--run-min-ms", "1500", "--run-max-ms", "2500", "--server-jar", SERVER_JAR.toString(),
                "--work-dir", workDir.toString());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("cycle 1/2:", "cycle 2/2:");
        Matcher last = Pattern.compile("crash-drill cycles=2 writers=2 acked=(\\d+) acked_lost=0 half_written=0")
                .matcher(out.toString());
        assertThat(last.find()).as(out.toString()).isTrue();
        assertThat(Long.parseLong(last.group(1))).as("records were acknowledged before the kills").isPositive();
    }
}
