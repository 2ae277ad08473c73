package io.tidemark.engine.query;

import static io.tidemark.engine.query.QueryTestEngine.DB;
import static io.tidemark.engine.query.QueryTestEngine.await;
import static io.tidemark.engine.query.QueryTestEngine.createTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.Engine;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.write.IngestBatch;
import io.tidemark.sql.analyzer.OutputColumn;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link QueryService#stream} over a real engine whose per-query memory limit is well below the
 * size of a 200,000-row table: a pipeline's result streams to its end shard by shard, holding a
 * few shards' outputs at most, while the same statement run whole fails on the limit; a blocking
 * final operator's output is handed out in slices; closing a stream early cancels its query.
 */
class ResultStreamTest {

    private static final int HOSTS = 100;
    private static final int POINTS_PER_HOST = 2000;
    private static final int SHARDS = 16;
    private static final long MEMORY_LIMIT = 8L << 20;
    private static final String SELECT_ALL = "SELECT * FROM " + DB + ".cpu";

    @TempDir
    static Path dataDir;

    private static final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
    private static Engine engine;
    private static QueryService queries;

    @BeforeAll
    static void start() {
        engine = QueryTestEngine.start(dataDir, clock, Map.of("tidemark.engine.catalog.shards-per-table", SHARDS,
                "tidemark.engine.query.memory-limit", MEMORY_LIMIT + "B"));
        createTable(engine, "cpu", RetentionProperties.DEFAULT, false);
        long startNanos = (clock.millis() - POINTS_PER_HOST * 1000L) * 1_000_000L;
        for (int first = 0; first < HOSTS; first += 10) {
            IngestBatch batch = engine.newBatch(DB, "cpu", 10 * POINTS_PER_HOST);
            int value = batch.column(MeasureType.DOUBLE.valueColumnName(), MeasureType.DOUBLE);
            for (int host = first; host < first + 10; host++) {
                int series = batch.series(SeriesKey.of(List.of(new Dimension("host", "host-" + host)), "usage"),
                        MeasureType.DOUBLE);
                for (int point = 0; point < POINTS_PER_HOST; point++) {
                    batch.addRow(series, startNanos + point * 1_000_000_000L, 1, 0);
                    batch.setDouble(value, point);
                }
            }
            assertThat(await(engine.write(batch)).ingested().total()).isEqualTo(10L * POINTS_PER_HOST);
        }
        queries = engine.queries();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aPipelineLargerThanTheMemoryLimitStreamsToTheEndShardByShard() {
        assertThatThrownBy(() -> await(queries.execute(SELECT_ALL))).isInstanceOf(EngineException.class)
                .hasMessageContaining("exceeded its memory limit");

        ResultStream stream = await(queries.stream(SELECT_ALL));
        assertThat(stream.columns()).extracting(OutputColumn::name)
                .containsExactlyInAnyOrder("host", "measure_name", "time", "measure_value::double");
        long rows = 0;
        long resultBytes = 0;
        int batches = 0;
        Set<Object> hosts = new HashSet<>();
        int hostChannel = stream.columns().stream().map(OutputColumn::name).toList().indexOf("host");
        for (Optional<Batch> batch = await(stream.next()); batch.isPresent(); batch = await(stream.next())) {
            rows += batch.get().rowCount();
            resultBytes += ResultSizes.all(batch.get());
            batches++;
            for (int r = 0; r < batch.get().rowCount(); r += POINTS_PER_HOST / 2) {
                hosts.add(batch.get().column(hostChannel).get(r));
            }
        }

        assertThat(rows).isEqualTo((long) HOSTS * POINTS_PER_HOST);
        assertThat(hosts).hasSize(HOSTS);
        assertThat(batches).as("one batch per shard").isEqualTo(SHARDS);
        // the whole result needs more than the limit (execute failed above); a few shards' outputs fit within it
        assertThat(stream.peakMemoryBytes()).as("held at most a few shards' outputs")
                .isLessThan(MEMORY_LIMIT).isLessThan(resultBytes / 4);
        assertThat(stream.status().progressPercentage()).isEqualTo(100.0);
        assertThat(stream.status().cumulativeBytesScanned()).isPositive();
        assertThat(queries.runningQueries()).isZero();
    }

    @Test
    void projectionFilterAndLimitPassTheShardsBatchesThrough() {
        ResultStream stream = await(queries.stream("SELECT host, measure_value::double * 2 AS twice FROM " + DB
                + ".cpu WHERE measure_value::double >= 1000 LIMIT 150000"));
        long rows = 0;
        double least = Double.MAX_VALUE;
        for (Optional<Batch> batch = await(stream.next()); batch.isPresent(); batch = await(stream.next())) {
            rows += batch.get().rowCount();
            for (int r = 0; r < batch.get().rowCount(); r++) {
                least = Math.min(least, (Double) batch.get().column(1).get(r));
            }
        }
        assertThat(rows).as("half of every host's points pass the filter").isEqualTo(HOSTS * POINTS_PER_HOST / 2);
        assertThat(least).isEqualTo(2000.0);
        assertThat(stream.peakMemoryBytes()).isLessThan(MEMORY_LIMIT);
    }

    @Test
    void aBlockingFinalOperatorsOutputComesInSlices() {
        ResultStream stream = await(queries.stream("SELECT host, bin(time, 1s) AS t, max(measure_value::double) AS v"
                + " FROM " + DB + ".cpu WHERE host IN ('host-1', 'host-2', 'host-3', 'host-4', 'host-5', 'host-6')"
                + " GROUP BY host, bin(time, 1s) ORDER BY host, t"));
        int batches = 0;
        long rows = 0;
        for (Optional<Batch> batch = await(stream.next()); batch.isPresent(); batch = await(stream.next())) {
            assertThat(batch.get().rowCount()).isLessThanOrEqualTo(8192);
            rows += batch.get().rowCount();
            batches++;
        }
        assertThat(rows).isEqualTo(6L * POINTS_PER_HOST);
        assertThat(batches).isEqualTo(2);
    }

    @Test
    void closingAStreamBeforeItsEndCancelsItsQuery() {
        ResultStream stream = await(queries.stream(SELECT_ALL));
        assertThat(await(stream.next())).isPresent();
        assertThat(queries.runningQueries()).isEqualTo(1);

        await(stream.close());

        assertThat(queries.runningQueries()).isZero();
        assertThat(await(stream.next())).isEmpty();
        assertThat(queries.meter().failedCount(ErrorKind.CONFLICT)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anErrorBeforeTheFirstRowFailsTheStreamItself() {
        assertThatThrownBy(() -> await(queries.stream("SELECT nope FROM " + DB + ".cpu")))
                .isInstanceOf(EngineException.class).hasMessageContaining("line 1:8");
    }
}
