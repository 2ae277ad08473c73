package io.tidemark.engine.query;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.StatementRunner.Executed;
import io.tidemark.engine.query.function.QueryFunctionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running query, spawned by the {@link QueryManager}: it supervises the query's work (parse,
 * analyze, plan, execute: {@link StatementRunner}), which the {@link QueryService} has already
 * started on the blocking dispatcher, and makes sure the query's {@code answer} completes exactly
 * once: the rows, or the failure. The query stops with a clear error when it runs past
 * {@code tidemark.engine.query.timeout} or is cancelled; either cancels its {@link QueryContext},
 * so its fragments and operators stop at their next check. The actor stops once the work has
 * finished or the query has been answered with a failure.
 *
 * <p>The work completes the answer itself ({@link #answerWhenDone}) rather than through this
 * actor's mailbox: a small query is then answered without waiting for an actor thread, twice
 * (the manager's spawn, this actor's turn). The answer is a future completed by whoever comes
 * first, so a timeout or a cancellation answered here wins over work that finishes later, and
 * work finished first is not overridden.
 */
public final class QueryPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(QueryPlanner.class);

    public sealed interface Command permits Cancel, Finished, TimedOut {
    }

    /** CancelQuery: the query stops, and the caller waiting for it gets CONFLICT. */
    public enum Cancel implements Command {
        INSTANCE
    }

    /** The query's one answer: {@code executed} and bytes scanned, or {@code failure}. */
    public record Answer(String queryId, Executed executed, long bytesScanned, EngineException failure) {
    }

    private enum Finished implements Command {
        INSTANCE
    }

    private enum TimedOut implements Command {
        INSTANCE
    }

    private final ActorContext<Command> context;
    private final QueryContext query;
    private final QuerySettings settings;
    private final CompletableFuture<Answer> answer;

    private QueryPlanner(ActorContext<Command> context, QueryContext query, QuerySettings settings,
            CompletableFuture<Answer> answer) {
        this.context = context;
        this.query = query;
        this.settings = settings;
        this.answer = answer;
    }

    /**
     * @param work the query's running work; it completes {@code answer} when it finishes
     *     ({@link #answerWhenDone})
     */
    static Behavior<Command> create(QueryContext query, CompletableFuture<Executed> work, QuerySettings settings,
            CompletableFuture<Answer> answer) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            supervise(context, timers, work, settings);
            return new QueryPlanner(context, query, settings, answer).running();
        }));
    }

    /** Completes {@code answer} with the work's rows or failure once it finishes (unless already answered). */
    static void answerWhenDone(QueryContext query, CompletableFuture<Executed> work, CompletableFuture<Answer> answer) {
        work.whenComplete((executed, failure) -> {
            if (failure == null) {
                answer.complete(new Answer(query.queryId(), executed, query.bytesScanned(), null));
            } else {
                answer.complete(new Answer(query.queryId(), null, query.bytesScanned(), failure(query, failure)));
            }
        });
    }

    private static void supervise(ActorContext<Command> context, TimerScheduler<Command> timers,
            CompletableFuture<Executed> work, QuerySettings settings) {
        context.pipeToSelf(work, (executed, failure) -> Finished.INSTANCE);
        timers.startSingleTimer(TimedOut.INSTANCE, settings.timeout());
    }

    private Behavior<Command> running() {
        return Behaviors.receive(Command.class)
                .onMessageEquals(Finished.INSTANCE, Behaviors::stopped)
                .onMessageEquals(TimedOut.INSTANCE, this::onTimedOut)
                .onMessageEquals(Cancel.INSTANCE, this::onCancel)
                .build();
    }

    private Behavior<Command> onTimedOut() {
        query.cancel("timed out");
        return answerFailure(EngineException.validation("Query " + query.queryId() + " timed out: it ran longer than "
                + settings.timeout().toMillis() + " ms (tidemark.engine.query.timeout)"));
    }

    private Behavior<Command> onCancel() {
        query.cancel("cancelled by CancelQuery");
        return answerFailure(EngineException.conflict("Query " + query.queryId() + " was cancelled"));
    }

    /** Answers with {@code failure} now (unless the work answered first); the work, told to stop, finishes unheard. */
    private Behavior<Command> answerFailure(EngineException failure) {
        answer.complete(new Answer(query.queryId(), null, query.bytesScanned(), failure));
        context.getLog().debug("query {} stopped: {}", query.queryId(), failure.getMessage());
        return Behaviors.stopped();
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
