package io.tidemark.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoadTestMainTest {

    @Test
    void helpListsTheJobs() {
        StringWriter out = new StringWriter();
        CommandLine cli = LoadTestMain.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("bench", "generate");

        StringWriter benchOut = new StringWriter();
        CommandLine bench = LoadTestMain.commandLine();
        bench.setOut(new PrintWriter(benchOut));
        assertThat(bench.execute("bench", "--help")).isZero();
        assertThat(benchOut.toString()).contains("compression", "jmh");

        StringWriter loadOut = new StringWriter();
        CommandLine load = LoadTestMain.commandLine();
        load.setOut(new PrintWriter(loadOut));
        assertThat(load.execute("load", "--help")).isZero();
        assertThat(loadOut.toString()).contains("generate", "crash-drill", "bad-input-drill", "compare");
    }

    @Test
    void crashDrillRejectsImpossibleOptionsWithAClearMessage(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = LoadTestMain.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("load", "crash-drill", "--cycles", "0")).isNotZero();
        assertThat(err.toString()).contains("cannot run the crash drill: cycles=0");
        StringWriter err2 = new StringWriter();
        CommandLine missingJar = LoadTestMain.commandLine();
        missingJar.setErr(new PrintWriter(err2));
        assertThat(missingJar.execute("load", "crash-drill", "--cycles", "1", "--server-jar", "no/such.jar",
                "--work-dir", dir.toString())).isNotZero();
        assertThat(err2.toString()).contains("cannot start a node: serverJar=");
    }

    @Test
    void rejectsUnknownValueModeWithAClearMessage() {
        StringWriter err = new StringWriter();
        CommandLine cli = LoadTestMain.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("bench", "compression", "--values", "float3")).isNotZero();
        assertThat(err.toString()).contains("cannot parse value mode: value=float3, expected=int|float2");
    }

    @Test
    void generateWritesLineProtocolFilesOfWholeTimestamps(@TempDir Path dir) throws Exception {
        CommandLine cli = LoadTestMain.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("generate", "--scale", "4", "--hours", "1", "--rows-per-file", "1000",
                "--out", dir.toString())).isZero();

        // 360 rows per host x 4 hosts = 1440 lines; 250 timestamps (1000 lines) per file
        assertThat(Files.readAllLines(dir.resolve("cpu-00000.lp"))).hasSize(1000);
        assertThat(Files.readAllLines(dir.resolve("cpu-00001.lp"))).hasSize(440)
                .allMatch(l -> l.startsWith("cpu,hostname=host_"));
        assertThat(dir.resolve("cpu-00002.lp")).doesNotExist();
    }
}
