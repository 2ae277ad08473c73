package io.tidemark.storage.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The framing of one journal entry, the bytes of one Chronicle Queue excerpt: a fixed header
 * followed by the payload. Specified byte by byte in
 * <a href="../../../../../../../../docs/formats/journal-entry.md">docs/formats/journal-entry.md</a>.
 *
 * <pre>
 * magic u32 | version u8 | flags u8 | type u8 | payload length u32 | crc32c u32 | payload
 * </pre>
 *
 * All integers little-endian. The CRC32C covers the header bytes before it and the whole payload.
 */
final class JournalEntryFormat {

    /** Spells "TMJE" on disk (little-endian u32). */
    static final int MAGIC = 0x454A4D54;
    static final int FORMAT_VERSION = 1;
    /** Flag value for an entry stored in the clear; encrypted entries are reserved for a later version. */
    static final int FLAGS_NONE = 0;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = MAGIC_OFFSET + 4;
    static final int FLAGS_OFFSET = VERSION_OFFSET + 1;
    static final int TYPE_OFFSET = FLAGS_OFFSET + 1;
    static final int PAYLOAD_LENGTH_OFFSET = TYPE_OFFSET + 1;
    static final int CRC_OFFSET = PAYLOAD_LENGTH_OFFSET + 4;
    static final int HEADER_SIZE = CRC_OFFSET + 4;

    /**
     * Largest payload an entry may carry. Chronicle Queue refuses excerpts above a quarter of its
     * block size (64 MiB on 64-bit JVMs); 8 MiB stays well below that and far above a client batch.
     */
    static final int MAX_PAYLOAD_SIZE = 8 << 20;

    /** Cut marker payload: first damaged index u64, last damaged index u64. */
    static final int CUT_MARKER_PAYLOAD_SIZE = 16;

    private JournalEntryFormat() {}

    /**
     * Fills in the header of an entry whose payload already sits at {@code HEADER_SIZE} in
     * {@code entry}, including the checksum over header and payload.
     */
    static void sealHeader(byte[] entry, JournalEntryType type, int payloadLength) {
        ByteBuffer b = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC_OFFSET, MAGIC);
        b.put(VERSION_OFFSET, (byte) FORMAT_VERSION);
        b.put(FLAGS_OFFSET, (byte) FLAGS_NONE);
        b.put(TYPE_OFFSET, (byte) type.id());
        b.putInt(PAYLOAD_LENGTH_OFFSET, payloadLength);
        b.putInt(CRC_OFFSET, checksum(entry, payloadLength));
    }

    /** A whole cut marker entry naming the damaged run {@code [firstIndex, lastIndex]}. */
    static byte[] cutMarker(long firstIndex, long lastIndex) {
        byte[] entry = new byte[HEADER_SIZE + CUT_MARKER_PAYLOAD_SIZE];
        ByteBuffer b = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(HEADER_SIZE, firstIndex);
        b.putLong(HEADER_SIZE + 8, lastIndex);
        sealHeader(entry, JournalEntryType.CUT_MARKER, CUT_MARKER_PAYLOAD_SIZE);
        return entry;
    }

    /**
     * What is wrong with the {@code length} bytes of an excerpt, or null when they form an intact
     * entry of a known type. Checks run from the cheapest to the checksum, so the answer names the
     * first thing that fails.
     */
    static String findDamage(byte[] entry, int length) {
        if (length < HEADER_SIZE) {
            return "entry shorter than its header, length=" + length + ", headerSize=" + HEADER_SIZE;
        }
        ByteBuffer b = ByteBuffer.wrap(entry, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(MAGIC_OFFSET);
        if (magic != MAGIC) {
            return "bad magic, magic=0x" + Integer.toHexString(magic);
        }
        int version = b.get(VERSION_OFFSET) & 0xFF;
        if (version != FORMAT_VERSION) {
            return "unsupported format version, version=" + version;
        }
        int flags = b.get(FLAGS_OFFSET) & 0xFF;
        if (flags != FLAGS_NONE) {
            return "unsupported flags, flags=0x" + Integer.toHexString(flags);
        }
        long payloadLength = b.getInt(PAYLOAD_LENGTH_OFFSET) & 0xFFFFFFFFL;
        if (payloadLength != length - HEADER_SIZE) {
            return "payload length does not match excerpt, payloadLength=" + payloadLength + ", available="
                    + (length - HEADER_SIZE);
        }
        int stored = b.getInt(CRC_OFFSET);
        int computed = checksum(entry, (int) payloadLength);
        if (stored != computed) {
            return "checksum mismatch, stored=0x" + Integer.toHexString(stored) + ", computed=0x"
                    + Integer.toHexString(computed);
        }
        JournalEntryType type = JournalEntryType.fromId(b.get(TYPE_OFFSET) & 0xFF);
        if (type == null) {
            return "unknown entry type, type=" + (b.get(TYPE_OFFSET) & 0xFF);
        }
        if (type == JournalEntryType.CUT_MARKER && payloadLength != CUT_MARKER_PAYLOAD_SIZE) {
            return "cut marker payload has the wrong size, payloadLength=" + payloadLength;
        }
        return null;
    }

    /** The type of an entry {@link #findDamage} found intact. */
    static JournalEntryType type(byte[] entry) {
        return JournalEntryType.fromId(entry[TYPE_OFFSET] & 0xFF);
    }

    static long cutMarkerFirst(byte[] entry) {
        return ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN).getLong(HEADER_SIZE);
    }

    static long cutMarkerLast(byte[] entry) {
        return ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN).getLong(HEADER_SIZE + 8);
    }

    private static int checksum(byte[] entry, int payloadLength) {
        CRC32C crc = new CRC32C();
        crc.update(entry, 0, CRC_OFFSET);
        crc.update(entry, HEADER_SIZE, payloadLength);
        return (int) crc.getValue();
    }
}
