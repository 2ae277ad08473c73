package io.tidemark.engine.shard;

import io.tidemark.storage.serialization.KryoSerializable;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A shard's answer to {@link SeriesShard.Scan}, or one part of it: memory-store chunks that may
 * hold points in the scanned range. A message type of its own, not a bare list, so it crosses
 * nodes under a registered Kryo id ({@link io.tidemark.engine.shard.wire.ShardWireReplies}).
 *
 * @param more where to ask for the next part ({@link ScanParts}), or null when this is the last
 *     (always null for an asker on the shard's own node)
 */
public record ScannedChunks(List<SeriesChunks> series, ActorRef<ScanParts.NextPart> more)
        implements KryoSerializable {

    public ScannedChunks {
        series = List.copyOf(series);
    }

    /** A whole answer in one message. */
    public ScannedChunks(List<SeriesChunks> series) {
        this(series, null);
    }
}
