package io.tidemark.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the real {@code ./tidemark} launcher for the jobs it answers without building. */
class LauncherScriptTest {

    /** Surefire runs in the module directory; the launcher sits at the repository root. */
    private static final Path LAUNCHER = Path.of("..", "tidemark").toAbsolutePath().normalize();

    @Test
    void helpListsEveryJob() throws Exception {
        Run run = launch("--help");
        assertThat(run.exitCode).isZero();
        assertThat(run.output).contains("bench compression", "bench jmh", "generate", "serve", "load generate",
                "load crash-drill", "load bad-input-drill", "load compare", "load ingest", "load queries", "load subscribe",
                "load sweep");
    }


    private static Run launch(String... args) throws IOException, InterruptedException {
        assertThat(Files.isExecutable(LAUNCHER)).as("launcher %s is executable", LAUNCHER).isTrue();
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(process.exitValue(), output);
    }

    private record Run(int exitCode, String output) {
    }
}
