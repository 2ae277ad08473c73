package io.tidemark.engine.subscription;

import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.query.QueryService.QueryResult;
import io.tidemark.sql.parser.ParseException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * The node's live queries, keyed by normalised query text: subscribers of the same query share one
 * {@link LiveQuery} child, started with the first subscriber and stopped with the last. Routes
 * acknowledged writes to the live queries reading the written table, and acknowledgements and
 * departures to the live query of the subscriber. Writes acknowledged through other nodes arrive
 * through {@link ClusterWriteNotices}, followed only while there is a live query. Watches subscribers, so a subscriber that stops
 * (a closed connection) is removed like one that unsubscribes.
 */
final class SubscriptionManager extends AbstractBehavior<SubscriptionManager.Command> {

    sealed interface Command permits Subscribe, Unsubscribe, Ack, Written, WrittenOnOtherNode, RefreshAll, QueryFailed,
            SubscriberDropped {
    }

    /** Subscribes {@code subscriber} to the query {@code sql}; a bad query is answered with {@link SubscriptionEvent.Failed}. */
    record Subscribe(String sql, ActorRef<SubscriptionEvent> subscriber) implements Command {
    }

    record Unsubscribe(ActorRef<SubscriptionEvent> subscriber) implements Command {
    }

    /** The subscriber has taken its last event and can take the next. */
    record Ack(ActorRef<SubscriptionEvent> subscriber) implements Command {
    }

    record Written(TableWritten write) implements Command {
    }

    /** Writes acknowledged through another node ({@link ClusterWriteNotices}). */
    record WrittenOnOtherNode(ClusterWriteNotices.WrittenElsewhere writes) implements Command {
    }

    /** Every live query evaluates in full now (as its refresh timer would). */
    enum RefreshAll implements Command { INSTANCE }

    /** From a live query: its query cannot run; its subscribers are told and it is stopped. */
    record QueryFailed(ActorRef<LiveQuery.Command> query, ErrorKind kind, String message) implements Command {
    }

    /** From a live query: it closed a subscriber (too slow). */
    record SubscriberDropped(ActorRef<SubscriptionEvent> subscriber) implements Command {
    }

    /** One live query child: its text, the tables it reads and how many subscribers it has. */
    private static final class Live {
        final String text;
        final QueryShape shape;
        final ActorRef<LiveQuery.Command> ref;
        int subscribers;

        Live(String text, QueryShape shape, ActorRef<LiveQuery.Command> ref) {
            this.text = text;
            this.shape = shape;
            this.ref = ref;
        }
    }

    private final Function<String, CompletionStage<QueryResult>> evaluator;
    private final SubscriptionSettings settings;
    private final SubscriptionStats stats;
    private final Clock clock;
    private final ClusterWriteNotices notices;
    private final ActorRef<ClusterWriteNotices.WrittenElsewhere> elsewhere;
    /** Whether this manager is subscribed to the other nodes' writes: only while it has live queries. */
    private boolean following;
    private final Map<String, Live> byText = new HashMap<>();
    private final Map<ActorRef<LiveQuery.Command>, Live> byRef = new HashMap<>();
    private final Map<ActorRef<SubscriptionEvent>, Live> bySubscriber = new HashMap<>();
    private long nextId;

    private SubscriptionManager(ActorContext<Command> context, Function<String, CompletionStage<QueryResult>> evaluator,
            SubscriptionSettings settings, SubscriptionStats stats, Clock clock, ClusterWriteNotices notices) {
        super(context);
        this.evaluator = evaluator;
        this.settings = settings;
        this.stats = stats;
        this.clock = clock;
        this.notices = notices;
        this.elsewhere = context.messageAdapter(ClusterWriteNotices.WrittenElsewhere.class, WrittenOnOtherNode::new);
    }

    /**
     * @param evaluator runs a query to its whole result (the engine's {@code query})
     * @param notices the other nodes' acknowledged writes, followed while there are live queries
     */
    static Behavior<Command> create(Function<String, CompletionStage<QueryResult>> evaluator,
            SubscriptionSettings settings, SubscriptionStats stats, Clock clock, ClusterWriteNotices notices) {
        return Behaviors.setup(context -> new SubscriptionManager(context, evaluator, settings, stats, clock, notices));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(Unsubscribe.class, unsubscribe -> leave(unsubscribe.subscriber(), true))
                .onMessage(Ack.class, this::onAck)
                .onMessage(Written.class, written -> onWritten(written.write()))
                .onMessage(WrittenOnOtherNode.class, this::onWrittenOnOtherNode)
                .onMessageEquals(RefreshAll.INSTANCE, this::onRefreshAll)
                .onMessage(QueryFailed.class, this::onQueryFailed)
                .onMessage(SubscriberDropped.class, dropped -> leave(dropped.subscriber(), false))
                .onSignal(Terminated.class, this::onTerminated)
                .build();
    }

    private Behavior<Command> onSubscribe(Subscribe subscribe) {
        ActorRef<SubscriptionEvent> subscriber = subscribe.subscriber();
        if (bySubscriber.containsKey(subscriber)) {
            return this;
        }
        QueryShape shape;
        try {
            shape = QueryShape.of(subscribe.sql());
        } catch (ParseException e) {
            subscriber.tell(new SubscriptionEvent.Failed(ErrorKind.VALIDATION, e.getMessage()));
            return this;
        }
        Live live = byText.get(shape.normalisedText());
        if (live == null) {
            long id = nextId++;
            ActorRef<LiveQuery.Command> ref = getContext().spawn(LiveQuery.create(id, subscribe.sql(), shape, evaluator,
                    settings, stats, clock, getContext().getSelf()), "live-query-" + id);
            getContext().watch(ref);
            live = new Live(shape.normalisedText(), shape, ref);
            byText.put(live.text, live);
            byRef.put(ref, live);
            followOtherNodes();
        }
        live.subscribers++;
        bySubscriber.put(subscriber, live);
        getContext().watch(subscriber);
        stats.subscribersChanged(1);
        live.ref.tell(new LiveQuery.Join(subscriber));
        return this;
    }

    private Behavior<Command> onAck(Ack ack) {
        Live live = bySubscriber.get(ack.subscriber());
        if (live != null) {
            live.ref.tell(new LiveQuery.Acked(ack.subscriber()));
        }
        return this;
    }

    private Behavior<Command> onWritten(TableWritten write) {
        String table = (write.database() + "." + write.table()).toLowerCase(Locale.ROOT);
        for (Live live : byRef.values()) {
            if (live.shape.tables().contains(table)) {
                live.ref.tell(new LiveQuery.Written(write));
            }
        }
        return this;
    }

    private Behavior<Command> onWrittenOnOtherNode(WrittenOnOtherNode notice) {
        if (!notice.writes().origin().equals(notices.self())) {
            for (TableWritten write : notice.writes().writes()) {
                onWritten(write);
            }
        }
        return this;
    }

    /** Subscribes to the other nodes' writes while there are live queries, and only then. */
    private void followOtherNodes() {
        boolean wanted = !byRef.isEmpty();
        if (wanted != following) {
            following = wanted;
            notices.topic().tell(wanted ? Topic.subscribe(elsewhere) : Topic.unsubscribe(elsewhere));
        }
    }

    private Behavior<Command> onRefreshAll() {
        for (Live live : byRef.values()) {
            live.ref.tell(LiveQuery.Refresh.INSTANCE);
        }
        return this;
    }

    private Behavior<Command> onQueryFailed(QueryFailed failed) {
        Live live = byRef.get(failed.query());
        if (live == null) {
            return this;
        }
        failSubscribers(live, failed.kind(), failed.message());
        stop(live);
        return this;
    }

    private Behavior<Command> onTerminated(Terminated terminated) {
        Live live = byRef.get(terminated.getRef());
        if (live != null) {
            // a live query that failed unexpectedly: its subscribers cannot be served any more
            failSubscribers(live, ErrorKind.INTERNAL, "the live query stopped");
            forget(live);
            return this;
        }
        return leave(terminated.getRef().unsafeUpcast(), true);
    }

    /** Removes a subscriber; the live query is told unless it removed the subscriber itself. */
    private Behavior<Command> leave(ActorRef<SubscriptionEvent> subscriber, boolean tellQuery) {
        Live live = bySubscriber.remove(subscriber);
        if (live == null) {
            return this;
        }
        getContext().unwatch(subscriber);
        stats.subscribersChanged(-1);
        if (tellQuery) {
            live.ref.tell(new LiveQuery.Leave(subscriber));
        }
        if (--live.subscribers == 0) {
            stop(live);
        }
        return this;
    }

    private void failSubscribers(Live live, ErrorKind kind, String message) {
        bySubscriber.entrySet().removeIf(entry -> {
            if (entry.getValue() != live) {
                return false;
            }
            entry.getKey().tell(new SubscriptionEvent.Failed(kind, message));
            getContext().unwatch(entry.getKey());
            stats.subscribersChanged(-1);
            return true;
        });
    }

    private void stop(Live live) {
        getContext().unwatch(live.ref);
        getContext().stop(live.ref);
        forget(live);
    }

    private void forget(Live live) {
        byText.remove(live.text, live);
        byRef.remove(live.ref);
        followOtherNodes();
    }
}
