package io.tidemark.engine.shard;

import io.tidemark.storage.serialization.KryoSerializable;
import java.util.List;

/**
 * A shard's answer to {@link SeriesShard.Scan}: its memory-store chunks that may hold points in the
 * scanned range. A message type of its own, not a bare list, so it crosses nodes under a registered
 * Kryo id ({@link io.tidemark.engine.shard.wire.ShardWireReplies}).
 */
public record ScannedChunks(List<SeriesChunks> series) implements KryoSerializable {

    public ScannedChunks {
        series = List.copyOf(series);
    }
}
