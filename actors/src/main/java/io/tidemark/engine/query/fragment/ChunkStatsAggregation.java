package io.tidemark.engine.query.fragment;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.storage.chunk.ChunkStats;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.model.SeriesKey;
import java.util.List;

/**
 * The way a PARTIAL aggregation fragment answers whole chunks from their header stats instead of
 * decoding them ({@link FragmentPipeline#chunkStats}): a chunk it accepts contributes one row of
 * group keys and intermediate states, which the final step merges like the decoded chunks'
 * partial states. One per shard attempt, used on one thread, next to that attempt's sink.
 */
public interface ChunkStatsAggregation {

    /**
     * Adds the chunk's contribution when its stats answer every aggregate exactly: the whole chunk
     * lies in {@code [fromNanos, toNanos]} (the scanned range, retention applied) and every group
     * key is constant over it. True means the chunk is answered and must not be decoded too.
     *
     * @param series the chunk's series
     * @param stats the chunk's header stats
     * @param columns the chunk's columns ({@code stats.column(i)} is of {@code columns.get(i)})
     */
    boolean add(SeriesKey series, ChunkStats stats, List<ColumnSpec> columns, long fromNanos, long toNanos);

    /** The bytes scanned so far: 8 per header value read (each chunk's time range, each state's value). */
    long bytesScanned();

    /** The rows of the accepted chunks, in the columns of {@link FragmentPipeline#outputTypes()}. */
    Batch finish();
}
