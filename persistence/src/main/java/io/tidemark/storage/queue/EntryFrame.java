package io.tidemark.storage.queue;

import io.tidemark.storage.CorruptionException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The frame of one entry of a {@link FramedQueue}, the bytes of one Chronicle Queue excerpt: a
 * fixed 20-byte header, then the body. Every framed queue uses this layout with its own magic
 * number and its own entry types; type {@link #CUT_MARKER} belongs to the queue itself. Specified
 * byte by byte in
 * <a href="../../../../../../../../docs/formats/journal-entry.md">docs/formats/journal-entry.md</a>
 * (shard journal) and
 * <a href="../../../../../../../../docs/formats/pekko-journal.md">docs/formats/pekko-journal.md</a>
 * (Pekko plugins).
 *
 * <pre>
 * magic u32 | version u8 | encryption u8 | type u8 | reserved u8 | key id u32 | body length u32 | crc32c u32 | body
 * </pre>
 *
 * All integers little-endian. The CRC32C covers header bytes 0..15 and the whole body.
 */
public final class EntryFrame {

    public static final int FORMAT_VERSION = 1;
    /** Encryption byte value meaning "body stored in clear"; other values are reserved for AES-GCM. */
    public static final int ENCRYPTION_NONE = 0;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 4;
    public static final int ENCRYPTION_OFFSET = 5;
    public static final int TYPE_OFFSET = 6;
    public static final int RESERVED_OFFSET = 7;
    public static final int KEY_ID_OFFSET = 8;
    public static final int BODY_LENGTH_OFFSET = 12;
    public static final int CRC_OFFSET = 16;
    public static final int HEADER_BYTES = 20;

    /**
     * Largest body an entry may carry. Chronicle Queue refuses excerpts above a quarter of its
     * block size (64 MiB on 64-bit JVMs); 8 MiB stays well below that and bounds what one read holds.
     */
    public static final int MAX_BODY_BYTES = 8 << 20;

    /**
     * Entry type of every framed queue, whatever its magic: a cut marker, written when a queue is
     * opened after a crash left damaged entries at its end. Its body names the first and last
     * queue index of that damaged run, so reads skip it instead of taking it for damage in the
     * middle. User entry types are 1..255.
     */
    public static final int CUT_MARKER = 0;
    /** Cut marker body: first damaged index u64, last damaged index u64. */
    public static final int CUT_MARKER_BODY_BYTES = 16;

    private EntryFrame() {}

    /**
     * Fills in the header of a frame whose body already sits at {@link #HEADER_BYTES} in
     * {@code frame}, checksum included. Allocates nothing, so a writer can reuse one buffer.
     */
    public static void seal(byte[] frame, int magic, int type, int bodyLength) {
        seal(frame, magic, FORMAT_VERSION, type, bodyLength);
    }

    /** {@link #seal(byte[], int, int, int)} for a queue whose frames carry {@code version}. */
    public static void seal(byte[] frame, int magic, int version, int type, int bodyLength) {
        ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC_OFFSET, magic);
        b.put(VERSION_OFFSET, (byte) version);
        b.put(ENCRYPTION_OFFSET, (byte) ENCRYPTION_NONE);
        b.put(TYPE_OFFSET, (byte) type);
        b.put(RESERVED_OFFSET, (byte) 0);
        b.putInt(KEY_ID_OFFSET, 0); // 0 = no key
        b.putInt(BODY_LENGTH_OFFSET, bodyLength);
        b.putInt(CRC_OFFSET, checksum(frame, bodyLength));
    }

    /** A whole frame holding {@code body}. */
    public static byte[] encode(int magic, int type, byte[] body) {
        return encode(magic, FORMAT_VERSION, type, body);
    }

    /** A whole frame of format {@code version} holding {@code body}. */
    public static byte[] encode(int magic, int version, int type, byte[] body) {
        byte[] frame = new byte[HEADER_BYTES + body.length];
        System.arraycopy(body, 0, frame, HEADER_BYTES, body.length);
        seal(frame, magic, version, type, body.length);
        return frame;
    }

    /** A whole cut marker frame naming the damaged run {@code [firstIndex, lastIndex]}. */
    public static byte[] cutMarker(int magic, long firstIndex, long lastIndex) {
        return cutMarker(magic, FORMAT_VERSION, firstIndex, lastIndex);
    }

    /** {@link #cutMarker(int, long, long)} in a queue whose frames carry {@code version}. */
    public static byte[] cutMarker(int magic, int version, long firstIndex, long lastIndex) {
        byte[] frame = new byte[HEADER_BYTES + CUT_MARKER_BODY_BYTES];
        ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(HEADER_BYTES, firstIndex);
        b.putLong(HEADER_BYTES + 8, lastIndex);
        seal(frame, magic, version, CUT_MARKER, CUT_MARKER_BODY_BYTES);
        return frame;
    }

    /**
     * What is wrong with the {@code length} bytes of an excerpt, or null when they form a sound
     * frame. Checks run from the cheapest to the checksum, so the answer names the first that
     * fails. A sound frame may still be one this code cannot read: see {@link #requireSupported}.
     */
    public static String findDamage(int magic, byte[] frame, int length) {
        if (length < HEADER_BYTES) {
            return "entry shorter than its header, length=" + length + ", headerBytes=" + HEADER_BYTES;
        }
        ByteBuffer b = ByteBuffer.wrap(frame, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        int storedMagic = b.getInt(MAGIC_OFFSET);
        if (storedMagic != magic) {
            return "bad magic, magic=0x" + Integer.toHexString(storedMagic);
        }
        long bodyLength = b.getInt(BODY_LENGTH_OFFSET) & 0xFFFFFFFFL;
        if (bodyLength != length - HEADER_BYTES) {
            return "body length does not match excerpt, bodyLength=" + bodyLength + ", available="
                    + (length - HEADER_BYTES);
        }
        int stored = b.getInt(CRC_OFFSET);
        int computed = checksum(frame, (int) bodyLength);
        if (stored != computed) {
            return "checksum mismatch, stored=0x" + Integer.toHexString(stored) + ", computed=0x"
                    + Integer.toHexString(computed);
        }
        if (type(frame) == CUT_MARKER && bodyLength != CUT_MARKER_BODY_BYTES) {
            return "cut marker body has the wrong size, bodyLength=" + bodyLength;
        }
        return null;
    }

    /**
     * Refuses a sound frame of another format version or with encryption: it is data this code
     * cannot read, not damage to cut, so a queue written by a newer version is never truncated.
     */
    public static void requireSupported(byte[] frame, Path file, long position, long index) {
        requireSupported(frame, FORMAT_VERSION, file, position, index);
    }

    /** {@link #requireSupported(byte[], Path, long, long)} for a queue whose frames carry {@code supported}. */
    public static void requireSupported(byte[] frame, int supported, Path file, long position, long index) {
        int version = frame[VERSION_OFFSET] & 0xFF;
        int encryption = frame[ENCRYPTION_OFFSET] & 0xFF;
        if (version != supported || encryption != ENCRYPTION_NONE) {
            throw new CorruptionException(file, position, "unsupported entry: formatVersion=" + version
                    + ", encryption=" + encryption + ", supported formatVersion=" + supported
                    + " without encryption, index=" + index);
        }
    }

    /** The entry type of a sound frame. */
    public static int type(byte[] frame) {
        return frame[TYPE_OFFSET] & 0xFF;
    }

    /** The body length of a sound frame. */
    public static int bodyLength(byte[] frame) {
        return ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).getInt(BODY_LENGTH_OFFSET);
    }

    /** First damaged index named by a sound cut marker frame. */
    public static long cutMarkerFirst(byte[] frame) {
        return ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).getLong(HEADER_BYTES);
    }

    /** Last damaged index named by a sound cut marker frame. */
    public static long cutMarkerLast(byte[] frame) {
        return ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).getLong(HEADER_BYTES + 8);
    }

    private static int checksum(byte[] frame, int bodyLength) {
        CRC32C crc = new CRC32C();
        crc.update(frame, 0, CRC_OFFSET);
        crc.update(frame, HEADER_BYTES, bodyLength);
        return (int) crc.getValue();
    }
}
