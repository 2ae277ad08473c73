package io.tidemark.engine.shard;

/**
 * A row a shard refused because a record with the same series and time is already stored.
 *
 * @param row index of the row in the shard's write batch
 * @param existingVersion the stored record's version
 * @param lowerVersion true when the row's version is lower than the stored one; false when it is
 *     equal and the values differ
 */
public record RowRejection(int row, long existingVersion, boolean lowerVersion) {
}
