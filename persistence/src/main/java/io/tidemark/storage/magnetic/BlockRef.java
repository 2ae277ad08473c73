package io.tidemark.storage.magnetic;

import io.tidemark.storage.chunk.ChunkStats;
import io.tidemark.storage.chunk.ColumnSpec;
import java.util.List;

/**
 * Where one block of a series lies in a segment and what the footer index knows about it, so a
 * reader can skip the block by time or answer an aggregate from its stats without touching its
 * bytes.
 *
 * @param series   index of the series in the segment's dictionary
 * @param offset   byte offset of the block (a sealed chunk) in the file
 * @param length   byte length of the block
 * @param count    points in the block
 * @param minTime  earliest point, nanoseconds since the epoch
 * @param maxTime  latest point, nanoseconds since the epoch
 * @param columns  the chunk's columns; blocks of a multi-measure series may differ as measures come and go
 * @param stats    the chunk's own stats (one entry per column), copied into the footer
 */
public record BlockRef(int series, long offset, int length, int count, long minTime, long maxTime,
        List<ColumnSpec> columns, ChunkStats stats) {

    /** True when the block has a point that may lie in {@code [fromNanos, toNanos]} (both inclusive). */
    public boolean overlaps(long fromNanos, long toNanos) {
        return maxTime >= fromNanos && minTime <= toNanos;
    }

    /** True when every point of the block lies in {@code [fromNanos, toNanos]}, so its stats answer for it. */
    public boolean within(long fromNanos, long toNanos) {
        return minTime >= fromNanos && maxTime <= toNanos;
    }
}
