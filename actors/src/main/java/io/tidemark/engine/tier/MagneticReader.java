package io.tidemark.engine.tier;

import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.SeriesKey;
import java.util.List;

/** Reads a table's magnetic store on this node. */
public interface MagneticReader {

    /**
     * The magnetic chunks of a series that may hold points in {@code [fromNanos, toNanos]}, in no
     * particular order; empty when the table has no magnetic data. Points past the table's
     * retention may still be in them (the caller filters by time).
     */
    List<SealedChunk> read(String tableId, SeriesKey series, long fromNanos, long toNanos);
}
