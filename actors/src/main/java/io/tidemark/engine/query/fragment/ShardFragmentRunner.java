package io.tidemark.engine.query.fragment;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.catalog.CatalogService;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableStatus;
import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.fragment.remote.BatchWire;
import io.tidemark.engine.query.fragment.remote.FragmentRebuilder;
import io.tidemark.engine.query.fragment.remote.NodeFragmentHost;
import io.tidemark.engine.query.fragment.remote.ShippedFragment;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.shard.FirstReadTimeout;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.engine.shard.ShardGateway;
import io.tidemark.engine.tier.MagneticTier;
import io.tidemark.engine.tier.RetentionBounds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a fragment on every shard of a table at once, where each shard lives: every shard task
 * sends the shard a {@link ShippedFragment} ({@link ShardGateway#runFragment}); the shard's node
 * runs {@link ShardFragmentScan} over the shard's memory-store chunks and its magnetic chunks on its
 * blocking executor and answers with the fragment's output (filtered rows or partial aggregation
 * states) and the bytes it scanned, so chunks never cross nodes. A shard on this node runs the
 * fragment's own pipeline and query context (nothing is serialized); a shard on another node
 * rebuilds the pipeline from the statement's SQL text ({@link FragmentRebuilder}). A shard that
 * declines the fragment (it cannot be rebuilt identically there, its output would not fit a
 * message, or the plan was not built from SQL), and every shard when the fragment's output types
 * cannot cross nodes ({@link BatchWire#carries}) or shipping is off
 * ({@code tidemark.engine.query.ship-fragments}), is read the older way: the shard sends its
 * memory-store chunks in the range ({@link ShardGateway#scan}) and this node runs
 * {@link ShardFragmentScan} over them. Bytes scanned count once a shard's answer is accepted.
 *
 * <p>Supervision: a shard task that fails with anything but the user's error (an
 * {@link EngineException} other than INTERNAL or THROTTLING, a {@link QueryFunctionException},
 * or the query being cancelled or out of time) is run again once, after {@link #RETRY_BACKOFF}
 * (a shard whose node died is restarted on a surviving node meanwhile, and the retry runs where
 * it now lives), with a fresh sink; a second failure fails the query with an INTERNAL error
 * naming the table, the shard and the cause. A task running longer than the fragment timeout
 * counts as failed and is told to stop, and so does a first attempt whose shard has not answered
 * within the {@link FirstReadTimeout} (a message dropped in a shard hand-off is resent in
 * seconds; the retry waits the whole ask timeout).
 */
public final class ShardFragmentRunner implements FragmentRunner {

    /**
     * The wait before a shard task runs again: when its shard's node died, the entity is started on
     * a surviving node only once the node is downed, and a retry at once would find it still gone.
     */
    static final Duration RETRY_BACKOFF = Duration.ofMillis(250);

    /** How the shard tasks of this node ran, for metrics and tests. */
    public record Counts(long shipped, long scanned) {
    }

    private final CatalogService catalog;
    private final ShardGateway shards;
    private final ShardFragmentScan scans;
    private final Clock clock;
    private final Executor blocking;
    private final Duration fragmentTimeout;
    private final FirstReadTimeout firstRead;
    private final boolean ship;
    private final LongAdder shipped = new LongAdder();
    private final LongAdder scanned = new LongAdder();

    /** A runner that ships fragments to the shards. */
    public ShardFragmentRunner(CatalogService catalog, ShardGateway shards, MagneticTier magnetic, Clock clock,
            Executor blocking, Duration fragmentTimeout, boolean chunkStats, FirstReadTimeout firstRead) {
        this(catalog, shards, magnetic, clock, blocking, fragmentTimeout, chunkStats, firstRead, true);
    }

    /**
     * @param blocking where shard tasks read segments and decode chunks
     * @param fragmentTimeout how long one attempt of a shard task may run
     * @param chunkStats whether aggregations may be answered from chunk stats
     * @param firstRead how long the first attempt waits for the shard
     * @param ship whether fragments run on the shards' nodes (else this node reads their chunks)
     */
    public ShardFragmentRunner(CatalogService catalog, ShardGateway shards, MagneticTier magnetic, Clock clock,
            Executor blocking, Duration fragmentTimeout, boolean chunkStats, FirstReadTimeout firstRead, boolean ship) {
        this.catalog = catalog;
        this.shards = shards;
        this.scans = new ShardFragmentScan(magnetic, chunkStats);
        this.clock = clock;
        this.blocking = blocking;
        this.fragmentTimeout = fragmentTimeout;
        this.firstRead = firstRead;
        this.ship = ship;
    }

    /**
     * The host that runs the fragments sent to this node's shards, reading with this runner's
     * magnetic store and executor.
     *
     * @param memoryLimitBytes what a fragment from another node may hold at once
     * @param maxAnswerBytes the largest output sent back to another node
     */
    public NodeFragmentHost host(FragmentRebuilder rebuilder, long memoryLimitBytes, long maxAnswerBytes) {
        return new NodeFragmentHost(scans, rebuilder, blocking, memoryLimitBytes, maxAnswerBytes);
    }

    /** Shard tasks answered by the shard's node running the fragment, and by this node reading the shard's chunks. */
    public Counts counts() {
        return new Counts(shipped.sum(), scanned.sum());
    }

    /**
     * {@inheritDoc} One batch per shard, in shard order. Fails with NOT_FOUND when the table does
     * not exist or is being deleted. The fragment can run on other nodes only through a runner
     * bound to the statement's text ({@link #forStatement}).
     */
    @Override
    public CompletionStage<List<Batch>> run(ScanRequest request, FragmentPipeline pipeline, QueryContext context) {
        return run(request, pipeline, context, null);
    }

    /** This runner, shipping fragments with the statement's text so other nodes can rebuild them. */
    @Override
    public FragmentRunner forStatement(String sql) {
        return new FragmentRunner() {
            @Override
            public CompletionStage<List<Batch>> run(ScanRequest request, FragmentPipeline pipeline,
                    QueryContext context) {
                return ShardFragmentRunner.this.run(request, pipeline, context, sql);
            }

            @Override
            public PlacedFragment placed(ScanRequest request, FragmentPipeline pipeline, QueryContext context) {
                return ShardFragmentRunner.this.placed(request, pipeline, context, sql);
            }
        };
    }

    /** {@inheritDoc} One place per shard, each supervised as {@link #run} supervises it. */
    @Override
    public PlacedFragment placed(ScanRequest request, FragmentPipeline pipeline, QueryContext context) {
        return placed(request, pipeline, context, null);
    }

    private CompletionStage<List<Batch>> run(ScanRequest request, FragmentPipeline pipeline, QueryContext context,
            String sql) {
        PlacedFragment placed;
        try {
            placed = placed(request, pipeline, context, sql);
        } catch (EngineException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<CompletableFuture<Batch>> answers = new ArrayList<>(placed.places());
        for (int shard = 0; shard < placed.places(); shard++) {
            answers.add(placed.run(shard).toCompletableFuture());
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Batch> out = new ArrayList<>(answers.size());
            answers.forEach(answer -> out.add(answer.join()));
            return out;
        });
    }

    /** The shards of the table as places; fails with NOT_FOUND when the table does not exist or is being deleted. */
    private PlacedFragment placed(ScanRequest request, FragmentPipeline pipeline, QueryContext context, String sql) {
        TableDescription table = catalog.table(request.database(), request.table())
                .filter(t -> t.status() == TableStatus.ACTIVE)
                .orElseThrow(() -> EngineException.notFound("cannot scan table: it does not exist,"
                        + " database=" + request.database() + ", table=" + request.table()));
        long from = Math.max(request.fromNanos(), RetentionBounds.expiryNanos(clock, table.retention()));
        ShardScan scan = new ShardScan(table, request, from, pipeline, context, sql);
        context.recordTableScan(QueryContext.TableScanned.of(table, from, request.toNanos()));
        return new PlacedFragment() {
            @Override
            public int places() {
                return table.shardCount();
            }

            @Override
            public CompletionStage<Batch> run(int place) {
                return supervised(scan, place);
            }
        };
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
        CompletableFuture<ShardFragmentScan.Output> answer;
        if (scan.from > scan.request.toNanos()) {
            // nothing to read (e.g. the whole range is past retention): the sink still answers
            answer = CompletableFuture.supplyAsync(() -> new ShardFragmentScan.Output(
                    scan.pipeline.open(scan.context).finish(), 0), blocking);
        } else if (scan.shippable) {
            answer = bounded(shards.runFragment(scan.table.tableId(), shard, scan.fragment(abandoned), scan.from,
                    scan.request.toNanos()), "run query fragment on shard", scan, shard, first)
                    .thenCompose(reply -> reply instanceof ShardFragmentScan.Output output
                            ? counted(shipped, output) : scanned(scan, shard, first, abandoned));
        } else {
            answer = scanned(scan, shard, first, abandoned);
        }
        return answer.orTimeout(fragmentTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((output, failure) -> abandoned.set(failure != null))
                .thenApply(output -> {
                    scan.context.addBytesScanned(output.bytesScanned());
                    return output.batch();
                });
    }

    /** Reads the shard's memory-store chunks and runs the fragment over them here. */
    private CompletableFuture<ShardFragmentScan.Output> scanned(ShardScan scan, int shard, boolean first,
            AtomicBoolean abandoned) {
        CompletionStage<List<SeriesChunks>> read = shards.scan(scan.table.tableId(), shard, scan.from,
                scan.request.toNanos());
        return bounded(read, "scan shard", scan, shard, first)
                .thenApplyAsync(memory -> scans.run(scan.scope(shard), scan.pipeline, scan.context, memory,
                        abandoned::get), blocking)
                .thenCompose(output -> counted(scanned, output));
    }

    private <T> CompletableFuture<T> bounded(CompletionStage<T> read, String what, ShardScan scan, int shard,
            boolean first) {
        return first ? firstRead.bound(read, what, scan.table.tableId(), shard) : read.toCompletableFuture();
    }

    private static CompletableFuture<ShardFragmentScan.Output> counted(LongAdder counter,
            ShardFragmentScan.Output output) {
        counter.increment();
        return CompletableFuture.completedFuture(output);
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
        /** The statement's text, or null when the plan was not built from SQL. */
        final String sql;
        final boolean shippable;
        /** Computed once, and only when a fragment crosses nodes. */
        private volatile String fingerprint;

        ShardScan(TableDescription table, ScanRequest request, long from, FragmentPipeline pipeline,
                QueryContext context, String sql) {
            this.table = table;
            this.request = request;
            this.from = from;
            this.pipeline = pipeline;
            this.context = context;
            this.sql = sql;
            this.shippable = ship && pipeline.outputTypes().stream().allMatch(BatchWire::carries);
        }

        ShardFragmentScan.Scope scope(int shard) {
            return new ShardFragmentScan.Scope(table.tableId(), table.shardCount(), shard, request.columns(),
                    request.values(), from, request.toNanos());
        }

        ShippedFragment fragment(AtomicBoolean abandoned) {
            return new ShippedFragment(context.queryId(), sql, context.eval().queryStartNanos(),
                    fragmentTimeout.toMillis(), table.tableId(), table.shardCount(), request, from, this::fingerprint,
                    new ShippedFragment.Local(pipeline, context, abandoned));
        }

        private String fingerprint() {
            String known = fingerprint;
            if (known == null) {
                known = pipeline.fingerprint();
                fingerprint = known;
            }
            return known;
        }
    }
}
