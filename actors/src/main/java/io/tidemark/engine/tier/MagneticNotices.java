package io.tidemark.engine.tier;

import io.tidemark.storage.serialization.KryoSerializable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
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
 * <p>On a single node the topic has no remote subscribers, so a notice is one local message that
 * is never serialized.
 */
public final class MagneticNotices {

    /** The topic's name; equal on every node. */
    public static final String TOPIC = "magnetic-changed";

    /**
     * A table's magnetic segments changed (added, rewritten, deleted, or the whole table deleted).
     *
     * @param origin the address of the node that changed them
     */
    public record MagneticChanged(String tableId, String origin) implements KryoSerializable {
    }

    private static final Logger LOG = LoggerFactory.getLogger(MagneticNotices.class);

    private final ActorSystem<?> system;
    private final ActorRef<Topic.Command<MagneticChanged>> topic;
    private final String self;

    private MagneticNotices(ActorSystem<?> system, ActorRef<Topic.Command<MagneticChanged>> topic) {
        this.system = system;
        this.topic = topic;
        this.self = system.address().toString();
    }

    /** Starts this node's end of the topic; {@link #watch} starts receiving. */
    public static MagneticNotices start(ActorSystem<?> system) {
        return new MagneticNotices(system, system.systemActorOf(Topic.create(MagneticChanged.class, TOPIC), TOPIC,
                Props.empty()));
    }

    /** Tells every node that the table's segments changed; the tier's change listener. */
    public void publish(String tableId) {
        topic.tell(Topic.publish(new MagneticChanged(tableId, self)));
    }

    /**
     * Refreshes {@code tier}'s view of a table whenever another node announces a change to it, and
     * of every open table each {@code tidemark.engine.tier.magnetic-refresh-interval} while this
     * node is not the writer, in case a notice was lost.
     */
    public void watch(MagneticTier tier) {
        Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
        Duration interval = system.settings().config().getDuration("tidemark.engine.tier.magnetic-refresh-interval");
        ActorRef<Object> watcher = system.systemActorOf(watcher(tier, self, blocking, interval), TOPIC + "-watcher",
                Props.empty());
        topic.tell(Topic.subscribe(watcher.narrow()));
    }

    /** This node's end of the topic (tests wait on its subscriber count). */
    ActorRef<Topic.Command<MagneticChanged>> topic() {
        return topic;
    }

    private enum RefreshOpen {
        INSTANCE
    }

    private static Behavior<Object> watcher(MagneticTier tier, String self, Executor blocking, Duration interval) {
        return Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(RefreshOpen.INSTANCE, interval);
            return Behaviors.receive(Object.class)
                    .onMessage(MagneticChanged.class, notice -> {
                        if (!notice.origin().equals(self)) {
                            refresh(tier, List.of(notice.tableId()), notice.origin(), blocking);
                        }
                        return Behaviors.same();
                    })
                    .onMessageEquals(RefreshOpen.INSTANCE, () -> {
                        if (!tier.writing()) {
                            refresh(tier, tier.openTables(), "timer", blocking);
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static void refresh(MagneticTier tier, List<String> tableIds, String cause, Executor blocking) {
        CompletableFuture.runAsync(() -> {
            for (String tableId : tableIds) {
                try {
                    tier.refresh(tableId);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Cannot read the magnetic store again after another node changed it; the next notice"
                            + " or refresh retries: tableId={}, cause={}", tableId, cause, e);
                }
            }
        }, blocking);
    }
}
