package io.tidemark.engine.shard;

import io.tidemark.storage.serialization.KryoSerializable;
import java.util.List;

/**
 * The memory-store data of one shard older than a migration's cutoff, frozen (sealed, no longer
 * appended to) for the tier migrator to copy into magnetic segments. The shard keeps serving it
 * until the migration is committed with {@link #migrationId()}.
 */
public record FrozenChunks(long migrationId, long cutoffNanos, List<SeriesChunks> series) implements KryoSerializable {

    public FrozenChunks {
        series = List.copyOf(series);
    }

    public boolean isEmpty() {
        return series.isEmpty();
    }
}
