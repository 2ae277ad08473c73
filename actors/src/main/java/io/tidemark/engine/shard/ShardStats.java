package io.tidemark.engine.shard;

import io.tidemark.storage.serialization.KryoSerializable;

/**
 * What one shard holds in its memory store.
 *
 * @param bytes heap bytes of its chunks (encoded sealed chunks, and open chunks' arrays)
 * @param journalBytes bytes of its journal files on disk
 */
public record ShardStats(long series, long points, long bytes, long journalBytes) implements KryoSerializable {
}
