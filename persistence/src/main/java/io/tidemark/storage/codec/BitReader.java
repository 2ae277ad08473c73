package io.tidemark.storage.codec;

/**
 * Reads what {@link BitWriter} wrote, most significant bit first, over a slice of a byte array.
 * Reading past the slice throws {@link CodecException} rather than inventing zero bits, so a
 * truncated block is reported, never silently decoded. Format: <a
 * href="../../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a> ("Bit streams").
 */
public final class BitReader {

    private final byte[] buf;
    private final int limit;
    private int pos;
    private long acc;
    private int accBits;

    public BitReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new CodecException("cannot read block: offset=" + offset + ", length=" + length
                    + ", bufferLength=" + buf.length);
        }
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    /** Reads {@code n} bits (0..64) as an unsigned value. */
    public long readBits(int n) {
        if (n > 56) {
            long hi = readBits(n - 32);
            return (hi << 32) | readBits(32);
        }
        if (n == 0) {
            return 0;
        }
        while (accBits < n) {
            if (pos >= limit) {
                throw new CodecException("cannot read bits: block truncated, needBits=" + n + ", end=" + limit);
            }
            acc = (acc << 8) | (buf[pos++] & 0xFF);
            accBits += 8;
        }
        accBits -= n;
        return (acc >>> accBits) & ((1L << n) - 1);
    }

    /** Reads {@code n} bits (1..64) as a two's complement signed value. */
    public long readSignedBits(int n) {
        long v = readBits(n);
        int shift = 64 - n;
        return (v << shift) >> shift;
    }

    public boolean readBit() {
        return readBits(1) != 0;
    }

    public int readByte() {
        return (int) readBits(8);
    }

    public long readLong() {
        return readBits(64);
    }

    public long readUvarint() {
        if (accBits == 0 && limit - pos >= 10) {
            return readAlignedUvarint();
        }
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            long b = readBits(8);
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new CodecException("cannot read varint: longer than 10 bytes, end=" + limit);
    }

    /** Fast path: byte-aligned, with room for the longest varint, so no per-byte bounds check. */
    private long readAlignedUvarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            long b = buf[pos++];
            result |= (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new CodecException("cannot read varint: longer than 10 bytes, end=" + limit);
    }

    /**
     * Reads {@code n} varints into {@code out}, each the value itself or (with {@code delta}) its
     * difference from the previous value, the first from 0. One- and two-byte varints, what small
     * values and deltas take (a two-decimal gauge's deltas often need two), are read straight from
     * the array in a tight loop; any longer one goes through {@link #readVarint} and the tight loop
     * resumes after it.
     */
    public void readVarints(long[] out, int n, boolean delta) {
        long prev = 0;
        int i = 0;
        while (i < n) {
            if (accBits == 0) {
                byte[] b = buf;
                int at = pos;
                int end = limit;
                while (i < n && at < end) {
                    int x = b[at];
                    if (x < 0) {
                        if (at + 1 >= end || b[at + 1] < 0) {
                            break;
                        }
                        x = (x & 0x7F) | (b[at + 1] << 7);
                        at++;
                    }
                    at++;
                    long v = (x >>> 1) ^ -(x & 1);
                    prev = delta ? prev + v : v;
                    out[i++] = prev;
                }
                pos = at;
                if (i == n) {
                    break;
                }
            }
            long v = readVarint();
            prev = delta ? prev + v : v;
            out[i++] = prev;
        }
    }

    public long readVarint() {
        return BitWriter.unZigZag(readUvarint());
    }

    /** A uvarint that must fit an int length or count in 0..max. */
    public int readLength(int max, String what) {
        long v = readUvarint();
        if (v < 0 || v > max) {
            throw new CodecException("cannot read " + what + ": value=" + Long.toUnsignedString(v) + ", max=" + max);
        }
        return (int) v;
    }

    /** Drops the bits left in the current byte. */
    public void alignToByte() {
        accBits -= accBits % 8;
    }

    /** Byte offset of the next unread byte; the stream must be byte-aligned. */
    public int bytePosition() {
        if (accBits % 8 != 0) {
            throw new IllegalStateException("cannot take byte position: stream not byte-aligned, pendingBits=" + accBits);
        }
        return pos - accBits / 8;
    }

    /** Skips {@code n} bytes; the stream must be byte-aligned. */
    public void skipBytes(int n) {
        int at = bytePosition();
        if (n < 0 || at + n > limit) {
            throw new CodecException("cannot skip bytes: block truncated, skip=" + n + ", at=" + at + ", end=" + limit);
        }
        pos = at + n;
        acc = 0;
        accBits = 0;
    }

    public byte[] buffer() {
        return buf;
    }

    public int limit() {
        return limit;
    }
}
