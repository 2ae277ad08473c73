package io.tidemark.storage.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * {@link Encoding#ZSTD}: the entropy stage. A finished block (its own encoding id included) is
 * zstd-compressed and kept only when that makes it smaller. Layout: docs/formats/chunk.md, "ZSTD".
 *
 * <p>Frames are written magic-less, without checksum, content size or dictionary id: the chunk CRC
 * already covers the bytes and the block header carries the raw length, so those fields would only
 * cost bytes. Compression and decompression contexts and the decode buffer are per thread and
 * reused, so decoding a block allocates nothing but its {@link BitReader}.
 */
final class ZstdStage {

    /** Blocks smaller than this never shrink: the frame and Huffman headers cost more than they save. */
    static final int MIN_INPUT_BYTES = 48;
    /**
     * zstd's default level. Higher levels code noisy deltas a little smaller but encode 20-100 times
     * slower, and for those {@link RansStage} is smaller still; zstd earns its place on blocks with
     * repeated patterns, which every level finds.
     */
    private static final int LEVEL = 3;
    /** Refuse to inflate anything claiming more than this, so a corrupt length cannot exhaust memory. */
    private static final int MAX_RAW_BYTES = 1 << 30;

    private static final ThreadLocal<ZstdCompressCtx> COMPRESS = ThreadLocal.withInitial(() ->
            new ZstdCompressCtx().setLevel(LEVEL).setMagicless(true).setChecksum(false)
                    .setContentSize(false).setDictID(false));
    private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESS = ThreadLocal.withInitial(() ->
            new ZstdDecompressCtx().setMagicless(true));
    private static final int PROBE_BITS = 12;
    private static final ThreadLocal<Probe> PROBE = ThreadLocal.withInitial(Probe::new);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<byte[][]> BUFFERS = ThreadLocal.withInitial(() -> new byte[2][]);

    private ZstdStage() {
    }

    /**
     * Writes {@code block[0..length)} zstd-compressed into {@code out} when the result is smaller,
     * returning true; otherwise writes nothing and returns false.
     */
    static boolean writeIfSmaller(byte[] block, int length, BitWriter out) {
        if (length < MIN_INPUT_BYTES) {
            return false;
        }
        byte[] dst = buffer(1, (int) Zstd.compressBound(length));
        int compressed = COMPRESS.get().compressByteArray(dst, 0, dst.length, block, 0, length);
        int header = 1 + BitWriter.uvarintSize(length) + BitWriter.uvarintSize(compressed);
        if (header + compressed >= length) {
            return false;
        }
        out.writeByte(Encoding.ZSTD.id());
        out.writeUvarint(length);
        out.writeUvarint(compressed);
        out.writeBytes(dst, 0, compressed);
        return true;
    }

    /**
     * True when at least 1/8 of the 8-byte windows of {@code block} (sampled every 4 bytes) repeat
     * an earlier window with the same hash: the repeated patterns zstd's LZ stage turns into
     * matches. Noisy deltas rarely repeat 8 bytes, and there zstd only costs time, since {@link
     * RansStage} codes their byte frequencies at least as well.
     */
    static boolean looksRepetitive(byte[] block, int length) {
        if (length < MIN_INPUT_BYTES) {
            return false;
        }
        Probe probe = PROBE.get();
        int base = probe.claim(length);
        int[] seen = probe.seen;
        int windows = 0;
        int repeats = 0;
        for (int i = 0; i + 8 <= length; i += 4) {
            long w = (long) LONGS.get(block, i);
            int slot = (int) ((w * 0x9E3779B97F4A7C15L) >>> (64 - PROBE_BITS));
            int earlier = seen[slot] - base;
            if (earlier >= 0 && (long) LONGS.get(block, earlier) == w) {
                repeats++;
            }
            seen[slot] = base + i;
            windows++;
        }
        return repeats * 8 >= windows;
    }

    /**
     * The per-thread hash table of window positions. A position is stored plus the base of its
     * block, and each block claims a base above every position stored before, so an entry below
     * the base is empty: the table is cleared only when the bases run out, not per block (a clear
     * is 16 KiB of stores, more than probing a block of a thousand bytes).
     */
    private static final class Probe {
        final int[] seen = new int[1 << PROBE_BITS];
        private int nextBase = Integer.MAX_VALUE;

        /** The base for a block of {@code length} bytes. */
        int claim(int length) {
            int base = nextBase;
            if (base > Integer.MAX_VALUE - length) {
                java.util.Arrays.fill(seen, -1);
                base = 0;
            }
            nextBase = base + length;
            return base;
        }
    }

    /**
     * Reads a ZSTD block body (after its id) and returns a reader over the inflated inner block. The
     * buffer behind it is reused by the next call on this thread.
     */
    static BitReader inflate(BitReader in) {
        int rawLength = in.readLength(MAX_RAW_BYTES, "zstd raw length");
        int compressed = in.readLength(MAX_RAW_BYTES, "zstd compressed length");
        int at = in.bytePosition();
        in.skipBytes(compressed);
        byte[] dst = buffer(0, rawLength);
        int got;
        try {
            got = DECOMPRESS.get().decompressByteArray(dst, 0, rawLength, in.buffer(), at, compressed);
        } catch (ZstdException e) {
            throw new CodecException("cannot inflate zstd block: rawLength=" + rawLength
                    + ", compressedLength=" + compressed, e);
        }
        if (got != rawLength) {
            throw new CodecException("cannot inflate zstd block: rawLength=" + rawLength + ", inflated=" + got);
        }
        return new BitReader(dst, 0, rawLength);
    }

    private static byte[] buffer(int slot, int size) {
        byte[][] buffers = BUFFERS.get();
        if (buffers[slot] == null || buffers[slot].length < size) {
            buffers[slot] = new byte[Math.max(size, 4096)];
        }
        return buffers[slot];
    }
}
