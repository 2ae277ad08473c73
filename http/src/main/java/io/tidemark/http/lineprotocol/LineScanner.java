package io.tidemark.http.lineprotocol;

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
 *
 * <p>The eight-byte loops read words up to the end of the array, not of the body: a body whose
 * array holds a newline right after its last byte ({@link #PADDING}) never makes them stop for
 * want of room, so that exit, taken only at the end of a body, is never compiled into the hot
 * path only to be hit by the next body's last line (a deoptimisation and a recompile of the
 * scanner in a fresh server). Without padding ({@code limit == b.length}) they stop at the end.
 */
final class LineScanner {

    private static final long SPACES = 0x2020202020202020L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long EQUALS = 0x3D3D3D3D3D3D3D3DL;
    private static final long COMMAS = 0x2C2C2C2C2C2C2C2CL;
    private static final long RETURNS = 0x0D0D0D0D0D0D0D0DL;
    private static final long HASH_SEED = 0x243F6A8885A308D3L;
    /** Newlines a body's array may hold after its last byte so the eight-byte loops never run out of room. */
    static final int PADDING = 8;

    private LineScanner() {
    }

    /**
     * Scans the line starting at {@code pos}; {@code b[limit]}, when {@code limit < b.length}, is a newline.
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
        p = seriesEnd(b, p, limit, out);
        if (b[seriesStart] == ',') {
            return fail(out, b, seriesStart, limit, "missing measurement");
        }
        if (p == limit || b[p] == '\n') {
            return fail(out, b, p, limit, "missing fields");
        }
        out.seriesStart = seriesStart;
        out.seriesEnd = p;
        while (p < limit && b[p] == ' ') {
            p++;
        }
        if (isLineEnd(b, p, limit)) {
            return fail(out, b, p, limit, "missing fields");
        }
        while (true) {
            int keyStart = p;
            p = keyEnd(b, p, limit);
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
                p = valueEnd(b, p, limit);
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
            p = timeEnd(b, p, limit);
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

    // The loops over a line's bytes live in methods of their own, out of scan(): scan() then counts a
    // few loop iterations per line, so a fresh server compiles it once, whole, when it has been called
    // often enough, rather than first again and again at one loop or another (on-stack replacement).

    /**
     * The end of the series section starting at {@code start} (its first space or newline, or
     * {@code limit}), with its {@link #hash} in {@code out.seriesHash}. The words the eight-byte
     * loop passes over are hashed as it goes (while no escape has shifted them off the section's
     * word grid); the rest is hashed once the section's end is known.
     */
    private static int seriesEnd(byte[] b, int start, int limit, ParsedLine out) {
        long h = HASH_SEED;
        int hashed = start;
        int p = start;
        while (p < limit) {
            // Eight bytes at a time while none of them is a space, a newline or a backslash.
            while (p + 8 <= b.length) {
                long word = BodyWords.get(b, p);
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
        out.seriesHash = finishHash(h, b, start, hashed, p);
        return p;
    }

    /** The end of the field key starting at {@code p}: its first unescaped equals sign, comma, space or newline, or {@code limit}. */
    private static int keyEnd(byte[] b, int p, int limit) {
        while (p < limit) {
            // Eight bytes at a time up to the first byte that may end the key or escape.
            while (p + 8 <= b.length) {
                long stop = keyDelimiters(BodyWords.get(b, p));
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
        return p;
    }

    /** The end of the unquoted field value starting at {@code p}: its first comma, space, newline or carriage return, or {@code limit}. */
    private static int valueEnd(byte[] b, int p, int limit) {
        while (p < limit) {
            byte c = b[p];
            if (c == ',' || c == ' ' || c == '\n' || c == '\r') {
                break;
            }
            p++;
        }
        return p;
    }

    /** The end of the timestamp starting at {@code p}: its first space, newline or carriage return, or {@code limit}. */
    private static int timeEnd(byte[] b, int p, int limit) {
        // Eight bytes at a time up to the first one that may end the timestamp.
        while (p + 8 <= b.length) {
            long stop = timeDelimiters(BodyWords.get(b, p));
            if (stop != 0) {
                p += Long.numberOfTrailingZeros(stop) >>> 3;
                break;
            }
            p += 8;
        }
        while (p < limit && b[p] != ' ' && b[p] != '\n' && b[p] != '\r') {
            p++;
        }
        return p;
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
            h = mix(h, BodyWords.get(b, p));
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
