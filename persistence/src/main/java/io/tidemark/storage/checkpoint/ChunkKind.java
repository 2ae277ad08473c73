package io.tidemark.storage.checkpoint;

/**
 * What a chunk listed in a {@link CheckpointManifest} was in the memory store. The ids are stored
 * on disk and frozen.
 */
public enum ChunkKind {
    /** A sealed chunk. */
    SEALED(0),
    /** A chunk frozen for the pending tier migration. */
    FROZEN(1),
    /** The series' open chunk, encoded as a sealed chunk and re-opened on load. */
    OPEN(2);

    private static final ChunkKind[] BY_ID = {SEALED, FROZEN, OPEN};

    private final int id;

    ChunkKind(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The kind with stored id {@code id}, or null when there is none. */
    public static ChunkKind fromId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
