package io.tidemark.engine.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.PartitionKey;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableStatus;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.shard.FailingScans;
import io.tidemark.engine.shard.FirstReadTimeout;
import io.tidemark.engine.shard.ShardGateway;
import io.tidemark.engine.tier.MagneticTier;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.magnetic.CompactionPolicy;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.SeriesKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard scan that fails INTERNAL (its node died, the ask timed out) is tried again, a bounded
 * number of times; the user's errors are not. A first scan that gets no answer at all (dropped in a
 * shard hand-off) is resent after the first-read timeout.
 */
class TableScannerRetryTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final long T = NOW.toEpochMilli() * 1_000_000L - 60_000_000_000L;
    private static final SeriesKey KEY = SeriesKey.of(List.of(new Dimension("host", "a")), "cpu");
    private static final TableDescription TABLE = new TableDescription("db", "cpu", "0123456789abcdef", "arn",
            TableStatus.ACTIVE, RetentionProperties.DEFAULT, MagneticStoreWriteProperties.DISABLED,
            List.of(PartitionKey.DEFAULT), 2, 0, NOW, NOW);

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(NOW);
    private final ExecutorService blocking = Executors.newFixedThreadPool(2);
    private FirstReadTimeout firstRead = new FirstReadTimeout(Duration.ofMinutes(10));

    @AfterEach
    void stop() {
        blocking.shutdownNow();
    }

    private static FailingScans shards(int failures, EngineException failure) {
        return new FailingScans(KEY, T, 4.5, failures, failure);
    }

    private List<ScannedSeries> scan(ShardGateway shards) throws Exception {
        TableScanner scanner = new TableScanner(shards, new MagneticTier(FileIo.DEFAULT, dataDir, clock,
                new EngineMeters(), CompactionPolicy.DEFAULT), clock, blocking, firstRead);
        return scanner.scan(TABLE, Long.MIN_VALUE, Long.MAX_VALUE).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aShardScanThatFailsInternalIsRetriedUntilTheShardAnswers() throws Exception {
        FailingScans shards = shards(TableScanner.SCAN_RETRIES,
                EngineException.internal("cannot scan: shard did not answer", null));

        List<ScannedSeries> scanned = scan(shards);

        assertThat(scanned).extracting(ScannedSeries::series).containsExactly(KEY);
        assertThat(shards.shardZeroScans()).isEqualTo(TableScanner.SCAN_RETRIES + 1);
    }

    @Test
    void aFirstScanThatIsNeverAnsweredIsResentAfterTheFirstReadTimeout() throws Exception {
        // nothing else times out: the gateway never fails the dropped scan, and get() waits 30 s
        firstRead = new FirstReadTimeout(Duration.ofMillis(100));
        FailingScans shards = shards(1, null);

        List<ScannedSeries> scanned = scan(shards);

        assertThat(scanned).extracting(ScannedSeries::series).containsExactly(KEY);
        assertThat(shards.shardZeroScans()).isEqualTo(2);
    }

    @Test
    void retriesAreBoundedAndTheLastErrorIsKept() {
        EngineException down = EngineException.internal("cannot scan: shard did not answer", null);
        FailingScans shards = shards(Integer.MAX_VALUE, down);

        assertThatThrownBy(() -> scan(shards)).isInstanceOf(ExecutionException.class).cause().isSameAs(down);
        assertThat(shards.shardZeroScans()).isEqualTo(TableScanner.SCAN_RETRIES + 1);
    }

    @Test
    void theUsersErrorsAreNotRetried() {
        FailingScans shards = shards(1, EngineException.notFound("cannot scan: table is gone"));

        assertThatThrownBy(() -> scan(shards)).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
        assertThat(shards.shardZeroScans()).isEqualTo(1);
    }
}
