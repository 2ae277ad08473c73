package io.tidemark.storage.magnetic;

import io.tidemark.storage.CorruptionException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The header at the start of every segment file: what the file is, which table and time partition
 * it holds, and when and by which compaction level it was written. Layout in
 * <a href="../../../../../../../../docs/formats/segment.md">docs/formats/segment.md</a>.
 *
 * @param segmentId       unique within the table; a compaction output has a larger id than its inputs
 * @param level           0 when written from memory, input level + 1 when written by compaction
 * @param partitionStart  first nanosecond of the partition, inclusive
 * @param partitionEnd    first nanosecond after the partition, exclusive
 * @param createdMillis   wall-clock creation time, milliseconds since the epoch
 */
public record SegmentHeader(
        String tableId, long segmentId, int level, long partitionStart, long partitionEnd, long createdMillis) {

    /** "TMKS" in ASCII. */
    public static final int MAGIC = 0x544D4B53;
    public static final int FORMAT_VERSION = 1;
    /** Encryption field value for plaintext files; AES-GCM will take a new value. */
    public static final int ENCRYPTION_NONE = 0;

    // Offsets of the fixed part, chained so that a change to one field moves the ones after it.
    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = MAGIC_OFFSET + 4;
    static final int FLAGS_OFFSET = VERSION_OFFSET + 2;
    static final int ENCRYPTION_OFFSET = FLAGS_OFFSET + 2;
    static final int LEVEL_OFFSET = ENCRYPTION_OFFSET + 1;
    static final int TABLE_ID_LENGTH_OFFSET = LEVEL_OFFSET + 1;
    static final int KEY_ID_OFFSET = TABLE_ID_LENGTH_OFFSET + 2;
    static final int NONCE_OFFSET = KEY_ID_OFFSET + 4;
    static final int NONCE_LENGTH = 12;
    static final int RESERVED_OFFSET = NONCE_OFFSET + NONCE_LENGTH;
    static final int SEGMENT_ID_OFFSET = RESERVED_OFFSET + 4;
    static final int PARTITION_START_OFFSET = SEGMENT_ID_OFFSET + 8;
    static final int PARTITION_END_OFFSET = PARTITION_START_OFFSET + 8;
    static final int CREATED_OFFSET = PARTITION_END_OFFSET + 8;
    /** Size of the fixed part; the table id and the header CRC follow it. */
    public static final int FIXED_SIZE = CREATED_OFFSET + 8;

    public SegmentHeader {
        MagneticLayout.checkTableId(tableId);
        if (level < 0 || level > 255) {
            throw new IllegalArgumentException("cannot use compaction level: level=" + level + ", expected 0..255");
        }
        if (partitionEnd <= partitionStart) {
            throw new IllegalArgumentException("cannot use partition: start=" + partitionStart + ", end=" + partitionEnd);
        }
    }

    /** Size of the whole header: fixed part, table id, CRC32C. */
    public int encodedSize() {
        return FIXED_SIZE + tableId.getBytes(StandardCharsets.UTF_8).length + 4;
    }

    /** Writes the header at the buffer's position (big-endian) and advances past it. */
    public void writeTo(ByteBuffer out) {
        byte[] table = tableId.getBytes(StandardCharsets.UTF_8);
        int start = out.position();
        out.order(ByteOrder.BIG_ENDIAN)
                .putInt(MAGIC)
                .putShort((short) FORMAT_VERSION)
                .putShort((short) 0)
                .put((byte) ENCRYPTION_NONE)
                .put((byte) level)
                .putShort((short) table.length)
                .putInt(0)
                .put(new byte[NONCE_LENGTH])
                .putInt(0)
                .putLong(segmentId)
                .putLong(partitionStart)
                .putLong(partitionEnd)
                .putLong(createdMillis)
                .put(table);
        out.putInt(crc(out, start, out.position() - start));
    }

    /**
     * Reads and checks the header at offset 0.
     *
     * @throws CorruptionException on bad magic, an unknown version, flags or encryption, or a CRC mismatch
     */
    public static SegmentHeader read(ByteBuffer file, Path path) {
        ByteBuffer in = file.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (in.limit() < FIXED_SIZE + 4) {
            throw new CorruptionException(path, 0, "file shorter than a segment header: size=" + in.limit());
        }
        int magic = in.getInt(MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw new CorruptionException(path, MAGIC_OFFSET, "bad segment magic: " + Integer.toHexString(magic));
        }
        int version = Short.toUnsignedInt(in.getShort(VERSION_OFFSET));
        if (version != FORMAT_VERSION) {
            throw new CorruptionException(path, VERSION_OFFSET, "unsupported segment format version: " + version);
        }
        int tableLength = Short.toUnsignedInt(in.getShort(TABLE_ID_LENGTH_OFFSET));
        int crcOffset = FIXED_SIZE + tableLength;
        if (in.limit() < crcOffset + 4) {
            throw new CorruptionException(path, TABLE_ID_LENGTH_OFFSET, "table id runs past the end: length=" + tableLength);
        }
        int stored = in.getInt(crcOffset);
        int actual = crc(in, 0, crcOffset);
        if (stored != actual) {
            throw new CorruptionException(path, crcOffset, "header CRC mismatch: stored=" + Integer.toHexString(stored)
                    + ", computed=" + Integer.toHexString(actual));
        }
        int flags = Short.toUnsignedInt(in.getShort(FLAGS_OFFSET));
        int encryption = Byte.toUnsignedInt(in.get(ENCRYPTION_OFFSET));
        if (flags != 0 || encryption != ENCRYPTION_NONE) {
            throw new CorruptionException(path, FLAGS_OFFSET, "unsupported segment flags or encryption: flags="
                    + flags + ", encryption=" + encryption);
        }
        byte[] table = new byte[tableLength];
        in.get(FIXED_SIZE, table);
        try {
            return new SegmentHeader(new String(table, StandardCharsets.UTF_8), in.getLong(SEGMENT_ID_OFFSET),
                    Byte.toUnsignedInt(in.get(LEVEL_OFFSET)), in.getLong(PARTITION_START_OFFSET),
                    in.getLong(PARTITION_END_OFFSET), in.getLong(CREATED_OFFSET));
        } catch (IllegalArgumentException e) {
            throw new CorruptionException(path, 0, "invalid header field: " + e.getMessage(), e);
        }
    }

    /** CRC32C of {@code length} bytes from absolute {@code offset}, leaving the buffer untouched. */
    static int crc(ByteBuffer buffer, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().limit(offset + length).position(offset));
        return (int) crc.getValue();
    }
}
