package io.tidemark.storage.chunk;

import java.util.List;

/**
 * What a reader can learn from a chunk header alone: row count, time range and one
 * {@link ColumnStats} per column (same order as the chunk's columns). Layout: <a
 * href="../../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a>, "Stats".
 */
public record ChunkStats(int count, long minTime, long maxTime, List<ColumnStats> columns) {

    public ChunkStats {
        columns = List.copyOf(columns);
    }

    public ColumnStats column(int col) {
        return columns.get(col);
    }
}
