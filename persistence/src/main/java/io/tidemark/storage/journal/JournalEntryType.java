package io.tidemark.storage.journal;

import io.tidemark.storage.queue.EntryFrame;

/**
 * What a shard journal entry holds. The numeric {@link #id()} is written in every entry header
 * (see <a href="../../../../../../../../docs/formats/journal-entry.md">journal-entry.md</a>):
 * never renumber or reuse one; a new kind of entry gets a new id. Id 0 is the queue's own
 * {@link EntryFrame#CUT_MARKER}.
 */
public enum JournalEntryType {
    /** A {@link WriteBatch}, Kryo-serialized. */
    BATCH(1),
    /**
     * A migration froze the shard's points older than a cutoff: body migration id and cutoff in
     * nanoseconds, see {@link MigrationMarks}.
     */
    MIGRATION_FROZEN(2),
    /** The frozen points of a migration are durable in magnetic segments: body migration id. */
    MIGRATION_COMMITTED(3);

    private final int id;

    JournalEntryType(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The type with this id, or null when the id is unknown (a newer entry, or the cut marker). */
    public static JournalEntryType fromId(int id) {
        for (JournalEntryType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }
}
