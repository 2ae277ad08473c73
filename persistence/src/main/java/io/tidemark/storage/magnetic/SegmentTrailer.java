package io.tidemark.storage.magnetic;

import io.tidemark.storage.CorruptionException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The fixed-size end of a segment file: where the footer is, its CRC32C, the CRC32C of the whole
 * file before the file CRC field, and an end magic that tells a complete file from a torn one.
 * Layout in <a href="../../../../../../../../docs/formats/segment.md">docs/formats/segment.md</a>.
 */
record SegmentTrailer(long footerOffset, int footerLength, int footerCrc) {

    /** "TMKE" in ASCII. */
    static final int END_MAGIC = 0x544D4B45;

    static final int FOOTER_OFFSET_OFFSET = 0;
    static final int FOOTER_LENGTH_OFFSET = FOOTER_OFFSET_OFFSET + 8;
    static final int FOOTER_CRC_OFFSET = FOOTER_LENGTH_OFFSET + 4;
    static final int FILE_CRC_OFFSET = FOOTER_CRC_OFFSET + 4;
    static final int END_MAGIC_OFFSET = FILE_CRC_OFFSET + 4;
    static final int SIZE = END_MAGIC_OFFSET + 4;

    /** The trailer up to (excluding) the file CRC, which covers these bytes too. */
    ByteBuffer encodeHead() {
        return ByteBuffer.allocate(FILE_CRC_OFFSET).order(ByteOrder.BIG_ENDIAN)
                .putLong(footerOffset).putInt(footerLength).putInt(footerCrc).flip();
    }

    static ByteBuffer encodeTail(int fileCrc) {
        return ByteBuffer.allocate(SIZE - FILE_CRC_OFFSET).order(ByteOrder.BIG_ENDIAN)
                .putInt(fileCrc).putInt(END_MAGIC).flip();
    }

    /**
     * Reads the trailer at the end of the file, checks the end magic and the whole-file CRC, and
     * checks that the footer lies between {@code bodyStart} and the trailer.
     */
    static SegmentTrailer read(ByteBuffer file, Path path, long bodyStart) {
        int size = file.limit();
        int start = size - SIZE;
        if (start < bodyStart) {
            throw new CorruptionException(path, size, "file too short for a segment trailer: size=" + size);
        }
        ByteBuffer in = file.duplicate().order(ByteOrder.BIG_ENDIAN);
        int endMagic = in.getInt(start + END_MAGIC_OFFSET);
        if (endMagic != END_MAGIC) {
            throw new CorruptionException(path, start + END_MAGIC_OFFSET,
                    "bad segment end magic (torn or truncated file): " + Integer.toHexString(endMagic));
        }
        int storedFileCrc = in.getInt(start + FILE_CRC_OFFSET);
        int fileCrc = SegmentHeader.crc(in, 0, start + FILE_CRC_OFFSET);
        if (storedFileCrc != fileCrc) {
            throw new CorruptionException(path, start + FILE_CRC_OFFSET, "file CRC mismatch: stored="
                    + Integer.toHexString(storedFileCrc) + ", computed=" + Integer.toHexString(fileCrc));
        }
        SegmentTrailer trailer = new SegmentTrailer(in.getLong(start + FOOTER_OFFSET_OFFSET),
                in.getInt(start + FOOTER_LENGTH_OFFSET), in.getInt(start + FOOTER_CRC_OFFSET));
        if (trailer.footerOffset < bodyStart || trailer.footerLength < 8
                || trailer.footerOffset + trailer.footerLength != start) {
            throw new CorruptionException(path, start, "footer position out of range: footerOffset="
                    + trailer.footerOffset + ", footerLength=" + trailer.footerLength + ", trailerOffset=" + start);
        }
        int footerCrc = SegmentHeader.crc(in, (int) trailer.footerOffset, trailer.footerLength);
        if (footerCrc != trailer.footerCrc) {
            throw new CorruptionException(path, trailer.footerOffset, "footer CRC mismatch: stored="
                    + Integer.toHexString(trailer.footerCrc) + ", computed=" + Integer.toHexString(footerCrc));
        }
        return trailer;
    }
}
