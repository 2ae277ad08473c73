package io.tidemark.engine.shard.replica;

import io.tidemark.engine.shard.replica.ReplicaMessages.Append;
import io.tidemark.engine.shard.replica.ReplicaMessages.Appended;
import io.tidemark.engine.shard.replica.ReplicaMessages.KeeperCommand;
import io.tidemark.storage.journal.JournalEntry;
import io.tidemark.storage.journal.ShardJournal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The primary side of a replicated shard: ships what the shard journals to the keepers of the
 * R−1 members after this node in the ring ({@link ReplicaPeers#replicas}), counts which of them
 * hold a run of writes, and brings lagging or diverged copies up to date from the journal
 * (backfill, one page in flight per copy). Used by the shard entity on its own thread; every
 * reply comes back to it as an {@link Appended} through {@code replies}.
 *
 * <p>Each {@link Append} names the entry the copy must end with (sequence number and checksum);
 * a copy that does not is answered by a backfill from the entry it does end with, when this
 * journal holds the same entry there, or else from this journal's first entry with the copy
 * deleted first ({@code fromScratch}). A copy ahead of this journal holds entries the shard does
 * not: the shard must catch up from it ({@link Outcome#REPLICA_AHEAD}).
 */
public final class ReplicationLink {

    /** What a reply asks of the shard. */
    public enum Outcome {
        /** Nothing beyond {@link #quorumReached()}. */
        NONE,
        /** A copy holds entries this journal does not: restart and catch up before serving more. */
        REPLICA_AHEAD
    }

    private final String tableId;
    private final int shard;
    private final ReplicationSettings settings;
    private final ReplicaPeers peers;
    private final ShardJournal journal;
    private final ActorRef<Appended> replies;
    /**
     * Copies (by their node's address: a ref found by path and the keeper's own ref differ in
     * their uid) with a backfill page in flight; live entries are not sent to them meanwhile.
     */
    private final Set<Address> backfilling = new HashSet<>();
    /** The replicas of the run of writes in flight, and those of them known to hold all of it. */
    private List<ActorRef<KeeperCommand>> roundReplicas = List.of();
    private final Set<Address> roundHolders = new HashSet<>();
    private long roundLastSequence = Long.MAX_VALUE;
    /** The last entry shipped: what the next live {@link Append} says the copy must end with. */
    private long shippedSequence;
    private int shippedChecksum;
    private long releaseBeforeSequence = ShardJournal.NO_SEQUENCE;

    /** Starts shipping from the journal's current end; call once the shard has caught up. */
    public ReplicationLink(String tableId, int shard, ReplicationSettings settings, ReplicaPeers peers,
                           ShardJournal journal, ActorRef<Appended> replies) {
        this.tableId = tableId;
        this.shard = shard;
        this.settings = settings;
        this.peers = peers;
        this.journal = journal;
        this.replies = replies;
        this.shippedSequence = journal.lastSequence();
        this.shippedChecksum = journal.lastChecksum();
        journal.keepAppended();
    }

    /**
     * Ships the entries journaled since the last call and starts counting the copies that hold
     * them; the shard acknowledges the run once {@link #quorumReached()}.
     */
    public void startRound() {
        roundReplicas = peers.replicas(settings.factor() - 1);
        roundHolders.clear();
        roundLastSequence = journal.lastSequence();
        ship(roundReplicas);
    }

    /** Ships the entries journaled since the last call (migration marks) without waiting for anyone. */
    public void ship() {
        ship(peers.replicas(settings.factor() - 1));
    }

    /**
     * Ships the entries journaled since the last call in parts of about {@code pageBytes} (at least
     * one entry each), each an {@link Append} that continues the one before: a whole run in one
     * message could exceed the remoting frame, and the transport would drop it.
     */
    private void ship(List<ActorRef<KeeperCommand>> replicas) {
        List<JournalEntry> entries = journal.takeAppended();
        int from = 0;
        do {
            int to = partEnd(entries, from);
            List<JournalEntry> part = entries.subList(from, to);
            for (ActorRef<KeeperCommand> keeper : replicas) {
                if (!backfilling.contains(keeper.path().address())) {
                    keeper.tell(new Append(tableId, shard, false, shippedSequence, shippedChecksum, part,
                            releaseBeforeSequence, replies));
                }
            }
            if (!part.isEmpty()) {
                JournalEntry last = part.get(part.size() - 1);
                shippedSequence = last.sequence();
                shippedChecksum = last.checksum();
            }
            from = to;
        } while (from < entries.size());
    }

    /** The end (exclusive) of the part of {@code entries} starting at {@code from}. */
    private int partEnd(List<JournalEntry> entries, int from) {
        long bytes = 0;
        int to = from;
        while (to < entries.size() && (to == from || bytes + entries.get(to).frame().length <= settings.pageBytes())) {
            bytes += entries.get(to).frame().length;
            to++;
        }
        return to;
    }

    /** Copies, this one included, known to hold the run in flight. */
    public int copies() {
        return 1 + roundHolders.size();
    }

    public boolean quorumReached() {
        return copies() >= settings.quorum();
    }

    /** Copies past which the replicas may release: what this journal released. */
    public void released(long beforeSequence) {
        releaseBeforeSequence = Math.max(releaseBeforeSequence, beforeSequence);
    }

    /** Takes a keeper's answer: counts it for the run in flight, or backfills the copy. */
    public Outcome onAppended(Appended reply) {
        ActorRef<KeeperCommand> keeper = reply.keeper();
        Address node = keeper.path().address();
        boolean wasBackfilling = backfilling.remove(node);
        if (reply.lastSequence() == ReplicaMessages.UNAVAILABLE) {
            return Outcome.NONE;
        }
        if (reply.lastSequence() > journal.lastSequence()) {
            return Outcome.REPLICA_AHEAD;
        }
        if (reply.accepted() && reply.lastSequence() >= roundLastSequence
                && roundReplicas.stream().anyMatch(r -> r.path().address().equals(node))) {
            roundHolders.add(node);
        }
        // an accepted live part short of the end is answered by its next part, already on its way
        if (!reply.accepted() || (wasBackfilling && reply.lastSequence() < shippedSequence)) {
            backfill(keeper, reply.lastSequence(), reply.lastChecksum());
        }
        return Outcome.NONE;
    }

    /** Sends the copy the page after the entry it ends with, or the first page when it disagrees with this journal. */
    private void backfill(ActorRef<KeeperCommand> keeper, long lastSequence, int lastChecksum) {
        ShardJournal.EntryPage page = journal.readAfter(lastSequence, lastChecksum, settings.pageEntries(),
                settings.pageBytes());
        boolean fromScratch = !page.anchored();
        if (fromScratch) {
            page = journal.readFirst(settings.pageEntries(), settings.pageBytes());
        }
        keeper.tell(new Append(tableId, shard, fromScratch, lastSequence, lastChecksum, page.entries(),
                releaseBeforeSequence, replies));
        backfilling.add(keeper.path().address());
    }

    /** The replicas of the run in flight, by address, for error messages. */
    public String describeRound() {
        return roundReplicas.stream().map(peers::describe).collect(Collectors.joining(", ", "[", "]"));
    }
}
