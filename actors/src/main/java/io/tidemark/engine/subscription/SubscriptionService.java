package io.tidemark.engine.subscription;

import io.tidemark.engine.query.QueryService.QueryResult;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/**
 * Live SQL subscriptions on this node: the front of the {@link SubscriptionManager} actor. A
 * subscriber is an actor (for the WebSocket endpoint, the connection's outgoing stream) that
 * receives {@link SubscriptionEvent}s and calls {@link #ack} after taking each one; see
 * {@link LiveQuery} for how results are kept current and how slow subscribers are handled.
 * Every method only sends a message: none blocks.
 */
public final class SubscriptionService {

    /** Services started in this JVM, so that each names its manager actor apart (tests start several per node). */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ActorRef<SubscriptionManager.Command> manager;
    private final SubscriptionStats stats;
    private final ClusterWriteNotices notices;

    private SubscriptionService(ActorRef<SubscriptionManager.Command> manager, SubscriptionStats stats,
            ClusterWriteNotices notices) {
        this.manager = manager;
        this.stats = stats;
        this.notices = notices;
    }

    /**
     * Starts the node's subscription manager.
     *
     * @param evaluator runs a query to its whole result (the engine's {@code query})
     */
    public static SubscriptionService start(ActorSystem<?> system,
            Function<String, CompletionStage<QueryResult>> evaluator, SubscriptionSettings settings, Clock clock) {
        SubscriptionStats stats = new SubscriptionStats(clock);
        int instance = INSTANCES.getAndIncrement();
        String name = instance == 0 ? "subscriptions" : "subscriptions-" + instance;
        ClusterWriteNotices notices = ClusterWriteNotices.start(system, name);
        ActorRef<SubscriptionManager.Command> manager = system.systemActorOf(
                SubscriptionManager.create(evaluator, settings, stats, clock, notices), name, Props.empty());
        return new SubscriptionService(manager, stats, notices);
    }

    /** Subscribes to {@code sql}: a snapshot, then updates; a bad query gets {@link SubscriptionEvent.Failed}. */
    public void subscribe(String sql, ActorRef<SubscriptionEvent> subscriber) {
        manager.tell(new SubscriptionManager.Subscribe(sql, subscriber));
    }

    /** The subscriber has taken the last event it was sent and can take the next. */
    public void ack(ActorRef<SubscriptionEvent> subscriber) {
        manager.tell(new SubscriptionManager.Ack(subscriber));
    }

    /** Ends a subscription (a subscriber that stops is removed as well). */
    public void unsubscribe(ActorRef<SubscriptionEvent> subscriber) {
        manager.tell(new SubscriptionManager.Unsubscribe(subscriber));
    }

    /**
     * Called by the engine after a write was acknowledged through this node: its live queries over
     * the table re-evaluate, and so do those of the other nodes of the cluster.
     */
    public void tableWritten(TableWritten write) {
        manager.tell(new SubscriptionManager.Written(write));
        notices.offer(write);
    }

    /** Every live query evaluates in full now, as its {@code refresh-interval} timer would make it. */
    public void refreshAll() {
        manager.tell(SubscriptionManager.RefreshAll.INSTANCE);
    }

    /** Counts for metrics. */
    public SubscriptionMetrics metrics() {
        return stats;
    }
}
