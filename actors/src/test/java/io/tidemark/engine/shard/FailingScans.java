package io.tidemark.engine.shard;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.testing.UnusedShardGateway;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shards that only answer scans, for the retry tests of the read paths: shard 0 holds one DOUBLE
 * point of one series and fails its first {@code failures} scans with {@code failure}, or never
 * answers them when {@code failure} is null (a scan dropped in a shard hand-off); every other
 * shard holds nothing.
 */
public final class FailingScans extends UnusedShardGateway {

    private final AtomicInteger shardZeroScans = new AtomicInteger();
    private final SeriesKey series;
    private final long timeNanos;
    private final double value;
    private final int failures;
    private final EngineException failure;

    public FailingScans(SeriesKey series, long timeNanos, double value, int failures, EngineException failure) {
        this.series = series;
        this.timeNanos = timeNanos;
        this.value = value;
        this.failures = failures;
        this.failure = failure;
    }

    /** The scans shard 0 was sent. */
    public int shardZeroScans() {
        return shardZeroScans.get();
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
        open.setDouble(0, open.append(timeNanos, 1), value);
        return CompletableFuture.completedFuture(List.of(new SeriesChunks(series, List.of(open.seal()))));
    }
}
