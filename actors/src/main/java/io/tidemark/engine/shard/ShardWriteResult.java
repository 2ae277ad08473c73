package io.tidemark.engine.shard;

import io.tidemark.storage.serialization.KryoSerializable;
import java.util.List;

/**
 * A shard's answer to a write: every row not in {@code rejections} is journaled and applied.
 *
 * @param rejections sorted by row
 */
public record ShardWriteResult(List<RowRejection> rejections) implements KryoSerializable {

    public ShardWriteResult {
        rejections = List.copyOf(rejections);
    }
}
