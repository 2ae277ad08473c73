package io.tidemark.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.loadtest.LoadTestMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadSubscribeCommandTest {

    @TempDir
    Path dir;

    @Test
    void everySubscriberSeesEveryWriteAndEndsWithTheQuerysAnswer() throws Exception {
        StringWriter text = new StringWriter();
        int status = LoadTestMain.commandLine().setOut(new PrintWriter(text)).setErr(new PrintWriter(text))
                .execute("load", "subscribe", "--endpoint", SharedNode.endpoint().toString(), "--subscribers", "3",
                        "--scale", "4", "--writes", "30", "--rate", "50", "--step-ms", "5000", "--out",
                        dir.resolve("subscribe.json").toString());

        assertThat(status).as(text.toString()).isZero();
        DriverReport report = DriverReport.parse(Files.readString(dir.resolve("subscribe.json"),
                StandardCharsets.UTF_8));
        assertThat(report.rows()).extracting(r -> r.get(0)).containsExactly("#0", "#1", "#2", "all");
        int updates = report.columns().indexOf("updates");
        int p50 = report.columns().indexOf("p50_ms");
        int p99 = report.columns().indexOf("p99_ms");
        for (List<Object> row : report.rows()) {
            assertThat(((Number) row.get(updates)).longValue()).as("updates of %s", row.get(0)).isPositive();
            assertThat(((Number) row.get(p99)).doubleValue()).isGreaterThanOrEqualTo(
                    ((Number) row.get(p50)).doubleValue());
            // a latency for every write: 30 per subscriber
            assertThat(row.get(report.columns().indexOf("writes_seen"))).isEqualTo(row.get(0).equals("all") ? 90 : 30);
            assertThat(row.get(report.columns().indexOf("saw_every_write"))).isEqualTo(true);
            assertThat(row.get(report.columns().indexOf("final_equals_query"))).isEqualTo(true);
        }
        assertThat(text.toString()).contains("subscribe: 30 writes in").contains("consistent=true");
    }

    @Test
    void aSubscriberMissingWritesIsReportedInconsistent() throws Exception {
        SubscribeDriver.Result result = new SubscribeDriver.Result(List.of(new SubscribeDriver.SubscriberFigures(0, 3,
                1.5, LatencySummary.ofMicros(new Histogram(3)), false, Optional.empty(), null)),
                LatencySummary.ofMicros(new Histogram(3)), 10, 1);

        assertThat(result.consistent()).isFalse();
    }
}
