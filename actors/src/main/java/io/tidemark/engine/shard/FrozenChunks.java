package io.tidemark.engine.shard;

import io.tidemark.storage.serialization.KryoSerializable;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The memory-store data of one shard older than a migration's cutoff, frozen (sealed, no longer
 * appended to) for the tier migrator to copy into magnetic segments. The shard keeps serving it
 * until the migration is committed with {@link #migrationId()}.
 *
 * <p>{@code more}: where to ask for the next part ({@link ScanParts}) when a shard on another node
 * answers in parts; null on the last part, and always on what {@link ShardGateway} returns.
 */
public record FrozenChunks(long migrationId, long cutoffNanos, List<SeriesChunks> series,
                           ActorRef<ScanParts.NextPart> more) implements KryoSerializable {

    public FrozenChunks {
        series = List.copyOf(series);
    }

    /** The whole frozen set in one message. */
    public FrozenChunks(long migrationId, long cutoffNanos, List<SeriesChunks> series) {
        this(migrationId, cutoffNanos, series, null);
    }

    public boolean isEmpty() {
        return series.isEmpty();
    }
}
