package io.tidemark.engine.query.fragment;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.catalog.CatalogService;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableStatus;
import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.scan.SeriesMerge;
import io.tidemark.engine.shard.FirstReadTimeout;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.engine.shard.ShardGateway;
import io.tidemark.engine.tier.MagneticTier;
import io.tidemark.engine.tier.RetentionBounds;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.SeriesKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs a fragment on every shard of a table at once, each on the blocking executor (never on an
 * actor thread). A shard's task asks the shard for its memory-store chunks in the range, reads
 * the magnetic chunks of the series the shard owns ({@code key.shard(shardCount)}), skips the
 * series {@link ScanRequest#values()} rules out before reading or decoding them, merges each
 * series' chunks with {@link SeriesMerge} (upserts resolved), leaves out points past the table's
 * retention, and feeds the shard's own {@link FragmentSink} the decoded batches
 * ({@link ScanBatchDecoder}); the sink's output is the shard's answer. When the pipeline offers
 * {@link FragmentPipeline#chunkStats} (and chunk stats are enabled), each merged chunk is first
 * offered to it, and only the chunks it declines are decoded; its rows follow the sink's. The query's
 * {@link QueryContext#checkRunning()} is honoured between series.
 *
 * <p>Supervision: a shard task that fails with anything but the user's error (an
 * {@link EngineException} other than INTERNAL or THROTTLING, a {@link QueryFunctionException},
 * or the query being cancelled or out of time) is run again once, after {@link #RETRY_BACKOFF}
 * (a shard whose node died is restarted on a surviving node meanwhile), with a fresh sink; a second
 * failure fails the query with an INTERNAL error naming the table, the shard and the cause. A
 * task running longer than the fragment timeout counts as failed and is told to stop, and so does a
 * first attempt whose shard has not answered its scan within the {@link FirstReadTimeout} (a scan
 * dropped in a shard hand-off is resent in seconds; the retry's scan waits the whole ask timeout).
 */
public final class ShardFragmentRunner implements FragmentRunner {

    /**
     * The wait before a shard task runs again: when its shard's node died, the entity is started on
     * a surviving node only once the node is downed, and a retry at once would find it still gone.
     */
    static final Duration RETRY_BACKOFF = Duration.ofMillis(250);

    private final CatalogService catalog;
    private final ShardGateway shards;
    private final MagneticTier magnetic;
    private final Clock clock;
    private final Executor blocking;
    private final Duration fragmentTimeout;
    private final boolean chunkStats;
    private final FirstReadTimeout firstRead;

    /**
     * @param blocking where shard tasks read segments and decode chunks
     * @param fragmentTimeout how long one attempt of a shard task may run
     * @param chunkStats whether aggregations may be answered from chunk stats
     * @param firstRead how long the first attempt's shard scan waits for the shard
     */
    public ShardFragmentRunner(CatalogService catalog, ShardGateway shards, MagneticTier magnetic, Clock clock,
            Executor blocking, Duration fragmentTimeout, boolean chunkStats, FirstReadTimeout firstRead) {
        this.catalog = catalog;
        this.shards = shards;
        this.magnetic = magnetic;
        this.clock = clock;
        this.blocking = blocking;
        this.fragmentTimeout = fragmentTimeout;
        this.chunkStats = chunkStats;
        this.firstRead = firstRead;
    }

    /**
     * {@inheritDoc} One batch per shard, in shard order. Fails with NOT_FOUND when the table does
     * not exist or is being deleted.
     */
    @Override
    public CompletionStage<List<Batch>> run(ScanRequest request, FragmentPipeline pipeline, QueryContext context) {
        TableDescription table = catalog.table(request.database(), request.table())
                .filter(t -> t.status() == TableStatus.ACTIVE).orElse(null);
        if (table == null) {
            return CompletableFuture.failedFuture(EngineException.notFound("cannot scan table: it does not exist,"
                    + " database=" + request.database() + ", table=" + request.table()));
        }
        long from = Math.max(request.fromNanos(), RetentionBounds.expiryNanos(clock, table.retention()));
        ShardScan scan = new ShardScan(table, request, from, pipeline, context);
        List<CompletableFuture<Batch>> answers = new ArrayList<>(table.shardCount());
        for (int shard = 0; shard < table.shardCount(); shard++) {
            answers.add(supervised(scan, shard));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Batch> out = new ArrayList<>(answers.size());
            answers.forEach(answer -> out.add(answer.join()));
            return out;
        });
    }

    /** The shard's task, run again once if it fails for a reason other than the user's. */
    private CompletableFuture<Batch> supervised(ShardScan scan, int shard) {
        return attempt(scan, shard, true).exceptionallyCompose(first -> {
            if (!retryable(first, scan.context)) {
                return CompletableFuture.failedFuture(unwrap(first));
            }
            Executor later = CompletableFuture.delayedExecutor(RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS, blocking);
            return CompletableFuture.runAsync(() -> { }, later).thenCompose(ignored -> attempt(scan, shard, false))
                    .exceptionallyCompose(second -> failedTwice(scan, shard, second));
        });
    }

    private CompletableFuture<Batch> failedTwice(ShardScan scan, int shard, Throwable second) {
        Throwable cause = unwrap(second);
        if (!retryable(second, scan.context)) {
            return CompletableFuture.failedFuture(cause);
        }
        return CompletableFuture.failedFuture(EngineException.internal("cannot run query fragment: table="
                + scan.table.databaseName() + "." + scan.table.tableName() + ", shard=" + shard
                + ", failed twice, last cause: " + describe(cause), cause));
    }

    private CompletableFuture<Batch> attempt(ShardScan scan, int shard, boolean first) {
        AtomicBoolean abandoned = new AtomicBoolean();
        CompletableFuture<Batch> answer;
        if (scan.from > scan.request.toNanos()) {
            // nothing to read (e.g. the whole range is past retention): the sink still answers
            answer = CompletableFuture.supplyAsync(() -> scan.pipeline.open(scan.context).finish(), blocking);
        } else {
            CompletionStage<List<SeriesChunks>> read = shards.scan(scan.table.tableId(), shard, scan.from,
                    scan.request.toNanos());
            answer = (first ? firstRead.bound(read, "scan shard", scan.table.tableId(), shard) : read.toCompletableFuture())
                    .thenApplyAsync(memory -> scan.run(shard, memory, abandoned), blocking);
        }
        return answer.orTimeout(fragmentTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((batch, failure) -> abandoned.set(failure != null));
    }

    /** False for the user's errors, and once the query itself is cancelled or out of time. */
    private static boolean retryable(Throwable failure, QueryContext context) {
        Throwable cause = unwrap(failure);
        if (context.isCancelled() || cause instanceof QueryFunctionException) {
            return false;
        }
        if (cause instanceof EngineException e) {
            return e.kind() == ErrorKind.INTERNAL || e.kind() == ErrorKind.THROTTLING;
        }
        return true;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private String describe(Throwable cause) {
        if (cause instanceof TimeoutException) {
            return "timed out after " + fragmentTimeout.toMillis() + " ms";
        }
        return cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    }

    /** One fragment over one table: what every shard task of the query shares. */
    private final class ShardScan {

        final TableDescription table;
        final ScanRequest request;
        final long from;
        final FragmentPipeline pipeline;
        final QueryContext context;
        final Predicate<SeriesKey> wanted;

        ShardScan(TableDescription table, ScanRequest request, long from, FragmentPipeline pipeline,
                QueryContext context) {
            this.table = table;
            this.request = request;
            this.from = from;
            this.pipeline = pipeline;
            this.context = context;
            this.wanted = SeriesFilter.of(request.values());
        }

        /** Scans one shard's series of both tiers into a fresh sink; bytes scanned count once it succeeds. */
        Batch run(int shard, List<SeriesChunks> memory, AtomicBoolean abandoned) {
            context.checkRunning();
            int shardCount = table.shardCount();
            List<SeriesChunks> history = magnetic.scan(table.tableId(), from, request.toNanos(),
                    key -> key.shard(shardCount) == shard && wanted.test(key));
            Map<SeriesKey, List<SealedChunk>> bySeries = SeriesMerge.bySeries(history, List.of(memory), wanted);
            FragmentSink sink = pipeline.open(context);
            ScanFilter filter = sink.scanFilter().orElse(null);
            ScanBatchDecoder decoder = new ScanBatchDecoder(request.columns(), from, request.toNanos(), filter);
            Consumer<Batch> scanned = filter == null ? sink::accept : sink::acceptFiltered;
            ChunkStatsAggregation stats = chunkStats ? pipeline.chunkStats(context).orElse(null) : null;
            long bytes = 0;
            for (Map.Entry<SeriesKey, List<SealedChunk>> series : bySeries.entrySet()) {
                context.checkRunning();
                if (abandoned.get()) {
                    throw new IllegalStateException("fragment attempt abandoned after its timeout");
                }
                for (SealedChunk chunk : SeriesMerge.disjoint(series.getValue())) {
                    if (stats == null || !stats.add(series.getKey(), chunk.stats(), chunk.columns(), from, request.toNanos())) {
                        bytes += decoder.decode(series.getKey(), chunk, scanned);
                    }
                }
            }
            Batch out = sink.finish();
            if (stats != null) {
                out = Batch.concat(List.of(out, stats.finish()), pipeline.outputTypes());
                bytes += stats.bytesScanned();
            }
            context.addBytesScanned(bytes);
            return out;
        }
    }
}
