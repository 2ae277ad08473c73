package io.tidemark.engine.subscription;

import io.tidemark.storage.serialization.KryoSerializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Acknowledged writes told to the live queries of the other nodes: a write acknowledged through
 * node A re-evaluates the subscriptions of node B. Each node's writes reach its own
 * {@link SubscriptionManager} directly, as before; while the cluster has other members they are
 * also collected per table (time ranges merged) and published every {@link #COALESCE} on the
 * {@value #TOPIC} topic as one {@link WrittenElsewhere}. A manager subscribes to the topic only
 * while it has live queries, so the topic sends nothing to a node without any; and a single node
 * publishes nothing at all: its writes cost one volatile read here.
 */
final class ClusterWriteNotices {

    /** The topic's name; equal on every node. */
    static final String TOPIC = "table-written";

    /** How long writes are collected before they are published: bounds the notices per table. */
    static final Duration COALESCE = Duration.ofMillis(5);

    /**
     * The writes one node acknowledged during a {@link #COALESCE} period, one per table.
     *
     * @param origin the address of that node (its own manager ignores them: it saw them directly)
     */
    record WrittenElsewhere(String origin, List<TableWritten> writes) implements KryoSerializable {
    }

    private sealed interface Command permits Offer, Flush, MembersChanged {
    }

    private record Offer(TableWritten write) implements Command {
    }

    private enum Flush implements Command {
        INSTANCE
    }

    private record MembersChanged(ClusterEvent.MemberEvent event) implements Command {
    }

    private final ActorRef<Topic.Command<WrittenElsewhere>> topic;
    private final ActorRef<Command> relay;
    private final String self;
    /** True while the cluster has members besides this node; written by the relay only. */
    private volatile boolean othersUp;

    private ClusterWriteNotices(ActorSystem<?> system, String name) {
        this.self = system.address().toString();
        this.topic = system.systemActorOf(Topic.create(WrittenElsewhere.class, TOPIC), name + "-topic",
                Props.empty());
        this.relay = system.systemActorOf(relay(), name + "-relay", Props.empty());
    }

    /** Starts this node's topic end and relay; {@code name} keeps several services of one system apart. */
    static ClusterWriteNotices start(ActorSystem<?> system, String name) {
        return new ClusterWriteNotices(system, name);
    }

    /** This node's address, as it appears in {@link WrittenElsewhere#origin}. */
    String self() {
        return self;
    }

    ActorRef<Topic.Command<WrittenElsewhere>> topic() {
        return topic;
    }

    /** An acknowledged write of this node, for the other nodes' live queries. */
    void offer(TableWritten write) {
        if (othersUp) {
            relay.tell(new Offer(write));
        }
    }

    private Behavior<Command> relay() {
        return Behaviors.setup(context -> {
            Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
                    context.messageAdapter(ClusterEvent.MemberEvent.class, MembersChanged::new),
                    ClusterEvent.MemberEvent.class));
            Set<Address> up = new HashSet<>();
            Map<String, TableWritten> pending = new LinkedHashMap<>();
            return Behaviors.withTimers(timers -> Behaviors.receive(Command.class)
                    .onMessage(Offer.class, offer -> {
                        TableWritten write = offer.write();
                        pending.merge(write.database() + "\u0000" + write.table(), write, ClusterWriteNotices::merge);
                        if (!timers.isTimerActive(Flush.INSTANCE)) {
                            timers.startSingleTimer(Flush.INSTANCE, COALESCE);
                        }
                        return Behaviors.same();
                    })
                    .onMessageEquals(Flush.INSTANCE, () -> {
                        if (!pending.isEmpty()) {
                            topic.tell(Topic.publish(new WrittenElsewhere(self, new ArrayList<>(pending.values()))));
                            pending.clear();
                        }
                        return Behaviors.same();
                    })
                    .onMessage(MembersChanged.class, changed -> {
                        ClusterEvent.MemberEvent event = changed.event();
                        if (event instanceof ClusterEvent.MemberUp) {
                            up.add(event.member().address());
                        } else if (event instanceof ClusterEvent.MemberRemoved) {
                            up.remove(event.member().address());
                        }
                        othersUp = up.size() > 1;
                        return Behaviors.same();
                    })
                    .build());
        });
    }

    /** One write covering both time ranges. */
    private static TableWritten merge(TableWritten a, TableWritten b) {
        return new TableWritten(a.database(), a.table(), Math.min(a.minTimeNanos(), b.minTimeNanos()),
                Math.max(a.maxTimeNanos(), b.maxTimeNanos()));
    }
}
