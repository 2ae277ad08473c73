package io.tidemark.engine.shard.replica;

import io.tidemark.engine.shard.replica.ReplicaMessages.KeeperCommand;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The {@link ReplicaKeeper}s of the cluster, as a node's shards see them. Every node runs its keeper
 * at the same path ({@code /system/replica-keeper}), so the keeper of a member is found from its
 * address; the members are read from the cluster state on each call, so placement follows
 * membership changes without a subscription. Thread-safe: every shard of the node uses it.
 */
public final class ReplicaPeers {

    /** Name of the keeper actor under {@code /system}. */
    public static final String KEEPER_NAME = "replica-keeper";

    private final Cluster cluster;
    private final ActorRefResolver resolver;
    private final ActorRef<KeeperCommand> local;
    private final Map<Address, ActorRef<KeeperCommand>> remote = new ConcurrentHashMap<>();

    public ReplicaPeers(ActorSystem<?> system, ActorRef<KeeperCommand> local) {
        this.cluster = Cluster.get(system);
        this.resolver = ActorRefResolver.get(system);
        this.local = local;
    }

    /** This node's keeper. */
    public ActorRef<KeeperCommand> local() {
        return local;
    }

    /**
     * The keepers of the {@code count} members following this node in the ring of Up, reachable
     * members sorted by address (fewer when the cluster has fewer other members).
     */
    public List<ActorRef<KeeperCommand>> replicas(int count) {
        List<Address> ring = ring();
        Address self = cluster.selfMember().address();
        int at = ring.indexOf(self);
        List<ActorRef<KeeperCommand>> replicas = new ArrayList<>(count);
        for (int i = 1; i < ring.size() && replicas.size() < count; i++) {
            Address next = ring.get(Math.floorMod((at < 0 ? -1 : at) + i, ring.size()));
            if (!next.equals(self)) {
                replicas.add(keeper(next));
            }
        }
        return replicas;
    }

    /** The keepers of every Up, reachable member but this node. */
    public List<ActorRef<KeeperCommand>> others() {
        Address self = cluster.selfMember().address();
        List<ActorRef<KeeperCommand>> others = new ArrayList<>();
        for (Address a : ring()) {
            if (!a.equals(self)) {
                others.add(keeper(a));
            }
        }
        return others;
    }

    /** The member's address a keeper ref points to, for messages and logs. */
    public String describe(ActorRef<?> keeper) {
        return keeper.path().address().hasGlobalScope() ? keeper.path().address().toString()
                : cluster.selfMember().address().toString();
    }

    private List<Address> ring() {
        Set<Member> unreachable = cluster.state().getUnreachable();
        List<Address> ring = new ArrayList<>();
        for (Member m : cluster.state().getMembers()) {
            if (m.status() == MemberStatus.up() && !unreachable.contains(m)) {
                ring.add(m.address());
            }
        }
        ring.sort(Comparator.comparing(Address::toString));
        return ring;
    }

    private ActorRef<KeeperCommand> keeper(Address address) {
        return remote.computeIfAbsent(address, a -> resolver.resolveActorRef(a + "/system/" + KEEPER_NAME));
    }
}
