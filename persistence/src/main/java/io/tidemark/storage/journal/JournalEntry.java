package io.tidemark.storage.journal;

import io.tidemark.storage.queue.EntryFrame;
import java.util.Objects;

/**
 * One shard journal entry as it is stored: its sequence number and its whole frame (header and
 * body, laid out in <a href="../../../../../../../../docs/formats/journal-entry.md">journal-entry.md</a>).
 * Copies of a shard's journal on several nodes hold byte-identical frames for a sequence number,
 * so replication ships frames as they are and compares copies by {@link #checksum()}.
 *
 * @param sequence the entry's sequence number, dense per shard from 1
 * @param frame the stored frame, not modified by anyone once built
 */
public record JournalEntry(long sequence, byte[] frame) {

    public JournalEntry {
        Objects.requireNonNull(frame, "frame");
        if (frame.length < EntryFrame.HEADER_BYTES + BatchEntryCodec.SEQUENCE_BYTES) {
            throw new IllegalArgumentException("cannot hold journal entry: frame shorter than header and sequence,"
                    + " sequence=" + sequence + ", frameBytes=" + frame.length);
        }
    }

    /** The entry type id ({@link JournalEntryType#id()}). */
    public int type() {
        return EntryFrame.type(frame);
    }

    /** The frame's CRC32C, which covers the header and the body: equal checksums mean equal entries. */
    public int checksum() {
        return checksumOf(frame);
    }

    /** The CRC32C field of a frame (little-endian at {@link EntryFrame#CRC_OFFSET}). */
    static int checksumOf(byte[] frame) {
        int at = EntryFrame.CRC_OFFSET;
        return (frame[at] & 0xFF) | (frame[at + 1] & 0xFF) << 8 | (frame[at + 2] & 0xFF) << 16 | (frame[at + 3] & 0xFF) << 24;
    }
}
