package io.tidemark.http.lineprotocol;

import java.lang.reflect.Field;
import java.nio.ByteOrder;
import java.util.Objects;
import sun.misc.Unsafe;

/**
 * Eight bytes of a body read as one little-endian long, for the scanner's word-at-a-time loops.
 *
 * <p>A byte-array view {@code VarHandle} compiles to one load in C2, but the profiled C1 code a
 * fresh server runs first calls through its guard and access methods on every read, and the
 * scanner runs in that code for as long as its C2 compiles wait in the queue: there those reads
 * cost about a quarter of a line's scan. This read is a bounds check and one load in every tier.
 */
final class BodyWords {

    private static final Unsafe UNSAFE = unsafe();
    private static final long BASE = UNSAFE.arrayBaseOffset(byte[].class);
    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private BodyWords() {
    }

    /** {@code b[i, i + 8)} as a little-endian long. */
    static long get(byte[] b, int i) {
        Objects.checkFromIndexSize(i, 8, b.length);
        long word = UNSAFE.getLong(b, BASE + i);
        return BIG_ENDIAN ? Long.reverseBytes(word) : word;
    }

    private static Unsafe unsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
