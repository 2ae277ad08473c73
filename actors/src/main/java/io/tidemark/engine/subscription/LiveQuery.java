package io.tidemark.engine.subscription;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.query.QueryService.QueryResult;
import io.tidemark.sql.analyzer.OutputColumn;
import io.tidemark.sql.type.SqlType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One distinct subscribed query: owns its evaluation and fans the result out to every subscriber
 * of the same (normalised) text. The first evaluation gives each subscriber a snapshot; then a
 * write to a table the query reads marks it dirty, and it is evaluated again at most once per
 * {@code min-interval} (writes in between are coalesced), plus in full every
 * {@code refresh-interval} (which moves {@code ago()} windows). An incremental query (see
 * {@link QueryShape}) whose pending writes have known time ranges is re-run over the touched bins
 * only and those bins' rows are replaced; otherwise the whole result is re-evaluated. Either way
 * subscribers receive only the changed rows.
 *
 * <p>Flow control per subscriber: one event in flight; until the subscriber acknowledges it, later
 * changes merge into one pending update ({@link RowChanges}). A subscriber with more than
 * {@code max-pending-rows} pending rows, or more than {@code max-coalesced-updates} evaluations
 * merged, is sent {@link SubscriptionEvent.Closing} and dropped: nothing grows without bound.
 *
 * <p>A failure the user caused (a bad query, an unknown table) goes to the manager, which tells
 * every subscriber and stops this actor; an engine failure is logged and retried at the next
 * evaluation.
 */
final class LiveQuery extends AbstractBehavior<LiveQuery.Command> {

    sealed interface Command permits Join, Leave, Acked, Written, Refresh, Evaluated, CooledDown {
    }

    /** Adds a subscriber: it gets the snapshot as soon as there is a result. */
    record Join(ActorRef<SubscriptionEvent> subscriber) implements Command {
    }

    /** Removes a subscriber (disconnected); nothing more is sent to it. */
    record Leave(ActorRef<SubscriptionEvent> subscriber) implements Command {
    }

    /** The subscriber has taken the last event sent to it and can take the next. */
    record Acked(ActorRef<SubscriptionEvent> subscriber) implements Command {
    }

    /** A write to a table the query reads was acknowledged. */
    record Written(TableWritten write) implements Command {
    }

    /** Evaluate in full now (the periodic timer, or an explicit refresh). */
    enum Refresh implements Command { INSTANCE }

    private record Evaluated(Scope scope, QueryResult result, Throwable failure) implements Command {
    }

    private enum CooledDown implements Command { INSTANCE }

    /** What an evaluation recomputes: everything, or the bins in {@code [fromNanos, toNanos)}. */
    private record Scope(boolean full, long fromNanos, long toNanos) {
        static final Scope ALL = new Scope(true, 0, 0);

        boolean holds(Object binStart) {
            return binStart instanceof Long nanos && nanos >= fromNanos && nanos < toNanos;
        }
    }

    /** A subscriber's delivery state. */
    private static final class Subscriber {
        boolean awaitingAck;
        long seq;
        int coalesced;
        RowChanges pending = new RowChanges();
    }

    static final String TOO_SLOW = "subscriber too slow";
    /** The least wait before evaluating again after the engine failed, so a lasting failure is not retried in a loop. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final long id;
    private final String sql;
    private final QueryShape shape;
    private final Function<String, CompletionStage<QueryResult>> evaluator;
    private final SubscriptionSettings settings;
    private final SubscriptionStats stats;
    private final Clock clock;
    private final ActorRef<SubscriptionManager.Command> manager;
    private final TimerScheduler<Command> timers;
    private final Map<ActorRef<SubscriptionEvent>, Subscriber> subscribers = new LinkedHashMap<>();

    private List<OutputColumn> columns;
    private ResultRows result;
    private boolean evaluating;
    private boolean coolingDown;
    private boolean dirty = true;
    private boolean dirtyAll = true;
    private long dirtyFromNanos = Long.MAX_VALUE;
    private long dirtyToNanos = Long.MIN_VALUE;
    /** Epoch millis of the oldest write not yet in an evaluation, and of the oldest in the running one; 0: none. */
    private long undeliveredSince;
    private long inFlightSince;

    private LiveQuery(ActorContext<Command> context, TimerScheduler<Command> timers, long id, String sql,
            QueryShape shape, Function<String, CompletionStage<QueryResult>> evaluator, SubscriptionSettings settings,
            SubscriptionStats stats, Clock clock, ActorRef<SubscriptionManager.Command> manager) {
        super(context);
        this.timers = timers;
        this.id = id;
        this.sql = sql;
        this.shape = shape;
        this.evaluator = evaluator;
        this.settings = settings;
        this.stats = stats;
        this.clock = clock;
        this.manager = manager;
    }

    static Behavior<Command> create(long id, String sql, QueryShape shape,
            Function<String, CompletionStage<QueryResult>> evaluator, SubscriptionSettings settings,
            SubscriptionStats stats, Clock clock, ActorRef<SubscriptionManager.Command> manager) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Refresh.INSTANCE, settings.refreshInterval());
            stats.liveQueryStarted(id);
            LiveQuery query = new LiveQuery(context, timers, id, sql, shape, evaluator, settings, stats, clock, manager);
            query.requestEvaluation();
            return query;
        }));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Join.class, this::onJoin)
                .onMessage(Leave.class, this::onLeave)
                .onMessage(Acked.class, this::onAcked)
                .onMessage(Written.class, this::onWritten)
                .onMessageEquals(Refresh.INSTANCE, this::onRefresh)
                .onMessage(Evaluated.class, this::onEvaluated)
                .onMessageEquals(CooledDown.INSTANCE, this::onCooledDown)
                .onSignal(PostStop.class, signal -> {
                    stats.liveQueryStopped(id);
                    return this;
                })
                .build();
    }

    private Behavior<Command> onJoin(Join join) {
        if (subscribers.containsKey(join.subscriber())) {
            return this;
        }
        Subscriber subscriber = new Subscriber();
        subscribers.put(join.subscriber(), subscriber);
        if (result != null) {
            sendSnapshot(join.subscriber(), subscriber);
        }
        return this;
    }

    private Behavior<Command> onLeave(Leave leave) {
        subscribers.remove(leave.subscriber());
        return this;
    }

    private Behavior<Command> onAcked(Acked acked) {
        Subscriber subscriber = subscribers.get(acked.subscriber());
        if (subscriber != null) {
            subscriber.awaitingAck = false;
            flush(acked.subscriber(), subscriber);
        }
        return this;
    }

    private Behavior<Command> onWritten(Written written) {
        TableWritten write = written.write();
        dirty = true;
        if (write.hasTimeRange()) {
            dirtyFromNanos = Math.min(dirtyFromNanos, write.minTimeNanos());
            dirtyToNanos = Math.max(dirtyToNanos, write.maxTimeNanos());
        } else {
            dirtyAll = true;
        }
        if (undeliveredSince == 0) {
            undeliveredSince = clock.millis();
            reportUndelivered();
        }
        requestEvaluation();
        return this;
    }

    private Behavior<Command> onRefresh() {
        dirty = true;
        dirtyAll = true;
        requestEvaluation();
        return this;
    }

    private Behavior<Command> onCooledDown() {
        coolingDown = false;
        requestEvaluation();
        return this;
    }

    private void requestEvaluation() {
        if (evaluating || coolingDown || !dirty) {
            return;
        }
        Scope scope = scope();
        String text = scope.full() ? sql : shape.restrictedTo(scope.fromNanos(), scope.toNanos());
        dirty = false;
        dirtyAll = false;
        dirtyFromNanos = Long.MAX_VALUE;
        dirtyToNanos = Long.MIN_VALUE;
        inFlightSince = undeliveredSince;
        undeliveredSince = 0;
        evaluating = true;
        stats.evaluated();
        getContext().pipeToSelf(evaluator.apply(text), (rows, failure) -> new Evaluated(scope, rows, failure));
    }

    private Scope scope() {
        if (dirtyAll || result == null || !shape.incremental()) {
            return Scope.ALL;
        }
        long from = shape.binStart(dirtyFromNanos);
        long to = shape.binEnd(dirtyToNanos);
        return to > from ? new Scope(false, from, to) : Scope.ALL;
    }

    private Behavior<Command> onEvaluated(Evaluated evaluated) {
        evaluating = false;
        if (evaluated.failure() != null) {
            return onFailure(unwrap(evaluated.failure()));
        }
        QueryResult rows = evaluated.result();
        if (result == null) {
            columns = rows.columns();
            List<SqlType> types = new ArrayList<>(columns.size());
            for (OutputColumn column : columns) {
                types.add(column.type());
            }
            result = new ResultRows(shape.keyColumns().orElse(null), types);
            result.replaceAll(rows.rows());
            subscribers.forEach((ref, subscriber) -> sendSnapshot(ref, subscriber));
        } else {
            Scope scope = evaluated.scope();
            RowChanges changes = scope.full() ? result.replaceAll(rows.rows())
                    : result.replace(rows.rows(), row -> scope.holds(row.get(shape.binColumn())));
            if (!changes.isEmpty()) {
                distribute(changes);
            }
        }
        inFlightSince = 0;
        reportUndelivered();
        coolDown();
        return this;
    }

    private Behavior<Command> onFailure(Throwable failure) {
        if (failure instanceof EngineException e
                && (e.kind() == ErrorKind.VALIDATION || e.kind() == ErrorKind.NOT_FOUND)) {
            manager.tell(new SubscriptionManager.QueryFailed(getContext().getSelf(), e.kind(), e.getMessage()));
            return this;
        }
        getContext().getLog().warn("cannot evaluate live query, retrying: query={}, cause={}", sql, failure.toString());
        dirty = true;
        dirtyAll = true;
        undeliveredSince = undeliveredSince == 0 ? inFlightSince : Math.min(undeliveredSince, inFlightSince);
        inFlightSince = 0;
        coolingDown = true;
        timers.startSingleTimer(CooledDown.INSTANCE, settings.minInterval().compareTo(RETRY_DELAY) > 0
                ? settings.minInterval() : RETRY_DELAY);
        return this;
    }

    /** The next evaluation starts no sooner than {@code min-interval} after this one ended. */
    private void coolDown() {
        if (settings.minInterval().isZero()) {
            requestEvaluation();
        } else {
            coolingDown = true;
            timers.startSingleTimer(CooledDown.INSTANCE, settings.minInterval());
        }
    }

    private void distribute(RowChanges changes) {
        List<ActorRef<SubscriptionEvent>> tooSlow = new ArrayList<>();
        subscribers.forEach((ref, subscriber) -> {
            subscriber.pending.mergeAll(changes);
            if (!subscriber.awaitingAck) {
                flush(ref, subscriber);
                return;
            }
            subscriber.coalesced++;
            if (subscriber.pending.size() > settings.maxPendingRows()
                    || subscriber.coalesced > settings.maxCoalescedUpdates()) {
                tooSlow.add(ref);
            }
        });
        for (ActorRef<SubscriptionEvent> ref : tooSlow) {
            subscribers.remove(ref);
            // counted before the notice goes out, so whoever receives it reads the count updated
            stats.slowSubscriberClosed();
            ref.tell(new SubscriptionEvent.Closing(TOO_SLOW));
            manager.tell(new SubscriptionManager.SubscriberDropped(ref));
        }
    }

    private void sendSnapshot(ActorRef<SubscriptionEvent> ref, Subscriber subscriber) {
        subscriber.awaitingAck = true;
        ref.tell(new SubscriptionEvent.Snapshot(columns, result.toBatch()));
    }

    private void flush(ActorRef<SubscriptionEvent> ref, Subscriber subscriber) {
        if (subscriber.awaitingAck || subscriber.pending.isEmpty()) {
            return;
        }
        RowChanges pending = subscriber.pending;
        subscriber.pending = new RowChanges();
        subscriber.coalesced = 0;
        subscriber.awaitingAck = true;
        subscriber.seq++;
        List<SqlType> types = result.types();
        ref.tell(new SubscriptionEvent.Update(subscriber.seq, pending.rows(RowChanges.Kind.ADDED, types),
                pending.rows(RowChanges.Kind.UPDATED, types), pending.rows(RowChanges.Kind.REMOVED, types)));
    }

    private void reportUndelivered() {
        stats.undeliveredSince(id, inFlightSince != 0 ? inFlightSince : undeliveredSince);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
