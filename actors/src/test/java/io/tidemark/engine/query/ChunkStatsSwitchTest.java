package io.tidemark.engine.query;

import static io.tidemark.engine.query.QueryTestEngine.await;
import static io.tidemark.engine.query.QueryTestEngine.createTable;
import static io.tidemark.engine.query.QueryTestEngine.single;
import static io.tidemark.engine.query.QueryTestEngine.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.Engine;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.write.RecordInput;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tidemark.engine.query.chunk-stats = off} decodes every chunk, as the query with an expression argument does. */
class ChunkStatsSwitchTest {

    @TempDir
    Path dataDir;

    @Test
    void offDecodesEveryChunk() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
        try (Engine engine = QueryTestEngine.start(dataDir, clock, Map.of("tidemark.engine.query.chunk-stats", "off"))) {
            createTable(engine, "cpu", new RetentionProperties(12, 10), false);
            List<RecordInput> records = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                records.add(single("cpu", "DOUBLE", Integer.toString(i), clock.millis() - (i + 1) * 60_000L, "host", "h" + i % 3));
            }
            write(engine, "cpu", records);
            String tail = " FROM metrics_db.cpu GROUP BY host ORDER BY host";
            QueryService.QueryResult plain = await(engine.query("SELECT host, sum(measure_value::double)" + tail));
            QueryService.QueryResult decoded = await(engine.query("SELECT host, sum(measure_value::double + 0)" + tail));
            assertThat(plain.status().cumulativeBytesScanned()).isPositive().isEqualTo(decoded.status().cumulativeBytesScanned());
            assertThat(plain.rows().column(1).get(0)).isEqualTo(decoded.rows().column(1).get(0));
        }
    }
}
