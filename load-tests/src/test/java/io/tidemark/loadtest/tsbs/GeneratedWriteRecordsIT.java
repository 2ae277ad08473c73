package io.tidemark.loadtest.tsbs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.loadtest.bench.BenchmarkServer;
import io.tidemark.loadtest.drill.WireClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated WriteRecords bodies of every use case, sent to a real serving node: all accepted, all readable. */
class GeneratedWriteRecordsIT {

    @Test
    void everyUseCaseIsAcceptedWholeByTheServer(@TempDir Path dataDir) throws Exception {
        try (BenchmarkServer server = BenchmarkServer.start(dataDir, 100)) {
            WireClient client = new WireClient(server.endpoint(), Duration.ofSeconds(60));
            client.ensureDatabase("tsbs");
            // the last hour, so that every record falls inside the memory store's acceptance window
            String start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).toString();
            for (String useCase : List.of("cpu-only", "devops", "iot")) {
                String table = useCase.replace('-', '_');
                client.ensureTable("tsbs", table, 2);
                String bodies = GeneratedRows.generate("--use-case", useCase, "--format", "writerecords", "--scale",
                        "3", "--start", start, "--hours", "1", "--interval", "1m", "--seed", "4");
                Map<String, Long> sent = new HashMap<>();
                for (String body : bodies.lines().toList()) {
                    WireClient.Response r = client.call("WriteRecords", body);
                    assertThat(r.status()).as("%s: %s", useCase, r.body()).isEqualTo(200);
                    for (String measure : List.of("cpu", "diskio", "disk", "kernel", "mem", "net", "nginx",
                            "postgresl", "redis", "readings", "diagnostics")) {
                        sent.merge(measure, (long) count(body, "\"MeasureName\":\"" + measure + "\""), Long::sum);
                    }
                }
                sent.values().removeIf(n -> n == 0);
                Map<String, Long> stored = new HashMap<>();
                for (List<String> row : client.query("SELECT measure_name, count(*) FROM \"tsbs\".\"" + table
                        + "\" GROUP BY measure_name")) {
                    stored.put(row.get(0), Long.parseLong(row.get(1)));
                }
                assertThat(stored).as(useCase).isEqualTo(sent);
            }
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
