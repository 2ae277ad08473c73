package io.tidemark.engine.query.fragment;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.SeriesKey;

/**
 * The way a PARTIAL aggregation fragment answers whole chunks from their header stats instead of
 * decoding them ({@link FragmentPipeline#chunkStats}): a chunk it accepts contributes one row of
 * group keys and intermediate states, which the final step merges like the decoded chunks'
 * partial states. One per shard attempt, used on one thread, next to that attempt's sink.
 */
public interface ChunkStatsAggregation {

    /**
     * Adds the chunk's contribution over its rows in {@code [fromNanos, toNanos]} (the scanned
     * range, retention applied) when it can answer every aggregate exactly without the scan: from
     * the header stats when every group key is constant over those rows and they hold what the
     * aggregates need, or from stats of runs of rows with equal group keys worked out from the
     * decoded value columns. True means the chunk is answered and must not be decoded by the scan too.
     *
     * @param series the chunk's series
     */
    boolean add(SeriesKey series, SealedChunk chunk, long fromNanos, long toNanos);

    /**
     * The bytes scanned so far: 8 per header value read (each chunk's time range, each state's
     * value) for a chunk answered from its header, what the scan would count for one answered by runs.
     */
    long bytesScanned();

    /** The rows of the accepted chunks, in the columns of {@link FragmentPipeline#outputTypes()}. */
    Batch finish();
}
