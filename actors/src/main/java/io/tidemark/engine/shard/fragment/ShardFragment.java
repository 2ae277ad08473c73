package io.tidemark.engine.shard.fragment;

import io.tidemark.storage.serialization.KryoSerializable;

/**
 * A query fragment sent to the shard that holds its data ({@link io.tidemark.engine.shard.SeriesShard.RunFragment}).
 * Opaque to the shard: the node's {@link FragmentHost} (the query engine) knows what it is and how
 * to run it. Crosses nodes by Kryo under the query side's registration.
 */
public interface ShardFragment extends KryoSerializable {
}
