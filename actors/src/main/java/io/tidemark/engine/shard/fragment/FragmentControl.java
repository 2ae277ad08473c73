package io.tidemark.engine.shard.fragment;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.storage.serialization.KryoSerializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * A node's control of query fragment attempts, both where they are asked for and where they run,
 * with one actor per node ({@code /system/fragment-control}) that the other nodes reach.
 *
 * <p>Where a fragment runs: {@link #begin} registers a {@link TrackedFragment} under its id
 * ({@link RunningFragments}) and tells the querying node's control at once that it started
 * ({@link FragmentStarted}, carrying this node's control ref); a {@link CancelFragment} arriving
 * here flips the attempt's flag, which its scan checks before every chunk. The cancel goes to the
 * node that acknowledged the attempt, not to the shard entity: after a hand-off the entity lives
 * elsewhere while the fragment still runs where it was received.
 *
 * <p>Where a query runs: {@link #open} registers an attempt ({@link Attempt}), whose receipt
 * completes when its {@link FragmentStarted} arrives, whose {@link Attempt#lost()} fails when the
 * node running it becomes unreachable or leaves the cluster (or, before its receipt, when any
 * node does: it may have been sent there), and whose {@link Attempt#cancel} reaches the running
 * node once it is known, even when the receipt arrives after the cancel. A receipt for an attempt
 * nobody waits for any more (it was given up) is answered with a cancel. {@link #settled()}
 * completes when this node sees no unreachable member, which is when a retry can reach a shard
 * moved off a lost node (Cluster Sharding moves it once the node is downed and removed).
 */
public final class FragmentControl {

    /** The control actor's name under {@code /system}. */
    public static final String NAME = "fragment-control";

    /** What the control actor handles. */
    public sealed interface Command permits FragmentStarted, CancelFragment, MembershipChanged, AwaitSettled {
    }

    /** The control messages that cross nodes. */
    public interface Remote extends KryoSerializable {
    }

    private enum Change { UNREACHABLE, REACHABLE, REMOVED }

    private record MembershipChanged(Address address, Change change) implements Command {
    }

    private record AwaitSettled(CompletableFuture<Void> settled) implements Command {
    }

    /** What this node's control has seen since the node started, for metrics and tests. */
    public record Counts(int running, long cancelled, long acknowledged, long lost) {
    }

    private final RunningFragments running = new RunningFragments();
    private final Map<FragmentId, Attempt> attempts = new ConcurrentHashMap<>();
    private final AtomicLong serials = new AtomicLong();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private ActorRef<Command> self;

    private FragmentControl() {
    }

    /** Starts the node's control actor. */
    public static FragmentControl start(ActorSystem<?> system) {
        FragmentControl control = new FragmentControl();
        control.self = system.systemActorOf(control.behavior(), NAME, Props.empty());
        return control;
    }

    /** A number for the next attempt this node asks for, unique on this node. */
    public long nextSerial() {
        return serials.incrementAndGet();
    }

    public Counts counts() {
        return new Counts(running.running(), running.cancelled(), acknowledged.sum(), lost.sum());
    }

    // ---- where fragments run ----

    /**
     * Registers {@code fragment} as running here and acknowledges it to the querying node.
     *
     * @return the running attempt: its flag says when to stop; {@link RunningFragments.Running#finish()} when done
     */
    public RunningFragments.Running begin(TrackedFragment fragment) {
        RunningFragments.Running run = running.begin(fragment.id());
        FragmentStarted started = new FragmentStarted(fragment.id(), self);
        if (fragment.control().path().address().hasLocalScope()) {
            onStarted(started);
        } else {
            fragment.control().tell(started);
        }
        return run;
    }

    // ---- where queries run ----

    /** Registers an attempt about to be sent; {@link Attempt#close()} it once it is over. */
    public Attempt open(FragmentId id) {
        Attempt attempt = new Attempt(id);
        attempts.put(id, attempt);
        return attempt;
    }

    /** Completes once this node sees no unreachable member (at once when it sees none now). */
    public CompletableFuture<Void> settled() {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        self.tell(new AwaitSettled(settled));
        return settled;
    }

    /** One attempt of a fragment on one shard, as the querying node follows it. */
    public final class Attempt {

        private final FragmentId id;
        private final CompletableFuture<Void> received = new CompletableFuture<>();
        private final CompletableFuture<Void> lostNode = new CompletableFuture<>();
        private volatile ActorRef<Command> host;
        private volatile String cancelled;

        private Attempt(FragmentId id) {
            this.id = id;
        }

        public FragmentId id() {
            return id;
        }

        /** {@code fragment} under this attempt's id, to send to the shard. */
        public TrackedFragment track(ShardFragment fragment) {
            return new TrackedFragment(id, self, fragment);
        }

        /** Completes when the node running the attempt has received it. */
        public CompletableFuture<Void> received() {
            return received;
        }

        /** Fails (INTERNAL) when the node running the attempt is lost; never completes normally. */
        public CompletableFuture<Void> lost() {
            return lostNode;
        }

        /** Stops the attempt where it runs, now or as soon as its receipt names the node. */
        public void cancel(String reason) {
            cancelled = reason;
            ActorRef<Command> known = host;
            if (known != null) {
                known.tell(new CancelFragment(id, reason));
            }
        }

        /** Forgets the attempt: a receipt arriving later is answered with a cancel. */
        public void close() {
            attempts.remove(id, this);
        }

        private void started(ActorRef<Command> node) {
            host = node;
            received.complete(null);
            String reason = cancelled;
            if (reason != null) {
                node.tell(new CancelFragment(id, reason));
            }
        }

        private void lose(Address address) {
            if (lostNode.completeExceptionally(new EngineException(ErrorKind.INTERNAL, "cannot run query fragment:"
                    + " the node" + (host == null ? " it may have been sent to" : " running it") + " is lost, node="
                    + address + ", " + id))) {
                lost.increment();
            }
        }

        private boolean mayRunOn(Address address) {
            ActorRef<Command> known = host;
            return known == null || address.equals(known.path().address());
        }
    }

    // ---- the actor ----

    private Behavior<Command> behavior() {
        return Behaviors.setup(context -> {
            Cluster cluster = Cluster.get(context.getSystem());
            cluster.subscriptions().tell(Subscribe.create(context.messageAdapter(ClusterEvent.ReachabilityEvent.class,
                    event -> new MembershipChanged(event.member().address(), event instanceof ClusterEvent.UnreachableMember
                            ? Change.UNREACHABLE : Change.REACHABLE)), ClusterEvent.ReachabilityEvent.class));
            cluster.subscriptions().tell(Subscribe.create(context.messageAdapter(ClusterEvent.MemberRemoved.class,
                    event -> new MembershipChanged(event.member().address(), Change.REMOVED)),
                    ClusterEvent.MemberRemoved.class));
            return receiving(context, new HashSet<>(), new ArrayList<>());
        });
    }

    private Behavior<Command> receiving(ActorContext<Command> context, Set<Address> unreachable,
            List<CompletableFuture<Void>> waiting) {
        return Behaviors.receive(Command.class)
                .onMessage(FragmentStarted.class, started -> {
                    Attempt attempt = onStarted(started);
                    if (attempt != null && unreachable.contains(started.host().path().address())) {
                        attempt.lose(started.host().path().address());
                    }
                    return Behaviors.same();
                })
                .onMessage(CancelFragment.class, cancel -> {
                    running.cancel(cancel.id(), cancel.reason());
                    context.getLog().debug("fragment cancelled: {}, reason={}", cancel.id(), cancel.reason());
                    return Behaviors.same();
                })
                .onMessage(MembershipChanged.class, change -> {
                    if (change.change() == Change.UNREACHABLE) {
                        unreachable.add(change.address());
                    } else {
                        unreachable.remove(change.address());
                    }
                    // a node reachable again is not lost: its attempts go on
                    if (change.change() != Change.REACHABLE) {
                        attempts.values().stream().filter(a -> a.mayRunOn(change.address()))
                                .forEach(a -> a.lose(change.address()));
                    }
                    if (unreachable.isEmpty()) {
                        waiting.forEach(settled -> settled.complete(null));
                        waiting.clear();
                    }
                    return Behaviors.same();
                })
                .onMessage(AwaitSettled.class, await -> {
                    if (unreachable.isEmpty()) {
                        await.settled().complete(null);
                    } else {
                        waiting.add(await.settled());
                    }
                    return Behaviors.same();
                })
                .build();
    }

    /** The attempt {@code started} acknowledges, or null (then the running node is told to stop it). */
    private Attempt onStarted(FragmentStarted started) {
        acknowledged.increment();
        Attempt attempt = attempts.get(started.id());
        if (attempt == null) {
            started.host().tell(new CancelFragment(started.id(), "the querying node no longer waits for it"));
            return null;
        }
        attempt.started(started.host());
        return attempt;
    }
}
