package io.tidemark.engine.shard.replica;

import io.tidemark.storage.journal.JournalEntry;
import io.tidemark.storage.serialization.KryoSerializable;
import java.util.List;
import java.util.Objects;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The messages of the replica protocol between a shard's primary (or a shard catching up) and the
 * {@link ReplicaKeeper} of another node. Sent between nodes with Kryo ({@link ReplicaWire}, ids
 * 450–459). A shard is named by table id and shard number; its copies are compared by the
 * sequence number and checksum of their last entry (see {@code ShardJournal}).
 */
public final class ReplicaMessages {

    /** Answer value of a keeper that cannot serve a copy now (it is hosted on that node, or its files failed). */
    public static final long UNAVAILABLE = -1L;

    private ReplicaMessages() {
    }

    /** What a {@link ReplicaKeeper} handles. */
    public sealed interface KeeperCommand extends KryoSerializable permits Append, GetCopy, Read, HandOver, TakeBack,
            DropCopy, CloseIdle {
    }

    /**
     * The keeper's own timer ({@link ReplicationSettings#idleCopyClose()}): close the copies no
     * message has used since the previous tick. Never sent between nodes.
     */
    enum CloseIdle implements KeeperCommand {
        INSTANCE
    }

    /**
     * Appends {@code entries} to the copy when it ends at {@code prevSequence} with
     * {@code prevChecksum} (log matching); with {@code fromScratch} the copy is deleted first and
     * {@code entries} start it. Then releases entries before {@code releaseBeforeSequence}.
     */
    public record Append(String tableId, int shard, boolean fromScratch, long prevSequence, int prevChecksum,
                         List<JournalEntry> entries, long releaseBeforeSequence, ActorRef<Appended> replyTo)
            implements KeeperCommand {
        public Append {
            Objects.requireNonNull(tableId, "tableId");
            entries = List.copyOf(entries);
        }
    }

    /**
     * The copy after an {@link Append}: {@code accepted} when the entries were appended and synced;
     * otherwise the copy did not match (it ends at {@code lastSequence}/{@code lastChecksum}), or
     * {@code lastSequence} is {@link #UNAVAILABLE}.
     */
    public record Appended(String tableId, int shard, boolean accepted, long lastSequence, int lastChecksum,
                           ActorRef<KeeperCommand> keeper) implements KryoSerializable {
    }

    /** Asks for the range of a copy. */
    public record GetCopy(String tableId, int shard, ActorRef<CopyStatus> replyTo) implements KeeperCommand {
    }

    /**
     * The entries a copy holds, {@code firstSequence} to {@code lastSequence} ({@link #UNAVAILABLE}
     * when it cannot be read now; 0 when it holds none).
     */
    public record CopyStatus(String tableId, int shard, long firstSequence, long lastSequence, int lastChecksum,
                             ActorRef<KeeperCommand> keeper) implements KryoSerializable {
    }

    /**
     * Reads the entries after {@code afterSequence}, provided the copy agrees up to it (its entry
     * there has {@code afterChecksum}). With {@code fromStart} the reader holds no entry to anchor
     * on: with {@code afterSequence} {@link io.tidemark.storage.journal.ShardJournal#NO_SEQUENCE}
     * it reads from the first entry held; otherwise it continues after a checkpoint covering
     * {@code afterSequence} and reads the entries from {@code afterSequence + 1}, which the copy
     * must hold (or end at {@code afterSequence}): a copy that starts later answers "not anchored".
     */
    public record Read(String tableId, int shard, boolean fromStart, long afterSequence, int afterChecksum,
                       ActorRef<Page> replyTo) implements KeeperCommand {
    }

    /**
     * Entries read from a copy; not {@code anchored} when the copy disagrees with the reader at the
     * point it asked after ({@code lastSequence} {@link #UNAVAILABLE} when it cannot be read).
     */
    public record Page(String tableId, int shard, boolean anchored, List<JournalEntry> entries, long lastSequence)
            implements KryoSerializable {
        public Page {
            entries = List.copyOf(entries);
        }
    }

    /** From the shard's entity on the same node: close the copy, the entity opens it now. */
    public record HandOver(String tableId, int shard, ActorRef<Done> replyTo) implements KeeperCommand {
    }

    /** From the shard's entity on the same node when it stops: the keeper may open the copy again. */
    public record TakeBack(String tableId, int shard) implements KeeperCommand {
    }

    /**
     * From the primary of a shard being dropped (its table is deleted): close this node's copy and
     * delete its files, and the table's directory once it holds no other shard.
     */
    public record DropCopy(String tableId, int shard, ActorRef<CopyDropped> replyTo) implements KeeperCommand {
    }

    /**
     * The answer to a {@link DropCopy}: {@code deleted} when the node holds no copy of the shard any
     * more; false when the copy is hosted by an entity on that node or its files could not be deleted.
     */
    public record CopyDropped(String tableId, int shard, boolean deleted, ActorRef<KeeperCommand> keeper)
            implements KryoSerializable {
    }
}
