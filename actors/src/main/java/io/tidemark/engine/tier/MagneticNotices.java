package io.tidemark.engine.tier;

import io.tidemark.storage.serialization.KryoSerializable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide "magnetic-changed" notices: the node writing the shared magnetic root publishes
 * a {@link MagneticChanged} after each change to a table's segments, and every other node's
 * {@link MagneticTier} reads that table's directory again ({@link MagneticTier#refresh}, on the
 * blocking dispatcher). A node that starts later reads the directories as they are; a notice lost
 * on the way (the topic learns of a new node's subscription a moment after it joins) is made up
 * by a periodic refresh of the open tables on the nodes that do not write. A notice from this node
 * itself is ignored: its tier made the change.
 *
 * <p>Migration needs more than a notice: once the shard drops the points it migrated, a node that
 * has not reloaded yet would find them in neither tier. So the migrator waits, between the segment
 * write and the shard's commit, until every other node's watcher answers a {@link Reload} of the
 * table ({@link #othersReloaded}); the watchers find each other through the receptionist
 * ({@value #WATCHERS_KEY}). A node that does not answer within
 * {@code tidemark.engine.tier.reload-wait} (unreachable, about to be downed) is logged and not
 * waited for longer.
 *
 * <p>On a single node the topic has no remote subscribers and there are no other watchers, so a
 * notice is one local message that is never serialized, and the migrator does not wait.
 */
public final class MagneticNotices {

    /** The topic's name; equal on every node. */
    public static final String TOPIC = "magnetic-changed";

    /** What the writer tells the other nodes. */
    public sealed interface MagneticNotice extends KryoSerializable permits MagneticChanged, MigrationReport {

        /** The address of the node that sent it. */
        String origin();
    }

    /**
     * A table's magnetic segments changed (added, rewritten, deleted, or the whole table deleted).
     *
     * @param origin the address of the node that changed them
     */
    public record MagneticChanged(String tableId, String origin) implements MagneticNotice {
    }

    /** The writer's migration figures ({@link MigrationProgress#snapshot}), for the other nodes' metrics. */
    public record MigrationReport(MigrationProgress.Snapshot progress, String origin) implements MagneticNotice {
    }

    /** Asks a node's watcher to read a table's directory again now and answer when it has. */
    public record Reload(String tableId, ActorRef<Reloaded> replyTo) implements KryoSerializable {
    }

    /** The answer to {@link Reload}: the node serves what the directory held when it got the request. */
    public record Reloaded(String tableId) implements KryoSerializable {
    }

    /** The receptionist key every node's watcher registers under. */
    public static final String WATCHERS_KEY = "magnetic-watchers";

    private static final ServiceKey<Reload> WATCHERS = ServiceKey.create(Reload.class, WATCHERS_KEY);
    private static final Logger LOG = LoggerFactory.getLogger(MagneticNotices.class);

    private final ActorSystem<?> system;
    private final ActorRef<Topic.Command<MagneticNotice>> topic;
    private final String self;
    /** Every node's watcher, as the receptionist last listed them; written by this node's watcher. */
    private volatile Set<ActorRef<Reload>> watchers = Set.of();

    private MagneticNotices(ActorSystem<?> system, ActorRef<Topic.Command<MagneticNotice>> topic) {
        this.system = system;
        this.topic = topic;
        this.self = system.address().toString();
    }

    /** Starts this node's end of the topic; {@link #watch} starts receiving. */
    public static MagneticNotices start(ActorSystem<?> system) {
        return new MagneticNotices(system, system.systemActorOf(Topic.create(MagneticNotice.class, TOPIC), TOPIC,
                Props.empty()));
    }

    /** Tells every node that the table's segments changed; the tier's change listener. */
    public void publish(String tableId) {
        topic.tell(Topic.<MagneticNotice>publish(new MagneticChanged(tableId, self)));
    }

    /**
     * Refreshes {@code tier}'s view of a table whenever another node announces a change to it, and
     * of every open table each {@code tidemark.engine.tier.magnetic-refresh-interval} while this
     * node is not the writer, in case a notice was lost. While it is the writer, it publishes
     * {@code progress} at that interval instead, and otherwise absorbs the writer's.
     */
    public void watch(MagneticTier tier, MigrationProgress progress) {
        Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
        Duration interval = system.settings().config().getDuration("tidemark.engine.tier.magnetic-refresh-interval");
        ActorRef<Object> watcher = system.systemActorOf(Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
            context.getSystem().receptionist().tell(Receptionist.register(WATCHERS, context.getSelf().narrow()));
            // through an adapter: the receptionist refuses one ref both registered and subscribed
            context.getSystem().receptionist().tell(Receptionist.subscribe(WATCHERS,
                    context.messageAdapter(Receptionist.Listing.class, listing -> listing)));
            return watcher(tier, progress, blocking);
        })), TOPIC + "-watcher", Props.empty());
        topic.tell(Topic.subscribe(watcher.narrow()));
    }

    /**
     * Completes once every other node's watcher has read the table's directory again, or did not
     * answer within {@code tidemark.engine.tier.reload-wait}; at once when there is no other node.
     * Never fails.
     */
    public CompletionStage<Void> othersReloaded(String tableId) {
        Duration wait = system.settings().config().getDuration("tidemark.engine.tier.reload-wait");
        List<CompletableFuture<Reloaded>> answers = new ArrayList<>();
        for (ActorRef<Reload> watcher : watchers) {
            if (!watcher.path().address().hasLocalScope()) {
                answers.add(AskPattern.<Reload, Reloaded>ask(watcher, replyTo -> new Reload(tableId, replyTo), wait,
                        system.scheduler()).toCompletableFuture().exceptionally(e -> {
                            LOG.warn("A node did not read the magnetic store again in time; not waiting for it:"
                                    + " tableId={}, watcher={}, cause={}", tableId, watcher, e.toString());
                            return null;
                        }));
            }
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
    }

    /** This node's end of the topic (tests wait on its subscriber count). */
    ActorRef<Topic.Command<MagneticNotice>> topic() {
        return topic;
    }

    private enum Tick {
        INSTANCE
    }

    private Behavior<Object> watcher(MagneticTier tier, MigrationProgress progress, Executor blocking) {
        return Behaviors.receive(Object.class)
                .onMessage(MagneticChanged.class, notice -> {
                    if (!notice.origin().equals(self)) {
                        refresh(tier, List.of(notice.tableId()), notice.origin(), blocking);
                    }
                    return Behaviors.same();
                })
                .onMessage(Reload.class, reload -> {
                    CompletableFuture.runAsync(() -> refresh(tier, reload.tableId(), "migration"), blocking)
                            .whenComplete((done, failure) -> reload.replyTo().tell(new Reloaded(reload.tableId())));
                    return Behaviors.same();
                })
                .onMessage(Receptionist.Listing.class, listing -> {
                    watchers = Set.copyOf(listing.getServiceInstances(WATCHERS));
                    return Behaviors.same();
                })
                .onMessage(MigrationReport.class, report -> {
                    if (!report.origin().equals(self)) {
                        progress.absorb(report.progress());
                    }
                    return Behaviors.same();
                })
                .onMessageEquals(Tick.INSTANCE, () -> {
                    if (tier.writing()) {
                        topic.tell(Topic.<MagneticNotice>publish(new MigrationReport(progress.snapshot(), self)));
                    } else {
                        refresh(tier, tier.openTables(), "timer", blocking);
                    }
                    return Behaviors.same();
                })
                .build();
    }

    private static void refresh(MagneticTier tier, List<String> tableIds, String cause, Executor blocking) {
        CompletableFuture.runAsync(() -> {
            for (String tableId : tableIds) {
                refresh(tier, tableId, cause);
            }
        }, blocking);
    }

    private static void refresh(MagneticTier tier, String tableId, String cause) {
        try {
            tier.refresh(tableId);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read the magnetic store again after another node changed it; the next notice"
                    + " or refresh retries: tableId={}, cause={}", tableId, cause, e);
        }
    }
}
