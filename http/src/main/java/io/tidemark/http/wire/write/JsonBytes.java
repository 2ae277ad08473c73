package io.tidemark.http.wire.write;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Scans and comparisons over JSON's UTF-8 bytes, eight bytes at a time where that pays: the word
 * tricks {@link JsonCursor} and {@link RecordTemplate} share. Nothing here decodes or checks JSON;
 * each method says what it guarantees about the bytes it passes over.
 */
final class JsonBytes {

    /** Eight input bytes at a time, the first in the lowest byte of the word. */
    static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * 0x20;
    /** From this length on, {@link Arrays#equals} (vectorised) compares faster than a word at a time. */
    private static final int LONG_COMPARISON = 64;

    private JsonBytes() {
    }

    /**
     * The offset of the first byte at or after {@code p} that ends a plain string's run (a quote, a
     * backslash, a control character, or a byte of a multi-byte character), or {@code limit} when
     * there is none: the bytes before it are printable ASCII, each its own character in JSON.
     */
    static int plainEnd(byte[] in, int p, int limit) {
        while (p + Long.BYTES <= limit) {
            long stop = notPlain((long) WORDS.get(in, p));
            if (stop != 0) {
                return p + (Long.numberOfTrailingZeros(stop) >>> 3);
            }
            p += Long.BYTES;
        }
        while (p < limit) {
            byte b = in[p];
            if (b == '"' || b == '\\' || b < 0x20) {
                // b < 0x20 also holds for a byte of a multi-byte character (negative)
                return p;
            }
            p++;
        }
        return limit;
    }

    /**
     * From just after a string's opening quote (escapes skipped, nothing checked): the offset after
     * its closing quote, or -1 when the string does not end before {@code limit}.
     */
    static int skipStringBody(byte[] in, int p, int limit) {
        while (true) {
            while (p + Long.BYTES <= limit) {
                long word = (long) WORDS.get(in, p);
                long special = zeroByte(word ^ QUOTES) | zeroByte(word ^ BACKSLASHES);
                if (special != 0) {
                    p += Long.numberOfTrailingZeros(special) >>> 3;
                    break;
                }
                p += Long.BYTES;
            }
            if (p >= limit) {
                return -1;
            }
            byte c = in[p++];
            if (c == '"') {
                return p;
            }
            if (c == '\\') {
                p++;
            }
        }
    }

    /**
     * From just after a container's opening bracket: the offset after its matching closing one, by
     * brackets and quotes alone (nothing between is checked), or -1 when it does not end before
     * {@code limit}. Only for bytes the caller checks another way.
     */
    static int skipContainerUnchecked(byte[] in, int p, int limit) {
        int nesting = 1;
        while (true) {
            if (p >= limit) {
                return -1;
            }
            byte b = in[p++];
            if (b == '"') {
                p = skipStringBody(in, p, limit);
                if (p < 0) {
                    return -1;
                }
            } else if (b == '[' || b == '{') {
                nesting++;
            } else if ((b == ']' || b == '}') && --nesting == 0) {
                return p;
            }
        }
    }

    /** True when {@code in[p, p + expected.length)} is {@code expected}; the caller checked that it fits. */
    static boolean bytesAre(byte[] in, int p, byte[] expected) {
        int n = expected.length;
        if (n >= LONG_COMPARISON) {
            return Arrays.equals(in, p, p + n, expected, 0, n);
        }
        if (n < Long.BYTES) {
            for (int i = 0; i < n; i++) {
                if (in[p + i] != expected[i]) {
                    return false;
                }
            }
            return true;
        }
        return (long) WORDS.get(in, p) == (long) WORDS.get(expected, 0) && restAre(in, p, expected);
    }

    /** For {@code expected} of eight bytes or more whose first eight match: the rest, a word at a time (the last overlapping). */
    static boolean restAre(byte[] in, int p, byte[] expected) {
        int n = expected.length;
        int i = Long.BYTES;
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            if ((long) WORDS.get(in, p + i) != (long) WORDS.get(expected, i)) {
                return false;
            }
        }
        return i == n || (long) WORDS.get(in, p + n - Long.BYTES) == (long) WORDS.get(expected, n - Long.BYTES);
    }

    /**
     * The bytes of {@code word} that end a plain string's run, each as its high bit: a quote, a
     * backslash, a control character, or any byte of a multi-byte character. Exact for the lowest
     * byte flagged (the borrows of the zero-byte tests only run upwards), which is all a scan needs.
     */
    static long notPlain(long word) {
        return zeroByte(word ^ QUOTES) | zeroByte(word ^ BACKSLASHES) | ((word - SPACES) & ~word & HIGH_BITS)
                | (word & HIGH_BITS);
    }

    private static long zeroByte(long x) {
        return (x - ONES) & ~x & HIGH_BITS;
    }
}
