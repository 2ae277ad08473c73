package io.tidemark.engine.query;

import io.tidemark.engine.query.StatementRunner.Executed;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The parent of this node's running queries: spawns a {@link QueryPlanner} per query, named after
 * its query id, to supervise the work the {@link QueryService} started, and passes a cancellation
 * to the query it names. Holds no state of its own (its children are the running queries).
 */
public final class QueryManager {

    public sealed interface Command permits Run, Cancel {
    }

    /** Supervises the running {@code work} of {@code query}, which completes {@code answer}. */
    record Run(QueryContext query, CompletableFuture<Executed> work, CompletableFuture<QueryPlanner.Answer> answer)
            implements Command {
    }

    /** Cancels the running query {@code queryId}; answers whether it was running. */
    public record Cancel(String queryId, ActorRef<Boolean> replyTo) implements Command {
    }

    private QueryManager() {
    }

    static Behavior<Command> create(QuerySettings settings) {
        return Behaviors.setup(context -> Behaviors.receive(Command.class)
                .onMessage(Run.class, run -> {
                    context.spawn(QueryPlanner.create(run.query(), run.work(), settings, run.answer()),
                            childName(run.query().queryId()));
                    return Behaviors.same();
                })
                .onMessage(Cancel.class, cancel -> {
                    Optional<ActorRef<Void>> child = context.getChild(childName(cancel.queryId()));
                    child.ifPresent(ref -> ref.<QueryPlanner.Command>unsafeUpcast().tell(QueryPlanner.Cancel.INSTANCE));
                    cancel.replyTo().tell(child.isPresent());
                    return Behaviors.same();
                })
                .build());
    }

    private static String childName(String queryId) {
        return "query-" + queryId;
    }
}
