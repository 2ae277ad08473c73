package io.tidemark.engine.query;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.StatementRunner.Executed;
import io.tidemark.engine.query.function.QueryFunctionException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.ExecutionContext;

/**
 * The queries running on this node, each supervised until it is answered: its work (parse,
 * analyze, plan, execute: {@link StatementRunner}, started by the {@link QueryService}) answers
 * with the rows or the failure; a timer answers with a clear error once the query runs past
 * {@code tidemark.engine.query.timeout}; CancelQuery answers with CONFLICT. The answer is a future
 * completed by whichever comes first, so a timeout or cancellation answered first wins over work
 * that finishes later, and work finished first is not overridden; a timeout or cancellation also
 * cancels the query's {@link QueryContext}, so its fragments and operators stop at their next check.
 *
 * <p>A query costs a map entry and one task on the actor system's scheduler (cancelled when the
 * work finishes), not an actor: the work completes the answer on its own thread, so a small query
 * waits for no other thread to answer it.
 */
final class RunningQueries {

    private static final Logger LOG = LoggerFactory.getLogger(RunningQueries.class);

    /** The query's one answer: {@code executed} and bytes scanned, or {@code failure}. */
    record Answer(String queryId, Executed executed, long bytesScanned, EngineException failure) {
    }

    private record Running(QueryContext query, CompletableFuture<Answer> answer) {
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Scheduler scheduler;
    private final ExecutionContext timers;
    private final QuerySettings settings;

    /** @param timers where a timeout's answer runs (briefly: it cancels the query and completes its answer) */
    RunningQueries(Scheduler scheduler, ExecutionContext timers, QuerySettings settings) {
        this.scheduler = scheduler;
        this.timers = timers;
        this.settings = settings;
    }

    /** Supervises {@code work}, the running work of {@code query}; the future completes once, with its answer. */
    CompletableFuture<Answer> supervise(QueryContext query, CompletableFuture<Executed> work) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Running run = new Running(query, answer);
        running.put(query.queryId(), run);
        Cancellable timer = scheduler.scheduleOnce(settings.timeout(), () -> stop(run, EngineException.validation(
                "Query " + query.queryId() + " timed out: it ran longer than " + settings.timeout().toMillis()
                        + " ms (tidemark.engine.query.timeout)"), "timed out"), timers);
        work.whenComplete((executed, failure) -> {
            timer.cancel();
            running.remove(query.queryId(), run);
            answer.complete(failure == null ? new Answer(query.queryId(), executed, query.bytesScanned(), null)
                    : new Answer(query.queryId(), null, query.bytesScanned(), failure(query, failure)));
        });
        return answer;
    }

    /** CancelQuery: stops {@code queryId} if it still runs; answers whether it did. */
    boolean cancel(String queryId) {
        Running run = running.get(queryId);
        if (run == null) {
            return false;
        }
        stop(run, EngineException.conflict("Query " + queryId + " was cancelled"), "cancelled by CancelQuery");
        return true;
    }

    /** Answers with {@code failure} now (unless the work answered first); the work, told to stop, finishes unheard. */
    private void stop(Running run, EngineException failure, String why) {
        running.remove(run.query().queryId(), run);
        run.query().cancel(why);
        if (run.answer().complete(new Answer(run.query().queryId(), null, run.query().bytesScanned(), failure))) {
            LOG.debug("query {} stopped: {}", run.query().queryId(), failure.getMessage());
        }
    }

    /** The user-facing form of a failure: the engine's own errors as they are, anything else INTERNAL. */
    static EngineException failure(QueryContext query, Throwable thrown) {
        Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (cause instanceof EngineException e) {
            return e;
        }
        if (cause instanceof QueryFunctionException e) {
            return EngineException.validation(e.getMessage());
        }
        LOG.warn("query {} failed", query.queryId(), cause);
        return EngineException.internal("cannot run query: queryId=" + query.queryId() + ", cause=" + cause, cause);
    }
}
