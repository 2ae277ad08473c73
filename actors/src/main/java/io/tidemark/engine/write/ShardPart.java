package io.tidemark.engine.write;

import io.tidemark.storage.journal.WriteBatch;
import java.util.BitSet;

/**
 * The rows of an {@link IngestBatch} that one shard owns.
 *
 * @param recordIndexes per row of {@code batch}, the index of the record it came from
 * @param magneticRows rows older than the memory-store window, accepted for the magnetic store
 * @param rowBytes per row, the bytes metered as ingested (names, values and time, as Timestream
 *     meters a record)
 */
public record ShardPart(int shard, WriteBatch batch, int[] recordIndexes, BitSet magneticRows, int[] rowBytes) {
}
