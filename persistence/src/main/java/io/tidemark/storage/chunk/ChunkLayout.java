package io.tidemark.storage.chunk;

/**
 * Byte offsets of the chunk's fixed header, chained so each follows from the one before. Specified
 * in <a href="../../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a>; all multi-byte
 * fixed-width fields are big-endian.
 */
final class ChunkLayout {

    /** "TMCH". */
    static final int MAGIC = 0x544D4348;
    /** Version 1: no slice stats. */
    static final int FORMAT_VERSION = 1;
    /** Version 2: version 1 plus the slice stats section after the last values section ({@link SliceStats}). */
    static final int FORMAT_VERSION_SLICES = 2;
    /** Encryption algorithm id 0: none, the only value this version writes or reads. */
    static final int ENCRYPTION_NONE = 0;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = MAGIC_OFFSET + 4;
    static final int ENCRYPTION_OFFSET = VERSION_OFFSET + 1;
    static final int COLUMN_COUNT_OFFSET = ENCRYPTION_OFFSET + 1;
    static final int LENGTH_OFFSET = COLUMN_COUNT_OFFSET + 2;
    static final int KEY_ID_OFFSET = LENGTH_OFFSET + 4;
    /** Room for an AES-GCM nonce; zero while encryption is none. */
    static final int NONCE_OFFSET = KEY_ID_OFFSET + 4;
    static final int NONCE_BYTES = 12;
    static final int COUNT_OFFSET = NONCE_OFFSET + NONCE_BYTES;
    static final int MIN_TIME_OFFSET = COUNT_OFFSET + 4;
    static final int MAX_TIME_OFFSET = MIN_TIME_OFFSET + 8;
    static final int HEADER_BYTES = MAX_TIME_OFFSET + 8;

    static final int CRC_BYTES = 4;
    /** The column count is a u16. */
    static final int MAX_COLUMNS = 0xFFFF;
    /** Longest column name in UTF-8 bytes. */
    static final int MAX_NAME_BYTES = 0xFFFF;

    /** Sections: times, versions, then presence and values per column; version 2 adds the slice stats section last. */
    static int sectionCount(int columns, int version) {
        return 2 + 2 * columns + (version == FORMAT_VERSION_SLICES ? 1 : 0);
    }

    /** The slice stats section of a version 2 chunk. */
    static int sliceSection(int columns) {
        return 2 + 2 * columns;
    }

    static int presenceSection(int col) {
        return 2 + 2 * col;
    }

    static int valuesSection(int col) {
        return 3 + 2 * col;
    }

    private ChunkLayout() {
    }
}
