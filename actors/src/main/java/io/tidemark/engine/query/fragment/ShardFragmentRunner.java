package io.tidemark.engine.query.fragment;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.catalog.CatalogService;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableStatus;
import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.fragment.remote.AnswerHolder;
import io.tidemark.engine.query.fragment.remote.BatchWire;
import io.tidemark.engine.query.fragment.remote.FragmentRebuilder;
import io.tidemark.engine.query.fragment.remote.NodeFragmentHost;
import io.tidemark.engine.query.fragment.remote.OutputAssembly;
import io.tidemark.engine.query.fragment.remote.ShippedFragment;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.shard.FirstReadTimeout;
import io.tidemark.engine.shard.ShardGateway;
import io.tidemark.engine.shard.fragment.FragmentControl;
import io.tidemark.engine.tier.MagneticTier;
import io.tidemark.engine.tier.RetentionBounds;
import io.tidemark.storage.model.SeriesKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Runs a fragment on every shard of a table at once, where each shard lives: every shard task
 * sends the shard a {@link ShippedFragment} ({@link ShardGateway#runFragment}); the shard's node
 * runs {@link ShardFragmentScan} over the shard's memory-store chunks and its magnetic chunks on its
 * blocking executor and answers with the fragment's output (filtered rows or partial aggregation
 * states) and the bytes it scanned, so chunks never cross nodes. A shard on this node runs the
 * fragment's own pipeline and query context (nothing is serialized); a shard on another node
 * rebuilds the pipeline from the statement's SQL text ({@link FragmentRebuilder}). A shard that
 * declines the fragment (it cannot be rebuilt identically there, or the plan was not built from
 * SQL), and every shard when the fragment's output types
 * cannot cross nodes ({@link BatchWire#carries}) or shipping is off
 * ({@code tidemark.engine.query.ship-fragments}), is read the older way: the shard sends its
 * memory-store chunks in the range ({@link ShardGateway#scan}) and this node runs
 * {@link ShardFragmentScan} over them. An output too large for one message comes back in parts,
 * which this node fetches in order ({@link OutputAssembly}). Bytes scanned count once a shard's
 * answer is accepted. A shard running on this node that cannot hold a series the scan wants (by
 * the measure names and dimension values it has held, {@link ShardGateway#mayHold}, and the
 * magnetic store's series dictionaries) gets no task at all: its output over no rows is made
 * here, so a query pruned to one host costs one shard task, not one per shard.
 *
 * <p>Each shard task runs supervised ({@link ShardTaskSupervisor}): a task failing for a reason
 * other than the user's is run again where the shard lives by then (after a node loss, on the
 * survivor that took the shard over), an attempt the shard does not acknowledge in time is sent
 * again, and the last failure fails the query with an INTERNAL error naming the table and the
 * shard. When one shard task fails the fragment, or the query is cancelled or out of time
 * ({@link QueryContext#whenCancelled}), every outstanding attempt of the fragment is told to stop
 * where it runs: the running node's scan stops before its next chunk.
 */
public final class ShardFragmentRunner implements FragmentRunner {

    /**
     * How the shard tasks of this node ran, for metrics and tests.
     *
     * @param shipped tasks answered by the shard's node running the fragment
     * @param scanned tasks answered by this node reading the shard's chunks
     * @param skipped tasks left out without asking the shard (nothing in it can match)
     * @param retried attempts run again after a failed one
     * @param nodeLosses attempts failed because the node running them (or, before their receipt, any node) was lost
     * @param firstReadTimeouts first attempts not acknowledged within the first-read timeout
     * @param retryReceiptTimeouts later attempts not acknowledged within the first-read timeout (sent where the
     *     shard no longer was), each sent again
     */
    public record Counts(long shipped, long scanned, long skipped, long retried, long nodeLosses, long firstReadTimeouts,
            long retryReceiptTimeouts) {
    }

    private final CatalogService catalog;
    private final ShardGateway shards;
    private final ShardFragmentScan scans;
    private final MagneticTier magnetic;
    private final Clock clock;
    private final Executor blocking;
    private final Duration fragmentTimeout;
    private final boolean ship;
    private final FragmentControl control;
    private final ShardTaskSupervisor tasks;
    private final LongAdder skipped = new LongAdder();

    /** A runner that ships fragments to the shards. */
    public ShardFragmentRunner(CatalogService catalog, ShardGateway shards, MagneticTier magnetic, Clock clock,
            Executor blocking, Duration fragmentTimeout, boolean chunkStats, FirstReadTimeout firstRead,
            FragmentControl control) {
        this(catalog, shards, magnetic, clock, blocking, fragmentTimeout, chunkStats, firstRead, true, control,
                ShardFragmentScan.ChunkHook.NONE);
    }

    /**
     * @param blocking where shard tasks read segments and decode chunks
     * @param fragmentTimeout how long one attempt of a shard task may run
     * @param chunkStats whether aggregations may be answered from chunk stats
     * @param firstRead how long every attempt of a shard task but the last waits for the shard's receipt
     * @param ship whether fragments run on the shards' nodes (else this node reads their chunks)
     * @param control the node's fragment control (attempts asked for and run here)
     * @param hook called before every chunk a fragment run of this node reads ({@link ShardFragmentScan.ChunkHook})
     */
    public ShardFragmentRunner(CatalogService catalog, ShardGateway shards, MagneticTier magnetic, Clock clock,
            Executor blocking, Duration fragmentTimeout, boolean chunkStats, FirstReadTimeout firstRead, boolean ship,
            FragmentControl control, ShardFragmentScan.ChunkHook hook) {
        this.catalog = catalog;
        this.shards = shards;
        this.scans = new ShardFragmentScan(magnetic, chunkStats, hook);
        this.magnetic = magnetic;
        this.control = control;
        this.clock = clock;
        this.blocking = blocking;
        this.fragmentTimeout = fragmentTimeout;
        this.ship = ship;
        this.tasks = new ShardTaskSupervisor(shards, scans, blocking, fragmentTimeout, firstRead, control);
    }

    /**
     * The host that runs the fragments sent to this node's shards, reading with this runner's
     * magnetic store and executor.
     *
     * @param memoryLimitBytes what a fragment from another node may hold at once
     * @param answers where an output too large for one message is kept for the querying node
     */
    public NodeFragmentHost host(FragmentRebuilder rebuilder, long memoryLimitBytes, AnswerHolder answers) {
        return new NodeFragmentHost(scans, control, rebuilder, blocking, memoryLimitBytes, answers);
    }

    /** How this node's shard tasks ran. */
    public Counts counts() {
        return new Counts(tasks.shipped.sum(), tasks.scanned.sum(), skipped.sum(), tasks.retried.sum(),
                tasks.nodeLosses.sum(), tasks.firstReadTimeouts.sum(), tasks.retryReceiptTimeouts.sum());
    }

    /** The node's fragment control: the attempts this node asked for and runs. */
    public FragmentControl control() {
        return control;
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
        ShardPlaces places;
        try {
            places = placed(request, pipeline, context, sql);
        } catch (EngineException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<CompletableFuture<Batch>> answers = new ArrayList<>(places.places());
        for (int shard = 0; shard < places.places(); shard++) {
            answers.add(places.run(shard));
        }
        // the first failure fails the fragment at once, and the other shards' attempts are told to stop
        CompletableFuture<List<Batch>> all = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(answers.size());
        for (CompletableFuture<Batch> answer : answers) {
            answer.whenComplete((batch, failure) -> {
                if (failure != null) {
                    // answered first: the stopped attempts fail too, and must not be the query's error
                    all.completeExceptionally(ShardTaskSupervisor.unwrap(failure));
                    places.scan.stop("another shard task of the query failed");
                } else if (left.decrementAndGet() == 0) {
                    all.complete(answers.stream().map(CompletableFuture::join).toList());
                }
            });
        }
        return all.whenComplete((rows, failure) -> places.forget.run());
    }

    /**
     * The shards of the table as places; fails with NOT_FOUND when the table does not exist or is
     * being deleted, and with the query's own error when it was already cancelled or is out of
     * time. The query's cancellation stops the scan's attempts.
     */
    private ShardPlaces placed(ScanRequest request, FragmentPipeline pipeline, QueryContext context, String sql) {
        context.checkRunning();
        TableDescription table = catalog.table(request.database(), request.table())
                .filter(t -> t.status() == TableStatus.ACTIVE)
                .orElseThrow(() -> EngineException.notFound("cannot scan table: it does not exist,"
                        + " database=" + request.database() + ", table=" + request.table()));
        long from = Math.max(request.fromNanos(), RetentionBounds.expiryNanos(clock, table.retention()));
        FragmentScan scan = new FragmentScan(table, request, from, pipeline, context, sql, ship, fragmentTimeout);
        context.recordTableScan(QueryContext.TableScanned.of(table, from, request.toNanos()));
        Runnable forget = context.whenCancelled(() -> scan.stop("the query was cancelled"));
        return new ShardPlaces(scan, emptyShards(scan), forget);
    }

    /**
     * A scan's shards run on demand: a shard known to hold nothing the scan reads answers the
     * output over no rows, made once per scan and shared (batches are immutable), without a task;
     * any other runs supervised.
     */
    private final class ShardPlaces implements PlacedFragment {

        final FragmentScan scan;
        final Runnable forget;
        private final boolean[] empty;
        private CompletableFuture<Batch> nothing;

        ShardPlaces(FragmentScan scan, boolean[] empty, Runnable forget) {
            this.scan = scan;
            this.empty = empty;
            this.forget = forget;
        }

        @Override
        public int places() {
            return empty.length;
        }

        @Override
        public synchronized CompletableFuture<Batch> run(int shard) {
            if (!empty[shard]) {
                return tasks.run(scan, shard);
            }
            skipped.increment();
            if (nothing == null) {
                nothing = emptyOutput(scan);
            }
            return nothing;
        }
    }

    /**
     * The shards known to hold nothing the scan reads, answered here without a task or a message:
     * every shard when the range is empty (e.g. wholly past retention); else a shard that runs on
     * this node and has held no series the scan's values match ({@link ShardGateway#mayHold}),
     * provided the magnetic store holds none of that shard's either (one pass over the segments'
     * series dictionaries, no block read, made only when some shard's memory holds none). A shard
     * on another node is always asked.
     */
    private boolean[] emptyShards(FragmentScan scan) {
        int shardCount = scan.table.shardCount();
        boolean[] empty = new boolean[shardCount];
        if (scan.from > scan.request.toNanos()) {
            Arrays.fill(empty, true);
            return empty;
        }
        boolean any = false;
        for (int shard = 0; shard < shardCount; shard++) {
            empty[shard] = !shards.mayHold(scan.table.tableId(), shard, scan.request.values());
            any |= empty[shard];
        }
        if (any) {
            Predicate<SeriesKey> wanted = SeriesFilter.of(scan.request.values());
            try {
                // the predicate only notes a wanted series' shard and declines it, so no block is read
                magnetic.scan(scan.table.tableId(), scan.from, scan.request.toNanos(), key -> {
                    if (wanted.test(key)) {
                        empty[key.shard(shardCount)] = false;
                    }
                    return false;
                });
            } catch (RuntimeException e) {
                // the shard tasks read the magnetic store too, and report its failure with their retry
                Arrays.fill(empty, false);
            }
        }
        return empty;
    }

    /** What a shard with nothing to read answers: its sink's output over no rows (e.g. a global aggregate's state). */
    private static CompletableFuture<Batch> emptyOutput(FragmentScan scan) {
        try {
            return CompletableFuture.completedFuture(scan.pipeline.open(scan.context).finish());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
