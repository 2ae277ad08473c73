package io.tidemark.engine.query;

import java.time.Clock;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The parent of this node's running queries: spawns a {@link QueryPlanner} per query, named after
 * its query id, and passes a cancellation to the query it names. Holds no state of its own (its
 * children are the running queries).
 */
public final class QueryManager {

    public sealed interface Command permits Run, Cancel {
    }

    /** Runs {@code sql} as query {@code queryId}; the answer goes to {@code replyTo}. */
    public record Run(String queryId, String sql, ActorRef<QueryPlanner.Answer> replyTo) implements Command {
    }

    /** Cancels the running query {@code queryId}; answers whether it was running. */
    public record Cancel(String queryId, ActorRef<Boolean> replyTo) implements Command {
    }

    private QueryManager() {
    }

    static Behavior<Command> create(StatementRunner runner, QuerySettings settings, Clock clock) {
        return Behaviors.setup(context -> Behaviors.receive(Command.class)
                .onMessage(Run.class, run -> {
                    context.spawn(QueryPlanner.create(run.queryId(), run.sql(), runner, settings, clock, run.replyTo()),
                            childName(run.queryId()));
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
