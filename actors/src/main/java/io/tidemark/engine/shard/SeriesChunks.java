package io.tidemark.engine.shard;

import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.SeriesKey;
import java.util.List;

/**
 * Chunks of one series, in no particular order; they may overlap, and on a duplicate time the
 * point with the higher version is the current one (see {@link SealedChunk#merge}).
 */
public record SeriesChunks(SeriesKey series, List<SealedChunk> chunks) {

    public SeriesChunks {
        chunks = List.copyOf(chunks);
    }
}
