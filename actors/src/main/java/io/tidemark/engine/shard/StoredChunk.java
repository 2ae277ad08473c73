package io.tidemark.engine.shard;

import io.tidemark.storage.chunk.SealedChunk;

/**
 * A sealed chunk in a memory store with the lowest journal index of the batches that contributed
 * its rows: the journal must keep everything from that index on while the chunk is in memory.
 */
record StoredChunk(SealedChunk chunk, long lowestJournalIndex) {

    boolean overlaps(long fromNanos, long toNanos) {
        return chunk.minTime() <= toNanos && chunk.maxTime() >= fromNanos;
    }
}
