package io.tidemark.engine.query.fragment;

import com.typesafe.config.Config;
import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.scan.SeriesMerge;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.engine.shard.fragment.FragmentAnswer;
import io.tidemark.engine.tier.MagneticTier;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.SeriesKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One fragment's run over one shard's series, the same wherever it runs (on the node that owns the
 * shard, or on the querying node over chunks the shard sent it): reads the magnetic chunks of the
 * series the shard owns ({@code key.shard(shardCount)}), skips the series the scan's values rule
 * out before reading or decoding them, merges each series' chunks of both tiers with
 * {@link SeriesMerge} (upserts resolved), and feeds a fresh {@link FragmentSink} the decoded
 * batches ({@link ScanBatchDecoder}); when the pipeline offers {@link FragmentPipeline#chunkStats}
 * (and chunk stats are enabled), each merged chunk is first offered to it, and only the chunks it
 * declines are decoded; its rows follow the sink's. The query's {@link QueryContext#checkRunning()}
 * is honoured between series, and the run's own stop flag (its attempt was cancelled or given up)
 * before every chunk: a stopped run throws {@link CancellationException} and drops its sink with
 * what it held. Runs on the calling thread.
 */
public final class ShardFragmentScan {

    /**
     * What one shard's run reads.
     *
     * @param fromNanos the first time read: the query's, or the table's retention bound if later
     * @param values the measure_name and dimension values the scan prunes series by ({@link ScanRequest#values()})
     */
    public record Scope(String tableId, int shardCount, int shard, List<ScanColumn> columns,
            Map<String, Set<String>> values, long fromNanos, long toNanos) {

        public Scope {
            Objects.requireNonNull(tableId, "table id");
            columns = List.copyOf(columns);
            values = Map.copyOf(values);
        }
    }

    /**
     * A shard run's output and the bytes it read, counted once the run is accepted; also what a
     * shard that ran the fragment answers ({@link io.tidemark.engine.query.fragment.remote.FragmentWire}).
     */
    public record Output(Batch batch, long bytesScanned) implements FragmentAnswer {
    }

    /**
     * Called before every chunk a run reads, with the run's stop flag: how a test makes a run slow
     * (e.g. holds it until it is stopped) without slowing the product code. Named by
     * {@code tidemark.engine.query.fragment-chunk-hook} (a class with a public no-argument
     * constructor; empty: none).
     */
    public interface ChunkHook {

        ChunkHook NONE = (queryId, scope, stopped) -> { };

        void beforeChunk(String queryId, Scope scope, BooleanSupplier stopped);

        /** The hook {@code tidemark.engine.query.fragment-chunk-hook} names, or {@link #NONE}. */
        static ChunkHook fromConfig(Config config) {
            String name = config.getString("tidemark.engine.query.fragment-chunk-hook");
            if (name.isEmpty()) {
                return NONE;
            }
            try {
                return Class.forName(name).asSubclass(ChunkHook.class).getConstructor().newInstance();
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalArgumentException("cannot use fragment chunk hook: it must be a ChunkHook with a"
                        + " public no-argument constructor, class=" + name, e);
            }
        }
    }

    private final MagneticTier magnetic;
    private final boolean chunkStats;
    private final ChunkHook hook;

    /** @param chunkStats whether aggregations may be answered from chunk stats */
    public ShardFragmentScan(MagneticTier magnetic, boolean chunkStats) {
        this(magnetic, chunkStats, ChunkHook.NONE);
    }

    /** @param hook called before every chunk ({@link ChunkHook}) */
    public ShardFragmentScan(MagneticTier magnetic, boolean chunkStats, ChunkHook hook) {
        this.magnetic = magnetic;
        this.chunkStats = chunkStats;
        this.hook = hook;
    }

    /**
     * Runs {@code pipeline} over the shard's {@code memory} chunks and its magnetic chunks.
     *
     * @param stopped true once this run is not wanted any more (its attempt was cancelled, failed or
     *     timed out where it was asked for); the run stops before its next chunk
     */
    public Output run(Scope scope, FragmentPipeline pipeline, QueryContext context, List<SeriesChunks> memory,
            BooleanSupplier stopped) {
        context.checkRunning();
        int shardCount = scope.shardCount();
        int shard = scope.shard();
        Predicate<SeriesKey> wanted = SeriesFilter.of(scope.values());
        List<SeriesChunks> history = magnetic.scan(scope.tableId(), scope.fromNanos(), scope.toNanos(),
                key -> key.shard(shardCount) == shard && wanted.test(key));
        Map<SeriesKey, List<SealedChunk>> bySeries = SeriesMerge.bySeries(history, List.of(memory), wanted);
        FragmentSink sink = pipeline.open(context);
        ScanFilter filter = sink.scanFilter().orElse(null);
        ScanBatchDecoder decoder = new ScanBatchDecoder(scope.columns(), scope.fromNanos(), scope.toNanos(), filter);
        Consumer<Batch> scanned = filter == null ? sink::accept : sink::acceptFiltered;
        ChunkStatsAggregation stats = chunkStats ? pipeline.chunkStats(context).orElse(null) : null;
        long bytes = 0;
        for (Map.Entry<SeriesKey, List<SealedChunk>> series : bySeries.entrySet()) {
            context.checkRunning();
            for (SealedChunk chunk : SeriesMerge.disjoint(series.getValue())) {
                hook.beforeChunk(context.queryId(), scope, stopped);
                if (stopped.getAsBoolean()) {
                    throw new CancellationException("fragment attempt stopped: query " + context.queryId()
                            + ", table=" + scope.tableId() + ", shard=" + scope.shard());
                }
                if (stats == null || !stats.add(series.getKey(), chunk, scope.fromNanos(), scope.toNanos())) {
                    bytes += decoder.decode(series.getKey(), chunk, scanned);
                }
            }
        }
        Batch out = sink.finish();
        if (stats != null) {
            out = Batch.concat(List.of(out, stats.finish()), pipeline.outputTypes());
            bytes += stats.bytesScanned();
        }
        return new Output(out, bytes);
    }
}
