package io.tidemark.storage.magnetic;

import io.tidemark.storage.chunk.ChunkStats;
import io.tidemark.storage.chunk.ColumnSpec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/** Writes and reads the stats part of a footer block entry. */
final class BlockStatsCodec {

    private BlockStatsCodec() {
    }

    static void write(DataOutputStream out, ChunkStats stats, List<ColumnSpec> columns) throws IOException {
    }

    static ChunkStats read(ByteBuffer in, List<ColumnSpec> columns, BlockRef block, Path file, long entryOffset) {
        return new ChunkStats(block.count(), block.minTime(), block.maxTime());
    }
}
