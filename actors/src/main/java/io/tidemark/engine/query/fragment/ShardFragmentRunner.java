package io.tidemark.engine.query.fragment;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.catalog.CatalogService;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableStatus;
import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.fragment.remote.AnswerHolder;
import io.tidemark.engine.query.fragment.remote.BatchWire;
import io.tidemark.engine.query.fragment.remote.FragmentRebuilder;
import io.tidemark.engine.query.fragment.remote.NodeFragmentHost;
import io.tidemark.engine.query.fragment.remote.OutputAssembly;
import io.tidemark.engine.query.fragment.remote.OutputPart;
import io.tidemark.engine.query.fragment.remote.ShippedFragment;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.shard.FirstReadTimeout;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.engine.shard.ShardGateway;
import io.tidemark.engine.shard.fragment.FragmentAnswer;
import io.tidemark.engine.shard.fragment.FragmentControl;
import io.tidemark.engine.shard.fragment.FragmentId;
import io.tidemark.engine.tier.MagneticTier;
import io.tidemark.engine.tier.RetentionBounds;
import io.tidemark.storage.model.SeriesKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>Supervision: a shard task that fails with anything but the user's error (an
 * {@link EngineException} other than INTERNAL or THROTTLING, a {@link QueryFunctionException},
 * or the query being cancelled or out of time) is run again once, after {@link #RETRY_BACKOFF}
 * (a shard whose node died is restarted on a surviving node meanwhile, and the retry runs where
 * it now lives), with a fresh sink; a second failure fails the query with an INTERNAL error
 * naming the table, the shard and the cause. A shipped attempt is followed through the node's
 * {@link FragmentControl}: the node running it acknowledges it on receipt, so the first attempt's
 * {@link FirstReadTimeout} bounds only the receipt (a message dropped in a shard hand-off is
 * resent in seconds) and the fragment timeout bounds the run; an attempt whose node becomes
 * unreachable (before its receipt: any node) fails at once, and its retry waits until this node
 * sees no unreachable member (the lost node is downed and its shards move; at most the fragment
 * timeout), then the backoff. An attempt that fails or times out is told to stop where it runs,
 * and so is every outstanding attempt of the fragment when the query is cancelled (CancelQuery,
 * its timeout) or another shard's task fails it ({@link QueryContext#whenCancelled}): the running
 * node's scan stops before its next chunk.
 */
public final class ShardFragmentRunner implements FragmentRunner {

    /**
     * The wait before a shard task runs again: when its shard's node died, the entity is started on
     * a surviving node only once the node is downed, and a retry at once would find it still gone.
     */
    static final Duration RETRY_BACKOFF = Duration.ofMillis(250);

    /**
     * How the shard tasks of this node ran, for metrics and tests.
     *
     * @param shipped tasks answered by the shard's node running the fragment
     * @param scanned tasks answered by this node reading the shard's chunks
     * @param skipped tasks left out without asking the shard (nothing in it can match)
     * @param retried tasks run a second time
     * @param nodeLosses attempts failed because the node running them (or, before their receipt, any node) was lost
     * @param firstReadTimeouts first attempts not acknowledged within the first-read timeout
     */
    public record Counts(long shipped, long scanned, long skipped, long retried, long nodeLosses, long firstReadTimeouts) {
    }

    private final CatalogService catalog;
    private final ShardGateway shards;
    private final ShardFragmentScan scans;
    private final MagneticTier magnetic;
    private final Clock clock;
    private final Executor blocking;
    private final Duration fragmentTimeout;
    private final FirstReadTimeout firstRead;
    private final boolean ship;
    private final FragmentControl control;
    private final LongAdder shipped = new LongAdder();
    private final LongAdder scanned = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder nodeLosses = new LongAdder();
    private final LongAdder firstReadTimeouts = new LongAdder();

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
     * @param firstRead how long the first attempt waits for the shard
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
        this.firstRead = firstRead;
        this.ship = ship;
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
        return new Counts(shipped.sum(), scanned.sum(), skipped.sum(), retried.sum(), nodeLosses.sum(),
                firstReadTimeouts.sum());
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
                    all.completeExceptionally(unwrap(failure));
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
        ShardScan scan = new ShardScan(table, request, from, pipeline, context, sql);
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

        final ShardScan scan;
        final Runnable forget;
        private final boolean[] empty;
        private CompletableFuture<Batch> nothing;

        ShardPlaces(ShardScan scan, boolean[] empty, Runnable forget) {
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
                return supervised(scan, shard);
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
    private boolean[] emptyShards(ShardScan scan) {
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
    private static CompletableFuture<Batch> emptyOutput(ShardScan scan) {
        try {
            return CompletableFuture.completedFuture(scan.pipeline.open(scan.context).finish());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The shard's task, run again once if it fails for a reason other than the user's. */
    private CompletableFuture<Batch> supervised(ShardScan scan, int shard) {
        return attempt(scan, shard, 1).exceptionallyCompose(first -> {
            if (!retryable(first, scan)) {
                return CompletableFuture.failedFuture(unwrap(first));
            }
            retried.increment();
            // a lost node's shards move once it is downed and removed: a retry sent while it is only
            // unreachable would go to it again
            CompletableFuture<Void> settled = control.settled()
                    .completeOnTimeout(null, fragmentTimeout.toMillis(), TimeUnit.MILLISECONDS);
            Executor later = CompletableFuture.delayedExecutor(RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS, blocking);
            return CompletableFuture.anyOf(settled, scan.stopped)
                    .thenCompose(ignored -> CompletableFuture.runAsync(() -> { }, later))
                    .thenCompose(ignored -> attempt(scan, shard, 2))
                    .exceptionallyCompose(second -> failedTwice(scan, shard, second));
        });
    }

    private CompletableFuture<Batch> failedTwice(ShardScan scan, int shard, Throwable second) {
        Throwable cause = unwrap(second);
        if (!retryable(second, scan)) {
            return CompletableFuture.failedFuture(cause);
        }
        return CompletableFuture.failedFuture(EngineException.internal("cannot run query fragment: table="
                + scan.table.databaseName() + "." + scan.table.tableName() + ", shard=" + shard
                + ", failed twice, last cause: " + describe(cause), cause));
    }

    private CompletableFuture<Batch> attempt(ShardScan scan, int shard, int number) {
        boolean first = number == 1;
        FragmentControl.Attempt tracked = scan.shippable ? control.open(new FragmentId(
                scan.context.queryId(), control.nextSerial(), scan.table.tableId(), shard, number)) : null;
        ShardAttempt running = scan.begin(tracked);
        CompletableFuture<ShardFragmentScan.Output> answer;
        if (running.abandoned.get()) {
            answer = CompletableFuture.failedFuture(new CancellationException("cannot run query fragment: stopped, "
                    + scan.stopped.getNow(null)));
        } else if (tracked != null) {
            CompletableFuture<FragmentAnswer> reply = shards.runFragment(scan.table.tableId(), shard,
                    tracked.track(scan.fragment()), scan.from, scan.request.toNanos()).toCompletableFuture();
            answer = followed(reply, tracked, scan, shard, first)
                    .thenCompose(answered -> answered instanceof ShardFragmentScan.Output output ? counted(shipped, output)
                            : answered instanceof OutputPart part ? OutputAssembly.collect(part, shards,
                                    scan.table.tableId(), shard, scan.context, running.abandoned::get)
                                    .thenCompose(output -> counted(shipped, output))
                            : scanned(scan, shard, first, running.abandoned));
        } else {
            answer = scanned(scan, shard, first, running.abandoned);
        }
        return answer.orTimeout(fragmentTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((output, failure) -> {
                    if (failure != null) {
                        running.stop("the attempt failed where it was asked for: " + describe(unwrap(failure)));
                    }
                    scan.end(running);
                })
                .thenApply(output -> {
                    scan.context.addBytesScanned(output.bytesScanned());
                    return output.batch();
                });
    }

    /**
     * The shipped attempt's answer, failed early when its node is lost or, on the first attempt,
     * when the node has not acknowledged it (nor answered) within the first-read timeout.
     */
    private CompletableFuture<FragmentAnswer> followed(CompletableFuture<FragmentAnswer> reply,
            FragmentControl.Attempt tracked, ShardScan scan, int shard, boolean first) {
        CompletableFuture<FragmentAnswer> answer = new CompletableFuture<>();
        reply.whenComplete((done, failure) -> {
            if (failure == null) {
                answer.complete(done);
            } else {
                answer.completeExceptionally(failure);
            }
        });
        tracked.lost().whenComplete((never, lost) -> {
            if (lost != null && answer.completeExceptionally(lost)) {
                nodeLosses.increment();
            }
        });
        if (first) {
            firstRead.bound(CompletableFuture.anyOf(tracked.received(), reply), "run query fragment on shard",
                    scan.table.tableId(), shard).whenComplete((received, failure) -> {
                        if (failure != null && !reply.isDone() && !tracked.received().isDone()
                                && answer.completeExceptionally(failure)) {
                            firstReadTimeouts.increment();
                        }
                    });
        }
        return answer;
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

    /** False for the user's errors, and once the query itself is cancelled or out of time, or the fragment failed. */
    private static boolean retryable(Throwable failure, ShardScan scan) {
        Throwable cause = unwrap(failure);
        if (scan.context.isCancelled() || scan.stopped.isDone() || cause instanceof QueryFunctionException) {
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
        /** Completes with the reason once every attempt of the fragment should stop. */
        final CompletableFuture<String> stopped = new CompletableFuture<>();
        private final Set<ShardAttempt> running = ConcurrentHashMap.newKeySet();
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

        ShippedFragment fragment() {
            return new ShippedFragment(context.queryId(), sql, context.eval().queryStartNanos(),
                    fragmentTimeout.toMillis(), table.tableId(), table.shardCount(), request, from, this::fingerprint,
                    new ShippedFragment.Local(pipeline, context));
        }

        /** An attempt starting; stopped at once when the fragment already is. */
        ShardAttempt begin(FragmentControl.Attempt tracked) {
            ShardAttempt attempt = new ShardAttempt(tracked);
            running.add(attempt);
            String reason = stopped.getNow(null);
            if (reason != null) {
                attempt.stop(reason);
            }
            return attempt;
        }

        void end(ShardAttempt attempt) {
            running.remove(attempt);
            if (attempt.tracked != null) {
                attempt.tracked.close();
            }
        }

        /** Stops every running attempt of the fragment, here and on the nodes running them; no new one starts. */
        void stop(String reason) {
            if (stopped.complete(reason)) {
                running.forEach(attempt -> attempt.stop(reason));
            }
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
