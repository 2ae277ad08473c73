package io.tidemark.engine.catalog;

/**
 * Whether a table takes records older than its memory-store window into the magnetic store.
 *
 * @param rejectedDataLocation null when none is set; cannot be set while writes are disabled
 */
public record MagneticStoreWriteProperties(boolean enableMagneticStoreWrites, S3Location rejectedDataLocation) {

    /** Timestream's default: magnetic-store writes disabled. */
    public static final MagneticStoreWriteProperties DISABLED = new MagneticStoreWriteProperties(false, null);
}
