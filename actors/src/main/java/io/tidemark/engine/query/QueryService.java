package io.tidemark.engine.query;

import com.typesafe.config.Config;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.catalog.CatalogService;
import io.tidemark.engine.metering.QueryMeter;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.fragment.FragmentRunner;
import io.tidemark.engine.query.plan.StatementPlan;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.OutputColumn;
import io.tidemark.sql.type.SqlType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * Timestream's Query, CancelQuery and PrepareQuery on this node. A query runs to completion on the
 * query dispatcher ({@code tidemark.engine.query.dispatcher}), supervised by {@link RunningQueries}
 * (timeout, CancelQuery); its result is then kept (see {@link ResultStore}) and served in pages
 * of at most MaxRows rows (1..1000 unless {@code max-rows} raises it; without MaxRows, as many as fit) and at most about 1 MB,
 * estimated from the values. A page's NextToken names the query, the next page and a hash of the
 * query string: only the same query string may use it, and the same token returns the same page
 * again. A ClientToken repeated with the same query string within
 * {@code client-token-window} returns the first run's result; with another query string it is
 * refused. QueryStatus reports 100% progress, the bytes the fragments scanned, and the bytes
 * metered as Timestream meters them: at least 10 MB per query.
 *
 * <p>Stages fail with the {@link EngineException} itself (not wrapped): VALIDATION for bad input
 * and for the user's SQL errors ({@code line L:C: ...}), CONFLICT when polling or waiting for a
 * cancelled query, INTERNAL for the engine's failures.
 */
public final class QueryService {

    /** A Query call; {@code insights}: QueryInsights enabled (rate limited, and the page carries them). */
    public record QueryRequest(String queryString, Optional<String> clientToken, Optional<String> nextToken,
            Optional<Integer> maxRows, boolean insights) {

        /** A call without QueryInsights. */
        public QueryRequest(String queryString, Optional<String> clientToken, Optional<String> nextToken,
                Optional<Integer> maxRows) {
            this(queryString, clientToken, nextToken, maxRows, false);
        }
    }

    /** ProgressPercentage, CumulativeBytesScanned, CumulativeBytesMetered. */
    public record QueryStatus(double progressPercentage, long cumulativeBytesScanned, long cumulativeBytesMetered) {
    }

    /**
     * One page of a result; {@code nextToken} is absent on the last page; {@code insights} are the
     * whole query's, present when the call enabled them.
     */
    public record QueryPage(String queryId, List<OutputColumn> columns, Batch rows, Optional<String> nextToken,
            QueryStatus status, Optional<QueryInsights> insights) {
    }

    /** A whole result (the in-process API). */
    public record QueryResult(String queryId, List<OutputColumn> columns, Batch rows, QueryStatus status) {
    }

    /** PrepareQuery's answer. */
    public record PreparedQuery(String queryString, List<PreparedColumn> columns, List<ParameterMapping> parameters) {
    }

    /** A result column of a prepared query; database and table when it is a table column unchanged. */
    public record PreparedColumn(String name, SqlType type, Optional<String> databaseName, Optional<String> tableName,
            boolean aliased) {
    }

    /** A {@code @name} parameter of a prepared query. */
    public record ParameterMapping(String name, SqlType type) {
    }

    /** Timestream meters at least this many bytes per query. */
    static final long MIN_METERED_BYTES = 10_000_000L;

    /** How long past the query timeout the service waits for the query's answer (its timer answers at the timeout). */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(10);

    /** The dispatcher statements run on (not the blocking one their fragments' shard tasks use). */
    static final String DISPATCHER = "tidemark.engine.query.dispatcher";

    private final RunningQueries running;
    private final StatementRunner runner;
    private final QuerySettings settings;
    private final Clock clock;
    private final Executor statements;
    private final ResultStore results;
    private final QueryMeter meter = new QueryMeter();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final InsightsRateLimit insightsRate;
    /** The longest QueryString and the largest MaxRows accepted (Timestream's 262,144 and 1,000 by default). */
    private final int maxQueryStringChars;
    private final int maxRows;
    /** ClientToken → the run it started; guarded by itself. */
    private final Map<String, ClientRun> clientTokens = new HashMap<>();

    private record ClientRun(String queryHash, String queryId, long startedMillis) {
    }

    private QueryService(ActorSystem<?> system, StatementRunner runner, QuerySettings settings, Clock clock) {
        this.runner = runner;
        this.settings = settings;
        this.clock = clock;
        this.statements = system.dispatchers().lookup(DispatcherSelector.fromConfig(DISPATCHER));
        this.results = new ResultStore(settings, clock);
        this.running = new RunningQueries(system.scheduler(), system.executionContext(), settings);
        Config query = system.settings().config().getConfig("tidemark.engine.query");
        this.insightsRate = new InsightsRateLimit(query.getInt("insights-per-second"), clock);
        this.maxQueryStringChars = raisedOnly(query, "max-query-string-chars", 262_144);
        this.maxRows = raisedOnly(query, "max-rows", 1000);
    }

    /** A limit of Timestream's that a node may raise but not lower, so that no Timestream client is refused. */
    private static int raisedOnly(Config query, String path, int timestreams) {
        int value = query.getInt(path);
        if (value < timestreams) {
            throw new IllegalArgumentException("cannot start the query service: tidemark.engine.query." + path
                    + " may be raised but not lowered below Timestream's limit, value=" + value + ", limit=" + timestreams);
        }
        return value;
    }

    /**
     * The node's query service.
     *
     * @param planner plans a query or EXPLAIN statement
     * @param askTimeout how long a catalog lookup of the analysis may wait
     */
    public static QueryService start(ActorSystem<?> system, CatalogService catalog, FragmentRunner fragments,
            Function<Analysis, StatementPlan> planner, QuerySettings settings, Duration askTimeout, Clock clock) {
        StatementRunner runner = new StatementRunner(new EngineSchemaProvider(catalog, askTimeout),
                new CatalogStatements(catalog, askTimeout), planner, fragments, settings.cachedStatements());
        return new QueryService(system, runner, settings, clock);
    }

    public QuerySettings settings() {
        return settings;
    }

    /** Statements run, failed and the bytes they scanned, for the node's metrics. */
    public QueryMeter meter() {
        return meter;
    }

    /** Query: the first page of a new run, the first page of a ClientToken's run, or the page a NextToken names. */
    public CompletionStage<QueryPage> query(QueryRequest request) {
        try {
            validate(request);
            String hash = PageToken.hash(request.queryString());
            if (request.nextToken().isPresent()) {
                PageToken token = PageToken.decode(request.nextToken().get(), request.queryString());
                ResultStore.Entry entry = results.get(token.queryId());
                if (entry == null || !entry.queryHash.equals(hash)) {
                    throw PageToken.invalid();
                }
                return page(entry, token.page(), token.startRow(), request.maxRows(), request.insights());
            }
            if (request.insights()) {
                insightsRate.acquire();
            }
            ResultStore.Entry entry = request.clientToken().isPresent()
                    ? runOnce(request.clientToken().get(), request.queryString(), hash)
                    : start(request.queryString(), hash);
            return page(entry, 0, 0, request.maxRows(), request.insights());
        } catch (EngineException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * CancelQuery: stops the query if it still runs and makes polling it fail with CONFLICT.
     * Completes with a CancellationMessage when the query was already cancelled.
     */
    public CompletionStage<Optional<String>> cancel(String queryId) {
        ResultStore.Entry entry = results.get(queryId);
        if (entry == null) {
            return CompletableFuture.failedFuture(EngineException.validation(
                    "cannot cancel query: no query with QueryId=" + queryId + " (unknown, or its result expired)"));
        }
        if (results.cancel(entry)) {
            return CompletableFuture.completedFuture(Optional.of("Query " + queryId + " has already been cancelled"));
        }
        if (!entry.result.isDone()) {
            running.cancel(queryId);
        }
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /** PrepareQuery (ValidateOnly): the statement's result columns and parameters, without running it. */
    public CompletionStage<PreparedQuery> prepare(String queryString) {
        try {
            validateQueryString(queryString);
        } catch (EngineException e) {
            return CompletableFuture.failedFuture(e);
        }
        return unwrapped(CompletableFuture.supplyAsync(() -> runner.prepare(queryString), statements));
    }

    /**
     * Starts a statement whose rows are then pulled batch by batch ({@link ResultStream}), nothing
     * kept for paging: a pipeline's result streams from the shards without ever being held whole.
     * The stage completes once the statement is planned and started (or fails as {@link #execute} does).
     */
    public CompletionStage<ResultStream> stream(String queryString) {
        try {
            validateQueryString(queryString);
        } catch (EngineException e) {
            return CompletableFuture.failedFuture(e);
        }
        QueryContext query = newContext(newQueryId());
        CompletableFuture<StatementRunner.Executed> work = new CompletableFuture<>();
        CompletableFuture<RunningQueries.Answer> answer = supervise(query, work);
        answer.thenAccept(done -> {
            if (done.failure() == null) {
                meter.succeeded(done.bytesScanned());
            } else {
                meter.failed(done.failure());
            }
        });
        return CompletableFuture.supplyAsync(() -> {
            try {
                StatementRunner.Opened opened = runner.open(queryString, query);
                ResultStream stream = new ResultStream(query, opened.columns(), opened.rows(), statements, work, answer);
                // stopped (time limit, CancelQuery) while no one reads it: what it holds is released all the same
                answer.thenAccept(done -> {
                    if (done.failure() != null) {
                        stream.close();
                    }
                });
                return stream;
            } catch (RuntimeException e) {
                EngineException failure = RunningQueries.failure(query, e);
                work.completeExceptionally(failure);
                throw failure;
            }
        }, statements).exceptionallyCompose(failure -> answer.thenCompose(done ->
                CompletableFuture.failedFuture(done.failure() != null ? done.failure() : unwrap(failure))));
    }

    /** Statements started on this node whose work has not finished yet (queries running, results streaming). */
    public int runningQueries() {
        return unfinished.get();
    }

    /** Runs a statement to its whole result, nothing kept for paging (the in-process API). */
    public CompletionStage<QueryResult> execute(String queryString) {
        try {
            validateQueryString(queryString);
        } catch (EngineException e) {
            return CompletableFuture.failedFuture(e);
        }
        return unwrapped(run(newQueryId(), queryString).thenApply(Ran::result));
    }

    private ResultStore.Entry start(String queryString, String hash) {
        ResultStore.Entry entry = results.add(newQueryId(), hash);
        run(entry.queryId, queryString).whenComplete((ran, failure) -> {
            if (failure == null) {
                QueryResult result = ran.result();
                long bytes = ResultSizes.all(result.rows());
                results.finished(entry, bytes);
                entry.insights = QueryInsights.of(ran.query(), result.rows().rowCount(), bytes);
                entry.result.complete(result);
            } else {
                results.failed(entry);
                entry.result.completeExceptionally(unwrap(failure));
            }
        });
        return entry;
    }

    /** The run a ClientToken started within the window, or a new one it then names. */
    private ResultStore.Entry runOnce(String clientToken, String queryString, String hash) {
        synchronized (clientTokens) {
            long now = clock.millis();
            Iterator<ClientRun> it = clientTokens.values().iterator();
            while (it.hasNext()) {
                if (it.next().startedMillis() < now - settings.clientTokenWindow().toMillis()) {
                    it.remove();
                }
            }
            ClientRun prior = clientTokens.get(clientToken);
            if (prior != null && !prior.queryHash().equals(hash)) {
                throw EngineException.validation("cannot run query: the ClientToken was already used with a different"
                        + " QueryString within the last " + settings.clientTokenWindow().toMinutes() + " minutes");
            }
            ResultStore.Entry entry = prior == null ? null : results.get(prior.queryId());
            if (entry == null) {
                entry = start(queryString, hash);
                clientTokens.put(clientToken, new ClientRun(hash, entry.queryId, now));
            }
            return entry;
        }
    }

    /**
     * Starts the statement on the query dispatcher at once and has {@link RunningQueries} supervise
     * it (timeout, CancelQuery); the work itself completes the answer.
     */
    /** A statement run to its result, and the context it ran in (what it read, for its insights). */
    private record Ran(QueryResult result, QueryContext query) {
    }

    private CompletableFuture<Ran> run(String queryId, String queryString) {
        QueryContext query = newContext(queryId);
        CompletableFuture<StatementRunner.Executed> work =
                CompletableFuture.supplyAsync(() -> runner.run(queryString, query), statements);
        return supervise(query, work).orTimeout(settings.timeout().plus(ANSWER_MARGIN).toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(done -> {
                    if (done.failure() != null) {
                        throw done.failure();
                    }
                    long scanned = done.bytesScanned();
                    return new Ran(new QueryResult(queryId, done.executed().columns(), done.executed().rows(),
                            new QueryStatus(100.0, scanned, Math.max(scanned, MIN_METERED_BYTES))), query);
                })
                .whenComplete((ran, failure) -> {
                    if (failure == null) {
                        meter.succeeded(ran.result().status().cumulativeBytesScanned());
                    } else {
                        meter.failed(unwrap(failure));
                    }
                });
    }

    private QueryContext newContext(String queryId) {
        return new QueryContext(queryId, EvalContext.utc(nanos(clock.instant())),
                System.nanoTime() + settings.timeout().toNanos(), settings.memoryLimitBytes());
    }

    /** Has {@link RunningQueries} supervise the query's work; the answer completes with the work, or at a timeout or CancelQuery. */
    private CompletableFuture<RunningQueries.Answer> supervise(QueryContext query,
            CompletableFuture<StatementRunner.Executed> work) {
        unfinished.incrementAndGet();
        work.whenComplete((done, failure) -> unfinished.decrementAndGet());
        return running.supervise(query, work);
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /** The page starting at {@code startRow} once the query has finished. */
    private CompletionStage<QueryPage> page(ResultStore.Entry entry, int page, int startRow, Optional<Integer> maxRows,
            boolean insights) {
        return unwrapped(entry.result.thenApply(result -> {
            if (results.isCancelled(entry)) {
                throw EngineException.conflict("Query " + entry.queryId + " was cancelled");
            }
            return cut(result, entry.queryHash, page, startRow, maxRows.orElse(Integer.MAX_VALUE),
                    insights ? Optional.of(entry.insights) : Optional.empty());
        }));
    }

    private QueryPage cut(QueryResult result, String hash, int page, int startRow, int maxRows,
            Optional<QueryInsights> insights) {
        Batch rows = result.rows();
        int total = rows.rowCount();
        if (startRow > total) {
            throw PageToken.invalid();
        }
        int end = startRow;
        long bytes = 0;
        while (end < total && end - startRow < maxRows) {
            long size = ResultSizes.row(rows, end);
            if (size > settings.maxPageBytes()) {
                throw EngineException.validation(
                        "Query aborted as max page response size has been exceeded by the output result row");
            }
            if (bytes + size > settings.maxPageBytes()) {
                break;
            }
            bytes += size;
            end++;
        }
        Batch pageRows = startRow == 0 && end == total ? rows : rows.slice(startRow, end);
        Optional<String> next = end < total
                ? Optional.of(new PageToken(result.queryId(), page + 1, end, hash).encode()) : Optional.empty();
        return new QueryPage(result.queryId(), result.columns(), pageRows, next, result.status(), insights);
    }

    private void validate(QueryRequest request) {
        validateQueryString(request.queryString());
        request.maxRows().ifPresent(maxRows -> {
            if (maxRows < 1) {
                throw EngineException.validation("1 validation error detected: Value '" + maxRows
                        + "' at 'maxRows' failed to satisfy constraint: Member must have value greater than or equal to 1");
            }
            if (maxRows > this.maxRows) {
                throw EngineException.validation("1 validation error detected: Value '" + maxRows + "' at 'maxRows'"
                        + " failed to satisfy constraint: Member must have value less than or equal to " + this.maxRows);
            }
        });
    }

    private void validateQueryString(String queryString) {
        if (queryString == null || queryString.isEmpty()) {
            throw EngineException.validation("1 validation error detected: Value at 'queryString' failed to satisfy"
                    + " constraint: Member must have length greater than or equal to 1");
        }
        if (queryString.length() > maxQueryStringChars) {
            throw EngineException.validation("1 validation error detected: Value at 'queryString' failed to satisfy"
                    + " constraint: Member must have length less than or equal to " + maxQueryStringChars);
        }
    }

    /** A query id as Timestream's look: 1..64 letters and digits. */
    private static String newQueryId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The stage, failing with the EngineException itself rather than wrapped in a CompletionException. */
    private static <T> CompletionStage<T> unwrapped(CompletionStage<T> stage) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(unwrap(failure));
            }
        });
        return out;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return EngineException.internal("cannot run query: the query was not answered in time", cause);
        }
        return cause;
    }
}
