package io.tidemark.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tidemark.loadtest.LoadTestMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadSweepCommandTest {

    @TempDir
    Path dir;

    @Test
    void eachHostCountIsIngestedWholeAndMeasured() throws Exception {
        StringWriter text = new StringWriter();
        int status = LoadTestMain.commandLine().setOut(new PrintWriter(text)).setErr(new PrintWriter(text)).execute(
                "load", "sweep", "--systems", "tidemark-in-process", "--hosts", "2,20", "--rows-per-step", "100",
                "--min-steps", "3", "--interval", "1m", "--batch", "30", "--work-dir", dir.resolve("work").toString(),
                "--out", dir.resolve("sweep").toString());

        assertThat(status).as(text.toString()).isZero();
        DriverReport report = DriverReport.parse(Files.readString(dir.resolve("sweep.json"), StandardCharsets.UTF_8));
        assertThat(report.rows()).hasSize(2);
        List<String> columns = report.columns();
        // 2 hosts: 50 steps; 20 hosts: 5 steps; ten points per row
        assertThat(report.rows()).extracting(r -> r.get(columns.indexOf("hosts")), r -> r.get(columns.indexOf("series")),
                r -> r.get(columns.indexOf("steps")), r -> r.get(columns.indexOf("points")))
                .containsExactly(tuple(2, 20, 50, 1000),
                        tuple(20, 200, 5, 1000));
        for (List<Object> row : report.rows()) {
            assertThat(row.get(0)).isEqualTo("tidemark-in-process");
            assertThat(((Number) row.get(columns.indexOf("points_per_s"))).doubleValue()).isPositive();
            assertThat(((Number) row.get(columns.indexOf("disk_bytes"))).longValue()).isPositive();
            assertThat(((Number) row.get(columns.indexOf("bytes_per_point"))).doubleValue()).isPositive();
            assertThat(((Number) row.get(columns.indexOf("memory_bytes_per_series"))).doubleValue())
                    .isGreaterThanOrEqualTo(0);
        }
        assertThat(Files.readString(dir.resolve("sweep.md"), StandardCharsets.UTF_8))
                .contains("| system | hosts | series |").contains("| tidemark-in-process | 20 | 200 | 5 | 1000 |");
    }

    @Test
    void anUnknownSystemIsRefusedWithTheChoices() {
        StringWriter err = new StringWriter();
        int status = LoadTestMain.commandLine().setErr(new PrintWriter(err)).execute("load", "sweep", "--systems",
                "mongodb", "--hosts", "1", "--work-dir", dir.toString());

        assertThat(status).isNotZero();
        assertThat(err.toString()).contains("tidemark|tidemark-in-process|vm|influx|questdb");
    }
}
