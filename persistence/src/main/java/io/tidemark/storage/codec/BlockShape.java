package io.tidemark.storage.codec;

import static io.tidemark.storage.codec.Encoding.LONG_BITPACK;
import static io.tidemark.storage.codec.Encoding.LONG_DELTA_BITPACK;
import static io.tidemark.storage.codec.Encoding.LONG_DELTA_OF_DELTA;
import static io.tidemark.storage.codec.Encoding.LONG_DELTA_RADIX;
import static io.tidemark.storage.codec.Encoding.LONG_DELTA_VARINT;
import static io.tidemark.storage.codec.Encoding.LONG_RADIX;
import static io.tidemark.storage.codec.Encoding.LONG_RUN_LENGTH;
import static io.tidemark.storage.codec.Encoding.LONG_VARINT;

/**
 * The exact size of every non-trivial long encoding of one block (at least two values, not
 * constant), found without writing any of them, so {@link LongBlockCodec} writes only the smallest.
 *
 * <p>Why two passes: the first finds the ranges of values and deltas and counts non-zero deltas
 * and delta-of-deltas. That sizes the bit-packed and radix forms exactly and bounds the others from
 * below (a varint is at least a byte, a non-zero delta-of-delta at least 9 bits, a run at least two
 * bytes). Only when some bound is not already beaten by an exact size does the second pass measure
 * the varint, run-length and delta-of-delta forms; smooth gauges, whose small deltas radix-pack
 * into a few bits, skip it.
 */
final class BlockShape {

    /** Candidates in tie-break order: on equal sizes the earlier one wins. */
    private static final Encoding[] ORDER = {LONG_DELTA_OF_DELTA, LONG_BITPACK, LONG_DELTA_BITPACK, LONG_VARINT,
        LONG_DELTA_VARINT, LONG_RADIX, LONG_DELTA_RADIX, LONG_RUN_LENGTH};

    private final long[] values;
    private final int n;
    private final long first;
    final long min;
    final long max;
    final long minDelta;
    final long maxDelta;
    /** Runs of equal values: one more than the non-zero deltas. */
    private final int runs;
    /** Non-zero delta-of-deltas from the third value on. */
    private final int nonZeroDods;
    /**
     * Exact sizes of the packed forms, from the first pass alone. Worked out once here: sized on
     * demand, every size query would bring the radix group-size search into the compiled code of
     * its caller again.
     */
    private final long bitPackBytes;
    private final long deltaBitPackBytes;
    private final long radixBytes;
    private final long deltaRadixBytes;
    private boolean measured;
    private long varintBytes;
    private long deltaVarintBytes;
    private long dodBits;
    private long runBytes;

    BlockShape(long[] values, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("cannot size block: count=" + n + ", minimum=2");
        }
        this.values = values;
        this.n = n;
        this.first = values[0];
        long lo = Math.min(first, values[1]);
        long hi = Math.max(first, values[1]);
        long prevDelta = values[1] - first;
        long loDelta = prevDelta;
        long hiDelta = prevDelta;
        int nonZeroDeltas = (int) ((prevDelta | -prevDelta) >>> 63);
        int dods = 0;
        long prev = values[1];
        for (int i = 2; i < n; i++) {
            long v = values[i];
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            long d = v - prev;
            loDelta = Math.min(loDelta, d);
            hiDelta = Math.max(hiDelta, d);
            nonZeroDeltas += (int) ((d | -d) >>> 63);
            long dod = d - prevDelta;
            dods += (int) ((dod | -dod) >>> 63);
            prevDelta = d;
            prev = v;
        }
        min = lo;
        max = hi;
        minDelta = loDelta;
        maxDelta = hiDelta;
        runs = 1 + nonZeroDeltas;
        nonZeroDods = dods;
        bitPackBytes = 2 + varint(min) + bits(n * (long) width(min, max));
        deltaBitPackBytes = 2 + varint(first) + varint(minDelta) + bits((n - 1) * (long) width(minDelta, maxDelta));
        radixBytes = radixPackBytes(radixOf(min, max), n, varint(min));
        deltaRadixBytes = radixPackBytes(radixOf(minDelta, maxDelta), n - 1, varint(first) + varint(minDelta));
    }

    /**
     * Size of a radix-packed block of {@code digits} digits whose header before the radix takes
     * {@code baseBytes} (id and group byte aside); Long.MAX_VALUE when {@code radix} is 0.
     */
    private static long radixPackBytes(long radix, int digits, long baseBytes) {
        return radix == 0 ? Long.MAX_VALUE
                : 2 + baseBytes + BitWriter.uvarintSize(radix) + bits(RadixPackLongCodec.payloadBits(radix, digits));
    }

    /** The smallest encoding; ties go to the earlier in {@link #ORDER}. */
    Encoding smallest() {
        long exact = Math.min(Math.min(bitPackBytes, deltaBitPackBytes), Math.min(radixBytes, deltaRadixBytes));
        Encoding best = null;
        long bestBytes = Long.MAX_VALUE;
        for (Encoding e : ORDER) {
            if (!measured && lowerBound(e) > exact) {
                // strictly larger than a form already sized: it cannot win, not even a tie
                continue;
            }
            long size = bytes(e);
            if (size < bestBytes) {
                bestBytes = size;
                best = e;
            }
        }
        return best;
    }

    /** Exact encoded size in bytes, id included, or Long.MAX_VALUE when the encoding does not apply. */
    long bytes(Encoding e) {
        switch (e) {
            case LONG_BITPACK:
                return bitPackBytes;
            case LONG_DELTA_BITPACK:
                return deltaBitPackBytes;
            case LONG_RADIX:
                return radixBytes;
            case LONG_DELTA_RADIX:
                return deltaRadixBytes;
            default:
                measure();
                return measuredBytes(e);
        }
    }

    /** A size no smaller than {@link #bytes}, from the first pass alone. */
    private long lowerBound(Encoding e) {
        switch (e) {
            case LONG_DELTA_OF_DELTA:
                // a zero delta-of-delta is one bit, any other at least a 2-bit prefix and 7 bits
                return dodBytes((n - 2 - nonZeroDods) + 9L * nonZeroDods);
            case LONG_VARINT:
            case LONG_DELTA_VARINT:
                return 1 + (long) n;
            case LONG_RUN_LENGTH:
                return 1 + BitWriter.uvarintSize(runs) + 2L * runs;
            default:
                return bytes(e);
        }
    }

    private long measuredBytes(Encoding e) {
        switch (e) {
            case LONG_DELTA_OF_DELTA:
                return dodBytes(dodBits);
            case LONG_VARINT:
                return 1 + varintBytes;
            case LONG_DELTA_VARINT:
                return 1 + deltaVarintBytes;
            case LONG_RUN_LENGTH:
                return 1 + BitWriter.uvarintSize(runs) + runBytes;
            default:
                throw new IllegalArgumentException("cannot size encoding=" + e);
        }
    }

    private long dodBytes(long payloadBits) {
        return 1 + varint(first) + varint(values[1] - first) + bits(payloadBits);
    }

    /** The second pass: varint sizes of values and deltas, run-length pairs, delta-of-delta bits. */
    private void measure() {
        if (measured) {
            return;
        }
        measured = true;
        long v = first;
        int valueBytes = BitWriter.uvarintSize(BitWriter.zigZag(v));
        varintBytes = valueBytes;
        deltaVarintBytes = valueBytes;
        int runStart = 0;
        int runValueBytes = valueBytes;
        long prev = v;
        long prevDelta = 0;
        long dod = 0;
        for (int i = 1; i < n; i++) {
            v = values[i];
            valueBytes = BitWriter.uvarintSize(BitWriter.zigZag(v));
            varintBytes += valueBytes;
            long d = v - prev;
            deltaVarintBytes += BitWriter.uvarintSize(BitWriter.zigZag(d));
            dod += DeltaOfDeltaLongCodec.bucketBits(d - prevDelta);
            prevDelta = d;
            // a run ends where the delta is non-zero, which noisy data makes unpredictable:
            // masks instead of a branch
            int ends = (int) ((d | -d) >>> 63);
            int mask = -ends;
            runBytes += (runValueBytes + BitWriter.uvarintSize(i - runStart)) & mask;
            runStart = (i & mask) | (runStart & ~mask);
            runValueBytes = (valueBytes & mask) | (runValueBytes & ~mask);
            prev = v;
        }
        // the loop also sized the second value's delta against 0 as a delta-of-delta, but the
        // encoding stores that delta as a plain varint instead
        dodBits = dod - DeltaOfDeltaLongCodec.bucketBits(values[1] - first);
        runBytes += runValueBytes + BitWriter.uvarintSize(n - runStart);
    }

    /** Radix for values in [lo, hi], or 0 when radix packing cannot beat bit packing. */
    private static long radixOf(long lo, long hi) {
        // radix r = range + 1 applies for range in [2, MAX_RADIX) when r is not a power of two.
        // Worked out with sign bits rather than branches: a block of two distinct values (range 1)
        // is rare in a load, and a branch never taken until then would throw away the compiled
        // code of every method this one is inlined into when it is
        long range = hi - lo;
        long fromTwo = range - 2;
        long inRange = (~fromTwo & (fromTwo - (RadixPackLongCodec.MAX_RADIX - 2))) >>> 63;
        long r = range + 1;
        long lowBitsCleared = r & (r - 1);
        long notPowerOfTwo = (lowBitsCleared | -lowBitsCleared) >>> 63;
        return r & -(inRange & notPowerOfTwo);
    }

    private static int width(long lo, long hi) {
        return 64 - Long.numberOfLeadingZeros(hi - lo);
    }

    private static long varint(long v) {
        return BitWriter.uvarintSize(BitWriter.zigZag(v));
    }

    private static long bits(long bits) {
        return (bits + 7) / 8;
    }
}
