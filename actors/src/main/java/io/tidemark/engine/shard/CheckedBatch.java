package io.tidemark.engine.shard;

import io.tidemark.storage.journal.WriteBatch;
import java.util.List;

/**
 * A write batch after the duplicate check.
 *
 * @param toStore the rows to journal and apply (the original batch when every row is new or an
 *     upsert), or null when there is nothing to store: every row was rejected or an identical
 *     duplicate of a stored point
 * @param rejections refused rows by their index in the original batch, sorted by row
 */
record CheckedBatch(WriteBatch toStore, List<RowRejection> rejections) {

    CheckedBatch {
        rejections = List.copyOf(rejections);
    }
}
