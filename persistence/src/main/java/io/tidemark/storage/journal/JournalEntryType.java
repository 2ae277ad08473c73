package io.tidemark.storage.journal;

/**
 * What a journal entry holds. The numeric {@link #id()} is written in every entry header (see
 * <a href="../../../../../../../../docs/formats/journal-entry.md">journal-entry.md</a>): never
 * renumber or reuse one; a new kind of entry gets a new id.
 */
public enum JournalEntryType {
    /** A {@link WriteBatch}, Kryo-serialized. */
    BATCH(1),
    /**
     * Written when a journal is reopened after a crash left damaged entries at its end: names the
     * first and last index of that damaged run, so replays skip it instead of mistaking it for
     * damage in the middle of the journal.
     */
    CUT_MARKER(2);

    private final int id;

    JournalEntryType(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The type with this id, or null when the id is unknown (a damaged or newer entry). */
    public static JournalEntryType fromId(int id) {
        for (JournalEntryType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }
}
