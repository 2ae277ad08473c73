package io.tidemark.engine.catalog;

/** Timestream's table states. */
public enum TableStatus {
    ACTIVE,
    /** Deletion has started: the table takes no writes and its data is being removed. */
    DELETING,
    RESTORING
}
