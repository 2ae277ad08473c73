package io.tidemark.engine.query;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.StatementRunner.Executed;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.function.QueryFunctionException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One running query, spawned by the {@link QueryManager}: it runs the statement (parse, analyze,
 * plan, execute: {@link StatementRunner}) on the blocking dispatcher, never on its own thread,
 * and answers {@code replyTo} exactly once: the rows, or the failure. The query stops with a
 * clear error when it runs past {@code tidemark.engine.query.timeout} or is cancelled; either
 * cancels its {@link QueryContext}, so its fragments and operators stop at their next check.
 * The actor stops once it has answered.
 */
public final class QueryPlanner {

    public sealed interface Command permits Cancel, Finished, TimedOut {
    }

    /** CancelQuery: the query stops, and the caller waiting for it gets CONFLICT. */
    public enum Cancel implements Command {
        INSTANCE
    }

    /** The query's one answer: {@code executed} and bytes scanned, or {@code failure}. */
    public record Answer(String queryId, Executed executed, long bytesScanned, EngineException failure) {
    }

    private record Finished(Executed executed, Throwable failure) implements Command {
    }

    private enum TimedOut implements Command {
        INSTANCE
    }

    private final ActorContext<Command> context;
    private final QueryContext query;
    private final QuerySettings settings;
    private final ActorRef<Answer> replyTo;

    private QueryPlanner(ActorContext<Command> context, QueryContext query, QuerySettings settings,
            ActorRef<Answer> replyTo) {
        this.context = context;
        this.query = query;
        this.settings = settings;
        this.replyTo = replyTo;
    }

    static Behavior<Command> create(String queryId, String sql, StatementRunner runner, QuerySettings settings,
            Clock clock, ActorRef<Answer> replyTo) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            QueryContext query = new QueryContext(queryId, EvalContext.utc(nanos(clock.instant())),
                    System.nanoTime() + settings.timeout().toNanos(), settings.memoryLimitBytes());
            start(context, timers, runner, sql, query, settings);
            return new QueryPlanner(context, query, settings, replyTo).running();
        }));
    }

    private static void start(ActorContext<Command> context, TimerScheduler<Command> timers, StatementRunner runner,
            String sql, QueryContext query, QuerySettings settings) {
        Executor blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
        CompletableFuture<Executed> work = CompletableFuture.supplyAsync(() -> runner.run(sql, query), blocking);
        context.pipeToSelf(work, Finished::new);
        timers.startSingleTimer(TimedOut.INSTANCE, settings.timeout());
    }

    private Behavior<Command> running() {
        return Behaviors.receive(Command.class)
                .onMessage(Finished.class, this::onFinished)
                .onMessageEquals(TimedOut.INSTANCE, this::onTimedOut)
                .onMessageEquals(Cancel.INSTANCE, this::onCancel)
                .build();
    }

    private Behavior<Command> onFinished(Finished finished) {
        if (finished.failure() == null) {
            replyTo.tell(new Answer(query.queryId(), finished.executed(), query.bytesScanned(), null));
        } else {
            replyTo.tell(new Answer(query.queryId(), null, query.bytesScanned(), failure(finished.failure())));
        }
        return Behaviors.stopped();
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

    /** Answers with {@code failure} now; the work, told to stop, finishes unheard. */
    private Behavior<Command> answerFailure(EngineException failure) {
        replyTo.tell(new Answer(query.queryId(), null, query.bytesScanned(), failure));
        context.getLog().debug("query {} stopped: {}", query.queryId(), failure.getMessage());
        return Behaviors.stopped();
    }

    /** The user-facing form of a failure: the engine's own errors as they are, anything else INTERNAL. */
    private EngineException failure(Throwable thrown) {
        Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (cause instanceof EngineException e) {
            return e;
        }
        if (cause instanceof QueryFunctionException e) {
            return EngineException.validation(e.getMessage());
        }
        context.getLog().warn("query {} failed", query.queryId(), cause);
        return EngineException.internal("cannot run query: queryId=" + query.queryId() + ", cause=" + cause, cause);
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
