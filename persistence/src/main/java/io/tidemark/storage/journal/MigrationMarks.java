package io.tidemark.storage.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bodies of the migration mark entries ({@link JournalEntryType#MIGRATION_FROZEN},
 * {@link JournalEntryType#MIGRATION_COMMITTED}): fixed-size little-endian longs, laid out in <a
 * href="../../../../../../../../docs/formats/journal-entry.md">docs/formats/journal-entry.md</a>.
 */
final class MigrationMarks {

    /** Migration id {@code <8>}, cutoff nanos {@code <8>}, after the sequence number. */
    static final int FROZEN_BODY_BYTES = 16;
    /** Migration id {@code <8>}, after the sequence number. */
    static final int COMMITTED_BODY_BYTES = 8;

    private MigrationMarks() {
    }

    /** The body of entry {@code sequence}: the sequence number, then the mark. */
    static byte[] frozen(long sequence, long migrationId, long cutoffNanos) {
        return ByteBuffer.allocate(BatchEntryCodec.SEQUENCE_BYTES + FROZEN_BODY_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(sequence).putLong(migrationId).putLong(cutoffNanos).array();
    }

    /** The body of entry {@code sequence}: the sequence number, then the mark. */
    static byte[] committed(long sequence, long migrationId) {
        return ByteBuffer.allocate(BatchEntryCodec.SEQUENCE_BYTES + COMMITTED_BODY_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(sequence).putLong(migrationId).array();
    }

    /** The little-endian long at {@code offset} of {@code buffer}. */
    static long longAt(byte[] buffer, int offset) {
        return ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
    }
}
