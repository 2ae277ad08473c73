package io.tidemark.storage.codec;

import java.util.Arrays;

/**
 * {@link Encoding#RANS}: an order-0 byte entropy coder (range asymmetric numeral system, 12-bit
 * frequencies, 32-bit state, byte renormalisation) over a finished block. zstd's LZ stage spends
 * bytes on false matches in noisy deltas and its Huffman stage cannot go below one bit per byte;
 * rANS codes a skewed byte alphabet (small zig-zag deltas: about 2.2 bits of entropy per value on
 * integer random walks) within a few percent of its entropy. Kept only when it makes the block
 * smaller. Layout: docs/formats/chunk.md, "RANS".
 *
 * <p>The encoder runs backwards over the input so the decoder reads forwards. Tables and buffers
 * are per thread and reused.
 */
final class RansStage {

    static final int MIN_INPUT_BYTES = 32;
    private static final int SCALE_BITS = 12;
    private static final int SCALE = 1 << SCALE_BITS;
    /** Lower bound of the normalised state interval [L, 256 L). */
    private static final long LOW = 1L << 23;
    private static final int MAX_RAW_BYTES = 1 << 30;

    private static final ThreadLocal<Tables> TABLES = ThreadLocal.withInitial(Tables::new);

    private static final class Tables {
        final int[] counts = new int[256];
        /** Four interleaved histograms, so runs of one byte do not serialise on one counter. */
        final int[] laneCounts = new int[4 * 256];
        final int[] freq = new int[256];
        /** The byte values a block holds, ascending. */
        final int[] present = new int[256];
        final int[] cum = new int[256];
        /**
         * Per slot, its symbol's decode entry: frequency - 1 (bits 0-11), cumulative frequency
         * (bits 12-23) and the byte (bits 24-31). One value per symbol, so the table of a block is
         * {@code symbols} array fills, not a store per slot and field.
         */
        final int[] slots = new int[SCALE];
        final long[] reciprocal = new long[256];
        final int[] shift = new int[256];
        byte[] coded = new byte[1024];
        byte[] raw = new byte[1024];
    }

    private RansStage() {
    }

    /** Writes {@code block[0..length)} rANS-coded when that is smaller; returns whether it did. */
    static boolean writeIfSmaller(byte[] block, int length, BitWriter out) {
        return writeIfSmaller(block, length, length, out);
    }

    /**
     * Writes {@code block[0..length)} rANS-coded when the result is smaller than {@code limit}
     * bytes; returns whether it did. The byte entropy of the block is a lower bound for the coded
     * size, so a block that cannot get under the limit is rejected before the coding loop runs.
     *
     * <p>Every loop is a small method of its own and this one only strings them together: the JIT
     * then compiles each loop once, by itself, instead of compiling (on stack replacement, then
     * again whole) one large method that holds them all.
     */
    static boolean writeIfSmaller(byte[] block, int length, int limit, BitWriter out) {
        if (length < MIN_INPUT_BYTES) {
            return false;
        }
        Tables t = TABLES.get();
        // from here on only the bytes present are visited: a block of small deltas has a few dozen
        // of them, and freq, cum and the reciprocals of absent bytes are never read (nor cleared)
        int symbols = countBytes(block, length, t.laneCounts, t.counts, t.present);
        if (symbols < 2) {
            return false;
        }
        normalise(t.counts, t.present, symbols, length, t.freq);
        int tableBytes = cumulate(t.present, symbols, t.freq, t.cum);
        if (tableBytes >= Math.min(length, limit)
                || tableBytes + entropyBytes(t.counts, t.present, symbols, length) >= limit) {
            return false;
        }
        reciprocals(t.present, symbols, t.freq, t.reciprocal, t.shift);
        byte[] coded = codedBuffer(t, length);
        int p = encodeSymbols(block, length, t.freq, t.cum, t.reciprocal, t.shift, coded);
        int payload = coded.length - p;
        int size = 1 + BitWriter.uvarintSize(length) + tableBytes + BitWriter.uvarintSize(payload) + payload;
        if (size >= Math.min(length, limit)) {
            return false;
        }
        writeBlock(length, t.present, symbols, t.freq, coded, p, out);
        return true;
    }

    /**
     * Sets {@code cum} of the {@code symbols} bytes in {@code present} to their cumulative
     * frequencies; returns the size of the symbol table as {@link #writeBlock} writes it.
     */
    private static int cumulate(int[] present, int symbols, int[] freq, int[] cum) {
        int tableBytes = 1;
        int prev = -1;
        int total = 0;
        for (int k = 0; k < symbols; k++) {
            int s = present[k];
            cum[s] = total;
            total += freq[s];
            tableBytes += BitWriter.uvarintSize(s - prev - 1) + BitWriter.uvarintSize(freq[s] - 1);
            prev = s;
        }
        return tableBytes;
    }

    /** The order-0 entropy of the block in bytes: no coding of it is smaller. */
    private static double entropyBytes(int[] counts, int[] present, int symbols, int length) {
        double entropyBits = 0;
        for (int k = 0; k < symbols; k++) {
            int c = counts[present[k]];
            entropyBits += c * Math.log((double) length / c);
        }
        return entropyBits / Math.log(2) / 8;
    }

    /**
     * Per byte present, the multiplier and shift that divide a state by its frequency
     * (Granlund-Montgomery: q = (x * m) >>> (31 + l) equals x / f for every x < 2^31).
     */
    private static void reciprocals(int[] present, int symbols, int[] freq, long[] reciprocal, int[] shift) {
        for (int k = 0; k < symbols; k++) {
            int s = present[k];
            int l = 32 - Integer.numberOfLeadingZeros(freq[s] - 1);
            reciprocal[s] = (1L << (31 + l)) / freq[s] + 1;
            shift[s] = 31 + l;
        }
    }

    /**
     * The per-thread buffer for the coded bytes, grown to hold the worst case of a block of
     * {@code length} bytes (two bytes per symbol and the final state). Growth is rare and kept out
     * of the coding methods so that compiled code need not be thrown away when it happens.
     */
    private static byte[] codedBuffer(Tables t, int length) {
        if (t.coded.length < 2 * length + 8) {
            t.coded = new byte[2 * length + 8];
        }
        return t.coded;
    }

    /**
     * Codes {@code block[0..length)} backwards into the end of {@code coded}; returns where the
     * coded bytes start. The state stays in [L, 256 L) and a symbol of frequency f first sheds the
     * bytes that bring it below {@code 2^19 f}: none, one or two, since the state is below 2^31 and
     * the bound at least 2^19. Both bytes are stored every time and the start moves back by the
     * count, so the loop has no branch on data that noisy blocks make unpredictable; a byte stored
     * below the start is overwritten by the next symbol's or never read.
     */
    private static int encodeSymbols(byte[] block, int length, int[] freq, int[] cum, long[] reciprocal,
            int[] shift, byte[] coded) {
        int p = coded.length;
        long x = LOW;
        for (int i = length - 1; i >= 0; i--) {
            int s = block[i] & 0xFF;
            int f = freq[s];
            long xMax = ((LOW >> SCALE_BITS) << 8) * f;
            int shed = (int) ((xMax - 1 - x) >>> 63) + (int) (((xMax << 8) - 1 - x) >>> 63);
            coded[p - 1] = (byte) x;
            coded[p - 2] = (byte) (x >>> 8);
            p -= shed;
            x >>>= shed << 3;
            long q = (x * reciprocal[s]) >>> shift[s];
            x = (q << SCALE_BITS) + (x - q * f) + cum[s];
        }
        for (int k = 0; k < 4; k++) {
            coded[--p] = (byte) x;
            x >>>= 8;
        }
        return p;
    }

    /** Writes the block: id, raw length, symbol table, then the coded bytes {@code coded[p..)}. */
    private static void writeBlock(int length, int[] present, int symbols, int[] freq, byte[] coded, int p,
            BitWriter out) {
        int payload = coded.length - p;
        out.writeByte(Encoding.RANS.id());
        out.writeUvarint(length);
        out.writeUvarint(symbols);
        int prev = -1;
        for (int k = 0; k < symbols; k++) {
            int s = present[k];
            out.writeUvarint(s - prev - 1);
            out.writeUvarint(freq[s] - 1);
            prev = s;
        }
        out.writeUvarint(payload);
        out.writeBytes(coded, p, payload);
    }

    /** Reads a RANS block body (after its id); returns a reader over the decoded inner block. */
    static BitReader inflate(BitReader in) {
        Tables t = TABLES.get();
        int rawLength = in.readLength(MAX_RAW_BYTES, "rans raw length");
        readTable(in, t.slots);
        int payload = in.readLength(MAX_RAW_BYTES, "rans payload length");
        int at = in.bytePosition();
        in.skipBytes(payload);
        if (payload < 4) {
            throw new CodecException("cannot decode rans block: payload=" + payload + ", minimum=4");
        }
        byte[] raw = rawBuffer(t, rawLength);
        decodeSymbols(in.buffer(), at, at + payload, t.slots, raw, rawLength);
        return new BitReader(raw, 0, rawLength);
    }

    /**
     * Reads the symbol table into the per-slot decode table. A block of ~1,000 bytes (a 720-row
     * chunk column) decodes about as many symbols as the table has slots, so filling it is a run of
     * {@link Arrays#fill} per symbol rather than per-slot arithmetic.
     */
    private static void readTable(BitReader in, int[] slots) {
        int symbols = in.readLength(256, "rans symbol count");
        int s = -1;
        int total = 0;
        for (int k = 0; k < symbols; k++) {
            s += in.readLength(255, "rans symbol gap") + 1;
            int f = in.readLength(SCALE - 1, "rans frequency") + 1;
            if (s > 255 || total + f > SCALE) {
                throw new CodecException("cannot decode rans table: symbol=" + s + ", frequencyTotal=" + (total + f));
            }
            Arrays.fill(slots, total, total + f, (f - 1) | (total << 12) | (s << 24));
            total += f;
        }
        if (total != SCALE) {
            throw new CodecException("cannot decode rans table: frequencyTotal=" + total + ", expected=" + SCALE);
        }
    }

    /**
     * The per-thread output buffer, grown to hold {@code rawLength} bytes. Growth is rare and comes
     * late (the first block longer than any before); kept out of {@link #inflate} and
     * {@link #decodeSymbols} so that compiled code for the decode loop does not have to be thrown
     * away and rebuilt when it happens.
     */
    private static byte[] rawBuffer(Tables t, int rawLength) {
        if (t.raw.length < rawLength) {
            t.raw = new byte[Math.max(rawLength, 2 * t.raw.length)];
        }
        return t.raw;
    }

    /**
     * Decodes {@code raw[0..rawLength)} from {@code src[at..end)}: the hot loop, in a small static
     * method so that the JIT compiles it by itself and early, whatever the callers look like.
     */
    private static void decodeSymbols(byte[] src, int at, int end, int[] slots, byte[] raw, int rawLength) {
        int x = 0;
        for (int k = 0; k < 4; k++) {
            x = (x << 8) | (src[at++] & 0xFF);
        }
        if (x < LOW) {
            throw new CodecException("cannot decode rans block: initial state=" + x);
        }
        for (int i = 0; i < rawLength; i++) {
            int slot = x & (SCALE - 1);
            int entry = slots[slot];
            raw[i] = (byte) (entry >>> 24);
            // x' = f * (x / M) + slot - cum, with f * q written (f - 1) * q + q so the multiply waits only on the load
            int q = x >>> SCALE_BITS;
            x = (entry & 0xFFF) * q + (q + slot - ((entry >>> 12) & 0xFFF));
            while (x < LOW) {
                if (at >= end) {
                    throw new CodecException("cannot decode rans block: payload exhausted at byte=" + i
                            + ", rawLength=" + rawLength);
                }
                x = (x << 8) | (src[at++] & 0xFF);
            }
        }
        if (x != LOW || at != end) {
            throw new CodecException("cannot decode rans block: final state=" + x + ", unread payload bytes="
                    + (end - at));
        }
    }

    /** Counts each byte value of the block; lists the values present, ascending, and returns how many there are. */
    private static int countBytes(byte[] block, int length, int[] lanes, int[] counts, int[] present) {
        Arrays.fill(lanes, 0);
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            lanes[(block[i] & 0xFF) << 2]++;
            lanes[((block[i + 1] & 0xFF) << 2) | 1]++;
            lanes[((block[i + 2] & 0xFF) << 2) | 2]++;
            lanes[((block[i + 3] & 0xFF) << 2) | 3]++;
        }
        for (; i < length; i++) {
            lanes[(block[i] & 0xFF) << 2]++;
        }
        int symbols = 0;
        for (int s = 0; s < 256; s++) {
            int c = lanes[s << 2] + lanes[(s << 2) | 1] + lanes[(s << 2) | 2] + lanes[(s << 2) | 3];
            counts[s] = c;
            present[symbols] = s;
            symbols += c == 0 ? 0 : 1;
        }
        return symbols;
    }

    /**
     * Scales the counts of the {@code symbols} bytes in {@code present} to frequencies summing to
     * {@link #SCALE}, each at least 1; sets only their entries of {@code freq}.
     */
    private static void normalise(int[] counts, int[] present, int symbols, int total, int[] freq) {
        int sum = 0;
        int largest = present[0];
        for (int k = 0; k < symbols; k++) {
            int s = present[k];
            freq[s] = Math.max(1, (int) ((long) counts[s] * SCALE / total));
            sum += freq[s];
            if (counts[s] > counts[largest]) {
                largest = s;
            }
        }
        freq[largest] += SCALE - sum;
        while (freq[largest] < 1) {
            // rare bytes rounded up to 1 overdrew the budget: take it back from any byte above 1
            for (int k = 0; k < symbols && freq[largest] < 1; k++) {
                int s = present[k];
                if (s != largest && freq[s] > 1) {
                    freq[s]--;
                    freq[largest]++;
                }
            }
        }
    }
}
