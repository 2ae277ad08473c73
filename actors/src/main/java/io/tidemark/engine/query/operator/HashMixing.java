package io.tidemark.engine.query.operator;

/** Spreads key bits over a hash so that the low bits, which pick the slot of an open-addressing table, vary. */
final class HashMixing {

    private HashMixing() {
    }

    /** MurmurHash3's 64-bit finaliser. */
    static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** The bits of a double that group equal values together: {@code -0.0} as {@code 0.0}, every NaN as the canonical NaN. */
    static long doubleKeyBits(double value) {
        return Double.doubleToLongBits(value == 0.0 ? 0.0 : value);
    }

    /** The smallest power-of-two table capacity that holds {@code entries} below a 3/4 load. */
    static int capacityFor(int entries) {
        long needed = Math.max(16L, (long) entries * 4 / 3 + 1);
        long capacity = Long.highestOneBit(needed - 1) << 1;
        if (capacity > 1 << 30) {
            throw new IllegalArgumentException("cannot size a hash table for " + entries + " entries: more than 2^30 slots");
        }
        return (int) capacity;
    }
}
