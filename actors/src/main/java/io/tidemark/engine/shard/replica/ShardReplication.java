package io.tidemark.engine.shard.replica;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a node's shards need to replicate: the settings, the node's view of the keepers, and where
 * replicated shards keep their memory-store checkpoints.
 *
 * @param settings the replication factor and timeouts
 * @param peers the keepers; null when {@link ReplicationSettings#replicated()} is false
 * @param checkpointRoot the directory every node reaches ({@code tidemark.magnetic.root-dir})
 *     under which replicated shards checkpoint ({@link #checkpointDirectory}); null when replicated
 *     shards do not checkpoint
 */
public record ShardReplication(ReplicationSettings settings, ReplicaPeers peers, Path checkpointRoot) {

    /** One copy per shard: no keeper, no replication, no catch-up. */
    public static final ShardReplication NONE = new ShardReplication(ReplicationSettings.NONE, null, null);

    public ShardReplication {
        Objects.requireNonNull(settings, "settings");
        if (settings.replicated() && peers == null) {
            throw new IllegalArgumentException("cannot replicate shards: no keepers, factor=" + settings.factor());
        }
    }

    public boolean replicated() {
        return settings.replicated();
    }

    /** Whether replicated shards checkpoint (to {@link #checkpointDirectory}). */
    public boolean checkpointing() {
        return settings.replicated() && checkpointRoot != null;
    }

    /**
     * Where a replicated shard's checkpoints live, {@code <root>/checkpoints/<table-id>/<shard>/}:
     * on storage every node reaches, so whichever node the shard starts on next loads them.
     */
    public Path checkpointDirectory(String tableId, int shard) {
        if (checkpointRoot == null) {
            throw new IllegalStateException("cannot locate checkpoints: replicated shards do not checkpoint");
        }
        return checkpointTableDirectory(tableId).resolve(Integer.toString(shard));
    }

    /** The directory holding the checkpoints of every shard of a table. */
    public Path checkpointTableDirectory(String tableId) {
        return checkpointRoot.resolve("checkpoints").resolve(tableId);
    }
}
