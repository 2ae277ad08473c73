package io.tidemark.storage.codec;

/**
 * {@link Encoding#LONG_RADIX} and {@link Encoding#LONG_DELTA_RADIX}: values (or deltas) minus their
 * minimum are digits in base {@code R = max - min + 1}; {@code g} digits at a time form one number
 * below {@code R^g}, written in the fewest bits that hold {@code R^g - 1}. When R is not a power of
 * two this beats bit packing: deltas in [-100, 100] (R = 201) cost 23 bits per 3 values, 7.67 bits
 * each instead of 8, close to log2(201) = 7.65, with no table to store. Layout:
 * docs/formats/chunk.md, "LONG_RADIX".
 */
final class RadixPackLongCodec {

    /** Largest radix considered; beyond it the saving over bit packing is below 1 %. */
    static final long MAX_RADIX = 1L << 20;
    private static final int MAX_GROUP = 8;

    private RadixPackLongCodec() {
    }

    /** Best digits-per-group for radix {@code r}: the fewest bits per digit, then the smallest group. */
    static int groupSize(long r) {
        int groups = groupsThatFit(r);
        int best = 1;
        double bestBits = 64;
        long power = 1;
        for (int g = 1; g <= groups; g++) {
            power *= r;
            double bits = groupBits(power) / (double) g;
            if (bits < bestBits - 1e-9) {
                bestBits = bits;
                best = g;
            }
        }
        return best;
    }

    /**
     * How many group sizes from 1 up keep {@code r^g} below 2^62 (at most {@link #MAX_GROUP}),
     * counted with a sign bit per size instead of a loop exit: only wide radices stop early, and
     * an exit the first blocks never took would throw away the compiled block sizing when one does.
     */
    private static int groupsThatFit(long r) {
        long limit = Long.MAX_VALUE / r / 2;
        int groups = 0;
        long power = 1;
        for (int g = 1; g <= MAX_GROUP; g++) {
            long fits = ((limit - power) >>> 63) ^ 1;
            groups += (int) fits;
            power *= 1 + (r - 1) * fits;
        }
        return groups;
    }

    /** Body size in bits for {@code digits} digits of radix {@code r}, excluding the header. */
    static long payloadBits(long r, long digits) {
        int g = groupSize(r);
        return (digits + g - 1) / g * groupBits(pow(r, g));
    }

    static void encode(long[] values, int n, boolean delta, long min, long radix, BitWriter out) {
        int from = DeltaBase.write(values, n, delta, out);
        if (from == n) {
            return;
        }
        int g = groupSize(radix);
        int bits = groupBits(pow(radix, g));
        out.writeVarint(min);
        out.writeUvarint(radix);
        out.writeByte(g);
        for (int i = from; i < n; i += g) {
            long group = 0;
            for (int j = Math.min(n, i + g) - 1; j >= i; j--) {
                long v = delta ? values[j] - values[j - 1] : values[j];
                group = group * radix + (v - min);
            }
            out.writeBits(group, bits);
        }
        out.alignToByte();
    }

    static void decode(BitReader in, long[] out, int n, boolean delta) {
        int from = DeltaBase.read(in, out, n, delta);
        if (from == n) {
            return;
        }
        long min = in.readVarint();
        long radix = in.readUvarint();
        int g = in.readByte();
        if (radix < 2 || radix > MAX_RADIX || g < 1 || g > MAX_GROUP || g != groupSize(radix)) {
            throw new CodecException("cannot decode radix block: radix=" + radix + ", group=" + g);
        }
        int bits = groupBits(pow(radix, g));
        // groups below 2^31 divide by the radix with a multiply and shift (Granlund-Montgomery,
        // exact for every dividend below 2^31); a hardware division per digit costs several times
        // more. Digits land as values first and deltas are summed after, so neither choice is
        // tested per digit.
        if (bits <= 31) {
            int l = 64 - Long.numberOfLeadingZeros(radix - 1);
            long reciprocal = (1L << (31 + l)) / radix + 1;
            int shift = 31 + l;
            // one flat loop with a group refill every g digits: a nested loop of a few digits per
            // group compiles (as a whole method) to loop set-up around every group, half the speed
            long group = 0;
            int left = 0;
            for (int j = from; j < n; j++) {
                if (left == 0) {
                    group = in.readBits(bits);
                    left = g;
                }
                long q = (group * reciprocal) >>> shift;
                out[j] = group - q * radix + min;
                group = q;
                left--;
            }
        } else {
            for (int i = from; i < n; i += g) {
                long group = in.readBits(bits);
                int end = Math.min(n, i + g);
                for (int j = i; j < end; j++) {
                    out[j] = group % radix + min;
                    group /= radix;
                }
            }
        }
        if (delta) {
            for (int j = from; j < n; j++) {
                out[j] += out[j - 1];
            }
        }
        in.alignToByte();
    }

    private static int groupBits(long power) {
        return 64 - Long.numberOfLeadingZeros(power - 1);
    }

    private static long pow(long r, int g) {
        long p = 1;
        for (int i = 0; i < g; i++) {
            p *= r;
        }
        return p;
    }
}
