package io.tidemark.storage.magnetic;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.codec.BitWriter;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The framing of the two index sections of a segment, the series dictionary and the footer: an
 * encoding byte, the plain length, the stored length and the stored bytes, zstd-compressed when
 * that is smaller. Both sections repeat ids and deltas from series to series, which zstd folds away.
 * Layout in <a href="../../../../../../../../docs/formats/segment.md">docs/formats/segment.md</a>,
 * "Index sections".
 */
final class SegmentSection {

    /** Frozen on-disk ids of {@code encoding}. */
    static final int RAW = 0;
    static final int ZSTD = 1;
    /** A section is decoded once per open, so a stronger level than for chunks pays off. */
    static final int ZSTD_LEVEL = 9;
    /** Larger plain sections are refused before anything is allocated for them. */
    static final int MAX_PLAIN_BYTES = 1 << 30;

    /** The plain bytes of a section and how many bytes the framed section takes in the file. */
    record Decoded(byte[] plain, int framedLength) {
    }

    private SegmentSection() {
    }

    /** Frames {@code plain}, compressed when zstd makes the stored bytes smaller. */
    static byte[] encode(byte[] plain) {
        byte[] packed = Zstd.compress(plain, ZSTD_LEVEL);
        boolean compressed = packed.length < plain.length;
        byte[] stored = compressed ? packed : plain;
        BitWriter out = new BitWriter(stored.length + 11);
        out.writeByte(compressed ? ZSTD : RAW);
        out.writeUvarint(plain.length);
        out.writeUvarint(stored.length);
        out.writeBytes(stored, 0, stored.length);
        return out.toByteArray();
    }

    /**
     * Reads the section framed at the start of {@code in} (which may extend past it).
     *
     * @param fileOffset where the section starts in the file, for error messages
     * @param name       "dictionary" or "footer", for error messages
     */
    static Decoded decode(ByteBuffer in, Path file, long fileOffset, String name) {
        ByteBuffer section = in.duplicate();
        try {
            int encoding = Byte.toUnsignedInt(section.get());
            if (encoding != RAW && encoding != ZSTD) {
                throw new CorruptionException(file, fileOffset, "unknown " + name + " encoding: encoding=" + encoding);
            }
            int plainLength = readLength(section, file, fileOffset, name + " plain length");
            int storedLength = readLength(section, file, fileOffset, name + " stored length");
            if (storedLength > section.remaining() || (encoding == RAW && storedLength != plainLength)) {
                throw new CorruptionException(file, fileOffset, name + " length out of range: encoding=" + encoding
                        + ", plainLength=" + plainLength + ", storedLength=" + storedLength + ", available="
                        + section.remaining());
            }
            byte[] stored = new byte[storedLength];
            section.get(stored);
            byte[] plain = encoding == RAW ? stored : inflate(stored, plainLength, file, fileOffset, name);
            return new Decoded(plain, section.position() - in.position());
        } catch (BufferUnderflowException e) {
            throw new CorruptionException(file, fileOffset, name + " truncated", e);
        }
    }

    private static byte[] inflate(byte[] stored, int plainLength, Path file, long fileOffset, String name) {
        byte[] plain;
        try {
            plain = Zstd.decompress(stored, plainLength);
        } catch (ZstdException e) {
            throw new CorruptionException(file, fileOffset, "cannot inflate " + name + ": " + e.getMessage(), e);
        }
        if (plain.length != plainLength) {
            throw new CorruptionException(file, fileOffset, name + " inflates to a different length: stored="
                    + plainLength + ", inflated=" + plain.length);
        }
        return plain;
    }

    /** An unsigned LEB128 varint of at most 5 bytes, at most {@link #MAX_PLAIN_BYTES}. */
    private static int readLength(ByteBuffer in, Path file, long fileOffset, String what) {
        long value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = Byte.toUnsignedInt(in.get());
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value > MAX_PLAIN_BYTES) {
                    break;
                }
                return (int) value;
            }
        }
        throw new CorruptionException(file, fileOffset, what + " out of range: value=" + value
                + ", limit=" + MAX_PLAIN_BYTES);
    }
}
