package io.tidemark.http.lineprotocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Scans InfluxDB line protocol
 * ({@code measurement[,tag=value…] field=value[,field=value…] [timestamp]}) one line at a time
 * from the body's bytes into a reused {@link ParsedLine}: the series section is only delimited and
 * hashed, in one pass (its bytes are the key of the series caches; {@link SeriesSection} splits it
 * on a cache miss), field keys are delimited, values are converted from bytes, timestamps are
 * delimited and converted eight bytes at a time. No allocation per
 * line, except a float the fast path cannot convert exactly (more than 18 digits or an exponent).
 *
 * <p>Escapes follow the line protocol reference: in the series section and in field keys a
 * backslash escapes a comma, a space (and in keys an equals sign); in string field values it
 * escapes a double quote or a backslash; before any other character it is a literal backslash.
 * A string field value may span lines. Lines starting with {@code #} are comments; blank lines
 * and a {@code \r} before the newline are ignored. A malformed line yields {@code ERROR} with the
 * reason and column, and scanning resumes at the next line.
 */
final class LineScanner {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SPACES = 0x2020202020202020L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long EQUALS = 0x3D3D3D3D3D3D3D3DL;
    private static final long COMMAS = 0x2C2C2C2C2C2C2C2CL;
    private static final long RETURNS = 0x0D0D0D0D0D0D0D0DL;
    private static final long HASH_SEED = 0x243F6A8885A308D3L;

    private LineScanner() {
    }

    /**
     * Scans the line starting at {@code pos}.
     *
     * @return the offset after the line (past its newline)
     */
    static int scan(byte[] b, int pos, int limit, ParsedLine out) {
        out.reset(pos);
        int p = pos;
        while (p < limit && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r')) {
            p++;
        }
        if (p == limit) {
            return limit;
        }
        if (b[p] == '\n') {
            return p + 1;
        }
        if (b[p] == '#') {
            return nextLine(b, p, limit);
        }
        int seriesStart = p;
        // The words the eight-byte loop passes over are hashed as it goes (while no escape has shifted
        // them off the section's word grid); the rest is hashed once the section's end is known.
        long h = HASH_SEED;
        int hashed = p;
        while (p < limit) {
            // Eight bytes at a time while none of them is a space, a newline or a backslash.
            while (p + 8 <= limit) {
                long word = (long) LONGS.get(b, p);
                if (hasSeriesDelimiter(word)) {
                    break;
                }
                if (p == hashed) {
                    h = mix(h, word);
                    hashed += 8;
                }
                p += 8;
            }
            if (p == limit) {
                break;
            }
            byte c = b[p];
            if (c == ' ' || c == '\n') {
                break;
            }
            p += c == '\\' && p + 1 < limit && isKeyEscapable(b[p + 1]) ? 2 : 1;
        }
        if (b[seriesStart] == ',') {
            return fail(out, b, seriesStart, limit, "missing measurement");
        }
        if (p == limit || b[p] == '\n') {
            return fail(out, b, p, limit, "missing fields");
        }
        out.seriesStart = seriesStart;
        out.seriesEnd = p;
        out.seriesHash = finishHash(h, b, seriesStart, hashed, p);
        while (p < limit && b[p] == ' ') {
            p++;
        }
        if (isLineEnd(b, p, limit)) {
            return fail(out, b, p, limit, "missing fields");
        }
        while (true) {
            int keyStart = p;
            while (p < limit) {
                // Eight bytes at a time up to the first byte that may end the key or escape.
                while (p + 8 <= limit) {
                    long stop = keyDelimiters((long) LONGS.get(b, p));
                    if (stop != 0) {
                        p += Long.numberOfTrailingZeros(stop) >>> 3;
                        break;
                    }
                    p += 8;
                }
                if (p == limit) {
                    break;
                }
                byte c = b[p];
                if (c == '=' || c == ',' || c == ' ' || c == '\n') {
                    break;
                }
                p += c == '\\' && p + 1 < limit && isKeyEscapable(b[p + 1]) ? 2 : 1;
            }
            if (p == keyStart) {
                return fail(out, b, p, limit, "missing field key");
            }
            if (p == limit || b[p] != '=') {
                return fail(out, b, p, limit, "missing field value");
            }
            int f = out.addField(keyStart, p);
            p++;
            if (p < limit && b[p] == '"') {
                int end = stringEnd(b, p + 1, limit, out);
                if (end < 0) {
                    return fail(out, b, p, limit, "unterminated string field value");
                }
                out.type[f] = ParsedLine.STRING;
                out.textStart[f] = p + 1;
                out.textEnd[f] = end;
                p = end + 1;
            } else if ((p = FieldValues.shortNumber(b, p, limit, out, f)) < 0) {
                p = -p - 1;
                int valueStart = p;
                while (p < limit) {
                    byte c = b[p];
                    if (c == ',' || c == ' ' || c == '\n' || c == '\r') {
                        break;
                    }
                    p++;
                }
                String reason = FieldValues.convert(b, valueStart, p, out, f);
                if (reason != null) {
                    return fail(out, b, valueStart, limit, reason);
                }
            }
            if (p < limit && b[p] == ',') {
                p++;
                continue;
            }
            break;
        }
        if (isLineEnd(b, p, limit)) {
            out.kind = ParsedLine.POINT;
            return nextLine(b, p, limit);
        }
        if (b[p] != ' ') {
            return fail(out, b, p, limit, "invalid field value: expected a comma, a space or the end of the line");
        }
        while (p < limit && b[p] == ' ') {
            p++;
        }
        if (!isLineEnd(b, p, limit)) {
            int timeStart = p;
            // Eight bytes at a time up to the first one that may end the timestamp.
            while (p + 8 <= limit) {
                long stop = timeDelimiters((long) LONGS.get(b, p));
                if (stop != 0) {
                    p += Long.numberOfTrailingZeros(stop) >>> 3;
                    break;
                }
                p += 8;
            }
            while (p < limit && b[p] != ' ' && b[p] != '\n' && b[p] != '\r') {
                p++;
            }
            long t = FieldValues.parseLong(b, timeStart, p);
            if (t == FieldValues.NOT_A_LONG) {
                return fail(out, b, timeStart, limit, "invalid timestamp: expected an integer");
            }
            out.hasTime = true;
            out.time = t;
            while (p < limit && b[p] == ' ') {
                p++;
            }
            if (!isLineEnd(b, p, limit)) {
                return fail(out, b, p, limit, "unexpected text after the timestamp");
            }
        }
        out.kind = ParsedLine.POINT;
        return nextLine(b, p, limit);
    }

    /**
     * The hash of {@code b[s, e)} that the series and field-key tables are keyed by: eight bytes
     * per multiply, so a 150-byte series section hashes in a few dozen cycles.
     */
    static int hash(byte[] b, int s, int e) {
        return finishHash(HASH_SEED, b, s, s, e);
    }

    /**
     * {@link #hash} of {@code b[s, e)} given {@code h}, the state after mixing the words of
     * {@code b[s, from)} ({@code from - s} a multiple of eight): what the series scan calls with
     * the words it already hashed while delimiting.
     */
    private static int finishHash(long h, byte[] b, int s, int from, int e) {
        int p = from;
        for (; p + 8 <= e; p += 8) {
            h = mix(h, (long) LONGS.get(b, p));
        }
        long tail = 0;
        for (; p < e; p++) {
            tail = tail << 8 | (b[p] & 0xFF);
        }
        h = (h ^ tail ^ (e - s) * 0x9E3779B97F4A7C15L) * 0x94D049BB133111EBL;
        return (int) (h ^ h >>> 32);
    }

    private static long mix(long h, long word) {
        return Long.rotateLeft(h ^ word, 29) * 0xBF58476D1CE4E5B9L;
    }

    /** Whether any byte of {@code word} is a space, a newline or a backslash (SWAR zero-byte test). */
    private static boolean hasSeriesDelimiter(long word) {
        return (zeroByte(word ^ SPACES) | zeroByte(word ^ NEWLINES) | zeroByte(word ^ BACKSLASHES)) != 0;
    }

    /**
     * The bytes of {@code word} that are an equals sign, a comma, a space, a newline or a backslash,
     * each as its high bit; exact for the lowest one flagged (borrows only run upwards).
     */
    private static long keyDelimiters(long word) {
        return zeroByte(word ^ EQUALS) | zeroByte(word ^ COMMAS) | zeroByte(word ^ SPACES) | zeroByte(word ^ NEWLINES)
                | zeroByte(word ^ BACKSLASHES);
    }

    /** The bytes of {@code word} that are a space, a newline or a carriage return, as in {@link #keyDelimiters}. */
    private static long timeDelimiters(long word) {
        return zeroByte(word ^ SPACES) | zeroByte(word ^ NEWLINES) | zeroByte(word ^ RETURNS);
    }

    private static long zeroByte(long x) {
        return (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
    }

    /** The offset of the closing quote of a string value starting at {@code p}, or -1. */
    private static int stringEnd(byte[] b, int p, int limit, ParsedLine out) {
        int newlines = 0;
        while (p < limit) {
            byte c = b[p];
            if (c == '"') {
                out.newlinesInStrings += newlines;
                return p;
            }
            if (c == '\n') {
                newlines++;
            }
            p += c == '\\' && p + 1 < limit && (b[p + 1] == '"' || b[p + 1] == '\\') ? 2 : 1;
        }
        return -1;
    }

    private static boolean isKeyEscapable(byte c) {
        return c == ' ' || c == ',' || c == '=';
    }

    private static boolean isLineEnd(byte[] b, int p, int limit) {
        return p >= limit || b[p] == '\n' || b[p] == '\r' && (p + 1 == limit || b[p + 1] == '\n');
    }

    private static int nextLine(byte[] b, int p, int limit) {
        while (p < limit && b[p] != '\n') {
            p++;
        }
        return p < limit ? p + 1 : limit;
    }

    private static int fail(ParsedLine out, byte[] b, int at, int limit, String reason) {
        out.kind = ParsedLine.ERROR;
        out.error = reason;
        out.errorColumn = at - out.lineStart + 1;
        return nextLine(b, at, limit);
    }
}
