package io.tidemark.engine.shard.fragment;

import io.tidemark.storage.serialization.KryoSerializable;

/**
 * What a shard answers to a {@link ShardFragment}: the fragment's output (the query side's type,
 * relayed as it is), or {@link FragmentDeclined} when this node cannot run the fragment, in which
 * case the asker reads the shard's chunks instead.
 */
public interface FragmentAnswer extends KryoSerializable {
}
