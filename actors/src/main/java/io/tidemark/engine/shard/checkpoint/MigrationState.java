package io.tidemark.engine.shard.checkpoint;

/**
 * The tier-migration state of a memory store, which a checkpoint records with its chunks.
 *
 * @param lastMigrationId the highest migration id frozen so far
 * @param pendingMigrationId the migration frozen and not yet committed, or 0
 * @param pendingCutoffNanos that migration's cutoff, {@code Long.MIN_VALUE} when none is pending
 * @param magneticCeilingNanos the highest cutoff committed: points older may be in magnetic segments
 */
public record MigrationState(long lastMigrationId, long pendingMigrationId, long pendingCutoffNanos,
                             long magneticCeilingNanos) {
}
