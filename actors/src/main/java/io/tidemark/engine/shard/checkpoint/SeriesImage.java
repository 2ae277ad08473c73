package io.tidemark.engine.shard.checkpoint;

import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.SeriesKey;
import java.util.List;
import java.util.Objects;

/**
 * One series of a memory store as a checkpoint records it. Chunks are immutable, so an image
 * shares them with the store.
 *
 * @param columns every column the series has had, in first-seen order
 * @param lastSealedRows rows of the last chunk sealed (the next open chunk's starting capacity)
 * @param sealed sealed chunks in store order
 * @param frozen chunks frozen for the pending migration, in store order
 * @param open the open chunk encoded as a sealed chunk, or null when the series has none
 */
public record SeriesImage(SeriesKey key, List<ColumnSpec> columns, int lastSealedRows, List<SealedChunk> sealed,
                          List<SealedChunk> frozen, SealedChunk open) {

    public SeriesImage {
        Objects.requireNonNull(key, "key");
        columns = List.copyOf(columns);
        sealed = List.copyOf(sealed);
        frozen = List.copyOf(frozen);
    }
}
