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
import io.tidemark.engine.shard.FirstReadTimeout;
import io.tidemark.engine.shard.FrozenChunks;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.engine.shard.ShardGateway;
import io.tidemark.engine.shard.ShardStats;
import io.tidemark.engine.shard.ShardWriteResult;
import io.tidemark.engine.tier.MagneticTier;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.magnetic.CompactionPolicy;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * Shard 0 fails its first {@code failures} scans with {@code failure}, or never answers them when
     * {@code failure} is null; shard 1 holds nothing.
     */
    private static final class FailingShards implements ShardGateway {
        final AtomicInteger shardZeroScans = new AtomicInteger();
        private final int failures;
        private final EngineException failure;

        FailingShards(int failures, EngineException failure) {
            this.failures = failures;
            this.failure = failure;
        }

        @Override
        public CompletionStage<List<SeriesChunks>> scan(String tableId, int shard, long fromNanos, long toNanos) {
            if (shard != 0) {
                return CompletableFuture.completedFuture(List.of());
            }
            if (shardZeroScans.incrementAndGet() <= failures) {
                return failure == null ? new CompletableFuture<>() : CompletableFuture.failedFuture(failure);
            }
            OpenChunk open = new OpenChunk(List.of(new ColumnSpec(MeasureType.DOUBLE.valueColumnName(),
                    MeasureType.DOUBLE)));
            open.setDouble(0, open.append(T, 1), 4.5);
            return CompletableFuture.completedFuture(List.of(new SeriesChunks(KEY, List.of(open.seal()))));
        }

        @Override
        public CompletionStage<ShardWriteResult> write(WriteBatch batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<FrozenChunks> freezeForMigration(String tableId, int shard, long cutoffNanos) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Void> commitMigration(String tableId, int shard, long migrationId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<ShardStats> stats(String tableId, int shard) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Void> drop(String tableId, int shard) {
            throw new UnsupportedOperationException();
        }
    }

    private List<ScannedSeries> scan(ShardGateway shards) throws Exception {
        TableScanner scanner = new TableScanner(shards, new MagneticTier(FileIo.DEFAULT, dataDir, clock,
                new EngineMeters(), CompactionPolicy.DEFAULT), clock, blocking, firstRead);
        return scanner.scan(TABLE, Long.MIN_VALUE, Long.MAX_VALUE).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aShardScanThatFailsInternalIsRetriedUntilTheShardAnswers() throws Exception {
        FailingShards shards = new FailingShards(TableScanner.SCAN_RETRIES,
                EngineException.internal("cannot scan: shard did not answer", null));

        List<ScannedSeries> scanned = scan(shards);

        assertThat(scanned).extracting(ScannedSeries::series).containsExactly(KEY);
        assertThat(shards.shardZeroScans).hasValue(TableScanner.SCAN_RETRIES + 1);
    }

    @Test
    void aFirstScanThatIsNeverAnsweredIsResentAfterTheFirstReadTimeout() throws Exception {
        // nothing else times out: the gateway never fails the dropped scan, and get() waits 30 s
        firstRead = new FirstReadTimeout(Duration.ofMillis(100));
        FailingShards shards = new FailingShards(1, null);

        List<ScannedSeries> scanned = scan(shards);

        assertThat(scanned).extracting(ScannedSeries::series).containsExactly(KEY);
        assertThat(shards.shardZeroScans).hasValue(2);
    }

    @Test
    void retriesAreBoundedAndTheLastErrorIsKept() {
        EngineException down = EngineException.internal("cannot scan: shard did not answer", null);
        FailingShards shards = new FailingShards(Integer.MAX_VALUE, down);

        assertThatThrownBy(() -> scan(shards)).isInstanceOf(ExecutionException.class).cause().isSameAs(down);
        assertThat(shards.shardZeroScans).hasValue(TableScanner.SCAN_RETRIES + 1);
    }

    @Test
    void theUsersErrorsAreNotRetried() {
        FailingShards shards = new FailingShards(1, EngineException.notFound("cannot scan: table is gone"));

        assertThatThrownBy(() -> scan(shards)).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
        assertThat(shards.shardZeroScans).hasValue(1);
    }
}
