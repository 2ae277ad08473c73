package io.tidemark.engine.shard.replica;

import java.util.Objects;

/**
 * What a node's shards need to replicate: the settings and the node's view of the keepers.
 *
 * @param settings the replication factor and timeouts
 * @param peers the keepers; null when {@link ReplicationSettings#replicated()} is false
 */
public record ShardReplication(ReplicationSettings settings, ReplicaPeers peers) {

    /** One copy per shard: no keeper, no replication, no catch-up. */
    public static final ShardReplication NONE = new ShardReplication(ReplicationSettings.NONE, null);

    public ShardReplication {
        Objects.requireNonNull(settings, "settings");
        if (settings.replicated() && peers == null) {
            throw new IllegalArgumentException("cannot replicate shards: no keepers, factor=" + settings.factor());
        }
    }

    public boolean replicated() {
        return settings.replicated();
    }
}
