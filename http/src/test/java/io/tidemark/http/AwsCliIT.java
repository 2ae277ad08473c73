package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI against a running node, driven by {@code src/test/sh/aws-cli-smoke.sh}. Skipped,
 * with a message saying so, only when no {@code aws} command is installed.
 */
class AwsCliIT {

    static final Path SCRIPT = Path.of("src", "test", "sh", "aws-cli-smoke.sh");

    @TempDir
    Path dataDir;

    @Test
    void theAwsCliManagesDatabasesTablesRecordsAndTags() throws Exception {
        Assumptions.assumeTrue(awsCliInstalled(),
                "skipped: the AWS CLI is not installed (apt-get install -y awscli to run this test)");
        try (ServerFixture node = ServerFixture.start(dataDir, Map.of())) {
            Path log = dataDir.resolve("aws-cli.log");
            Process script = new ProcessBuilder(List.of("bash", SCRIPT.toString(), node.uri().toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = script.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                script.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(finished).as("script finished: " + output).isTrue();
            assertThat(script.exitValue()).as(output).isZero();
            assertThat(output).contains("aws-cli-smoke: all checks passed");
        }
    }

    static boolean awsCliInstalled() {
        try {
            Process p = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
