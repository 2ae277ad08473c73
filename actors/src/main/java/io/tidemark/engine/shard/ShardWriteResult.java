package io.tidemark.engine.shard;

import java.util.List;

/**
 * A shard's answer to a write: every row not in {@code rejections} is journaled and applied.
 *
 * @param rejections sorted by row
 */
public record ShardWriteResult(List<RowRejection> rejections) {

    public ShardWriteResult {
        rejections = List.copyOf(rejections);
    }
}
