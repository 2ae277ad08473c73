package io.tidemark.storage.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable, most-significant-bit-first bit stream. Every encoded block is written through one of
 * these; fixed-width fields, varints and packed bits all land in the same stream, so a block is one
 * contiguous run of bytes. Layout rules are in <a href="../../../../../../../../docs/formats/chunk.md">
 * docs/formats/chunk.md</a> ("Bit streams").
 *
 * <p>Not thread-safe. {@link #reset()} lets an encoder reuse the buffer for the next block.
 */
public final class BitWriter {

    private static final VarHandle LONGS_BIG_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    private int size;
    /** Pending bits, right-aligned; always fewer than 8 between calls. */
    private long acc;
    private int accBits;

    public BitWriter() {
        this(64);
    }

    public BitWriter(int initialCapacity) {
        buf = new byte[Math.max(8, initialCapacity)];
    }

    /** Forgets everything written, keeping the buffer. */
    public void reset() {
        size = 0;
        acc = 0;
        accBits = 0;
    }

    /** Writes the low {@code n} bits of {@code value}, most significant first; {@code n} in 0..64. */
    public void writeBits(long value, int n) {
        if (n > 56) {
            writeWide(value, n);
            return;
        }
        // n = 0 adds nothing: its mask is 0 and the shift below moves no whole byte
        acc = (acc << n) | (value & ((1L << n) - 1));
        accBits += n;
        ensure(8);
        // fewer than 64 bits are pending: store them left-aligned as one big-endian long and keep the
        // whole bytes. No loop over the bytes, so no loop the compiler has to guess the trip count of;
        // what lands past the whole bytes is overwritten by the next write or the final alignment
        LONGS_BIG_ENDIAN.set(buf, size, acc << (64 - accBits));
        size += accBits >>> 3;
        accBits &= 7;
    }

    /** {@link #writeBits} of more than 56 bits, in two halves so that every pending bit fits a long. */
    private void writeWide(long value, int n) {
        writeBits(value >>> 32, n - 32);
        writeBits(value, 32);
    }

    public void writeByte(int value) {
        writeBits(value, 8);
    }

    /** Unsigned LEB128-style varint: 7 bits per byte, low group first, high bit = more follows. */
    public void writeUvarint(long value) {
        if (accBits == 0) {
            ensure(10);
            while ((value & ~0x7FL) != 0) {
                buf[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            buf[size++] = (byte) value;
            return;
        }
        while ((value & ~0x7FL) != 0) {
            writeBits((value & 0x7F) | 0x80, 8);
            value >>>= 7;
        }
        writeBits(value, 8);
    }

    /**
     * {@link #writeVarint} of each of {@code values[0..n)}, or of each delta from the previous value
     * (the first from 0). Room is made once for the whole run, so the loop has no capacity check.
     */
    public void writeVarints(long[] values, int n, boolean delta) {
        if (accBits != 0) {
            for (int i = 0; i < n; i++) {
                writeVarint(delta && i > 0 ? values[i] - values[i - 1] : values[i]);
            }
            return;
        }
        ensure(10 * n);
        byte[] b = buf;
        int at = size;
        long prev = 0;
        for (int i = 0; i < n; i++) {
            long v = values[i];
            long u = zigZag(delta ? v - prev : v);
            prev = v;
            if (u >>> 14 == 0) {
                // one byte or two, decided without a branch: noisy deltas straddle 128 unpredictably.
                // The second byte is always stored and simply overwritten when not kept.
                int more = (int) ((127 - u) >>> 63);
                b[at] = (byte) (u | (more << 7));
                b[at + 1] = (byte) (u >>> 7);
                at += 1 + more;
                continue;
            }
            while ((u & ~0x7FL) != 0) {
                b[at++] = (byte) ((u & 0x7F) | 0x80);
                u >>>= 7;
            }
            b[at++] = (byte) u;
        }
        size = at;
    }

    /** Zig-zag then {@link #writeUvarint}: small magnitudes of either sign take few bytes. */
    public void writeVarint(long value) {
        writeUvarint(zigZag(value));
    }

    public void writeLong(long value) {
        writeBits(value, 64);
    }

    /** Appends raw bytes; the stream must be byte-aligned. */
    public void writeBytes(byte[] src, int off, int len) {
        if (accBits != 0) {
            throw new IllegalStateException("cannot write bytes: stream not byte-aligned, pendingBits=" + accBits);
        }
        ensure(len);
        System.arraycopy(src, off, buf, size, len);
        size += len;
    }

    /** Pads with zero bits up to the next byte boundary. */
    public void alignToByte() {
        if (accBits > 0) {
            writeBits(0, 8 - accBits);
        }
    }

    /** Bytes written so far, counting a partial last byte as whole. */
    public int sizeInBytes() {
        return size + (accBits > 0 ? 1 : 0);
    }

    /** The internal buffer; valid up to {@link #sizeInBytes()} after {@link #alignToByte()}. */
    public byte[] buffer() {
        return buf;
    }

    public byte[] toByteArray() {
        alignToByte();
        return Arrays.copyOf(buf, size);
    }

    /** Bytes {@link #writeUvarint} takes for {@code v}. */
    public static int uvarintSize(long v) {
        // ceil(bits / 7) as a multiply and shift: no table load and no division in sizing loops
        int bits = 64 - Long.numberOfLeadingZeros(v | 1);
        return (bits * 9 + 64) >>> 6;
    }

    public static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    public static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }
}
