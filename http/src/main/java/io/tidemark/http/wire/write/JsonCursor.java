package io.tidemark.http.wire.write;

import static io.tidemark.http.wire.write.JsonBytes.WORDS;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A pull reader of strict JSON over UTF-8 bytes, for the one request body the server reads in
 * bulk (WriteRecords): tokens one after another, a string's text decoded into one reused
 * {@code char[]}, an integer read into a {@code long}, and the byte offset after each token. It
 * takes a subset of what Jackson takes, and never more: RFC 8259 JSON, nesting at most
 * {@value #MAX_DEPTH} deep (the wire mapper's cap), well-formed UTF-8 only (no overlong forms, no
 * encoded surrogates), names up to {@value #MAX_NAME_CHARS} characters, other strings up to
 * {@value #MAX_STRING_CHARS} and numbers up to {@value #MAX_NUMBER_CHARS} (all within Jackson's
 * default read constraints). Anything else (malformed JSON, a byte-order mark, another encoding, a
 * value past those limits) throws {@link #NOT_TAKEN}, and the caller reads the body with Jackson,
 * which words the error or reads what this cursor does not.
 *
 * <p>Why not Jackson's streaming parser: it canonicalises every member name through a symbol
 * table, tracks locations and keeps a general token state; a WriteRecords body is about 1 KB per
 * record, nearly all member names and short strings, and that generality was the largest single
 * cost of reading one. Not thread-safe; {@link #reset} makes it read another range.
 */
final class JsonCursor {

    /** Thrown (without a stack) for anything this cursor does not read; the body goes to Jackson. */
    static final RuntimeException NOT_TAKEN = new RuntimeException("JSON outside the cursor's subset", null, false,
            false) {
    };

    static final int END = 0;
    static final int START_OBJECT = 1;
    static final int END_OBJECT = 2;
    static final int START_ARRAY = 3;
    static final int END_ARRAY = 4;
    static final int NAME = 5;
    static final int STRING = 6;
    /** An integer without fraction or exponent; {@link #integerFitsLong()} says whether it fits a long. */
    static final int INTEGER = 7;
    /** A number with a fraction or an exponent, {@code true} or {@code false}. */
    static final int OTHER_SCALAR = 8;
    static final int NULL = 9;

    static final int MAX_DEPTH = 64;
    static final int MAX_NAME_CHARS = 1_000;
    static final int MAX_NUMBER_CHARS = 1_000;
    static final int MAX_STRING_CHARS = 1_000_000;

    /** Per open container: what it expects next. */
    private static final byte FIRST = 0;
    private static final byte NEXT = 1;
    private static final byte MEMBER = 2;
    private static final byte ELEMENT = 3;
    private static final byte VALUE = 4;

    private byte[] in;
    private int pos;
    private int limit;
    private final byte[] state = new byte[MAX_DEPTH];
    private final boolean[] isObject = new boolean[MAX_DEPTH];
    private int depth;
    private boolean rootRead;

    /** Holds the last text once widened or decoded. */
    private final JsonStringDecoder decoder = new JsonStringDecoder();
    private int textLength;
    /** Where a plain string's text starts in the input; it is in {@link #decoder} only once {@link #textWidened}. */
    private int plainStart;
    private boolean textWidened;
    /** Whether the last text is plain, at {@link #plainStart} in the input (widened or not). */
    private boolean textPlain;
    private long integer;
    private boolean integerFits;

    /** Reads {@code in[from, to)} as one JSON text from its start. */
    JsonCursor reset(byte[] in, int from, int to) {
        this.in = in;
        this.pos = from;
        this.limit = to;
        this.depth = 0;
        this.rootRead = false;
        return this;
    }

    /** The next token; {@link #END} after the root value and trailing whitespace. */
    int next() {
        skipWhitespace();
        if (depth == 0) {
            if (rootRead) {
                if (pos == limit) {
                    return END;
                }
                throw NOT_TAKEN;
            }
            rootRead = true;
            return value();
        }
        int level = depth - 1;
        boolean object = isObject[level];
        byte expects = state[level];
        byte b = peek();
        if (expects == NEXT) {
            if (b == ',') {
                pos++;
                skipWhitespace();
                expects = object ? MEMBER : ELEMENT;
                b = peek();
            } else if (b == (object ? '}' : ']')) {
                pos++;
                depth--;
                return object ? END_OBJECT : END_ARRAY;
            } else {
                throw NOT_TAKEN;
            }
        } else if (expects == FIRST && b == (object ? '}' : ']')) {
            pos++;
            depth--;
            return object ? END_OBJECT : END_ARRAY;
        }
        if (object && expects != VALUE) {
            if (b != '"') {
                throw NOT_TAKEN;
            }
            pos++;
            string(MAX_NAME_CHARS);
            skipWhitespace();
            if (peek() != ':') {
                throw NOT_TAKEN;
            }
            pos++;
            state[level] = VALUE;
            return NAME;
        }
        state[level] = NEXT;
        return value();
    }

    /**
     * Reads the next member name of the object being read when it is {@code quotedName} written
     * plainly, right after the previous
     * member's comma or the opening brace, and followed by the colon, all without whitespace: a
     * comparison of bytes instead of a token. Changes nothing and answers false otherwise (the
     * caller then reads the token with {@link #next}); the text of the last token is not updated.
     */
    boolean nextNameIs(Quoted quotedName) {
        int level = depth - 1;
        if (level < 0 || !isObject[level]) {
            return false;
        }
        int p = pos;
        byte expects = state[level];
        if (expects == NEXT) {
            if (p == limit || in[p] != ',') {
                return false;
            }
            p++;
        } else if (expects != FIRST) {
            return false;
        }
        int colon = p + quotedName.bytes.length;
        if (colon >= limit || in[colon] != ':' || !bytesAre(p, quotedName)) {
            return false;
        }
        pos = colon + 1;
        state[level] = VALUE;
        return true;
    }

    /**
     * Reads the value of the member just named when it is the string {@code quoted} written plainly
     * right after the colon; changes nothing and
     * answers false otherwise. The text of the last token is not updated.
     */
    boolean nextStringIs(Quoted quoted) {
        int level = depth - 1;
        if (level < 0 || state[level] != VALUE) {
            return false;
        }
        int end = pos + quoted.bytes.length;
        if (end > limit || !bytesAre(pos, quoted)) {
            return false;
        }
        pos = end;
        state[level] = NEXT;
        return true;
    }

    /**
     * After {@link #START_OBJECT} or {@link #START_ARRAY}: moves to {@code end}, just after the
     * container's closing bracket, which the caller found by its bytes (those of a whole container
     * read or skipped before, such as a Dimensions list).
     */
    void containerRead(int end) {
        int open = depth;
        if (open == 0 || state[open - 1] != FIRST || end > limit) {
            throw new IllegalStateException("cannot skip: not at the start of a container");
        }
        pos = end;
        depth--;
    }

    /**
     * A text with its quotes as UTF-8, the form {@link #nextNameIs} and {@link #nextStringIs}
     * compare the input with; its first eight bytes are kept as a word.
     */
    static final class Quoted {
        final byte[] bytes;
        /** The first eight bytes (fewer, zero-padded) as one little-endian word, and the mask of those that count. */
        private final long head;
        private final long headMask;

        private Quoted(byte[] bytes) {
            this.bytes = bytes;
            long word = 0;
            int n = Math.min(bytes.length, Long.BYTES);
            for (int i = 0; i < n; i++) {
                word |= (bytes[i] & 0xFFL) << (8 * i);
            }
            this.head = word;
            this.headMask = n == Long.BYTES ? -1L : (1L << (8 * n)) - 1;
        }
    }

    /**
     * {@code text} in the form {@link #nextNameIs} and {@link #nextStringIs} compare with, or null
     * when the text has a character JSON must escape (a quote, a backslash, a control character)
     * or one UTF-8 cannot carry (an unpaired surrogate).
     */
    static Quoted plainQuoted(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (!new String(utf8, StandardCharsets.UTF_8).equals(text)) {
            return null;
        }
        byte[] quoted = new byte[utf8.length + 2];
        quoted[0] = '"';
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b == '"' || b == '\\' || (b >= 0 && b < 0x20)) {
                return null;
            }
            quoted[i + 1] = b;
        }
        quoted[quoted.length - 1] = '"';
        return new Quoted(quoted);
    }

    /** True when the input at {@code p} holds {@code expected} (which fits before the limit). */
    private boolean bytesAre(int p, Quoted expected) {
        if (p + Long.BYTES > limit) {
            return JsonBytes.bytesAre(in, p, expected.bytes);
        }
        if ((((long) WORDS.get(in, p) ^ expected.head) & expected.headMask) != 0) {
            return false;
        }
        return expected.bytes.length <= Long.BYTES || JsonBytes.restAre(in, p, expected.bytes);
    }

    /** After {@link #START_OBJECT} or {@link #START_ARRAY}: moves past the matching end; else does nothing. */
    void skipChildren() {
        int open = depth;
        if (open == 0 || state[open - 1] != FIRST) {
            return;
        }
        while (depth >= open) {
            next();
        }
    }

    /**
     * After {@link #START_OBJECT} or {@link #START_ARRAY}: moves past the matching end by brackets
     * and quotes alone, without checking what lies between. Only for bytes the caller checks
     * another way (read in full before, byte for byte the same).
     */
    void skipUnchecked() {
        int open = depth;
        if (open == 0 || state[open - 1] != FIRST) {
            throw new IllegalStateException("cannot skip: not at the start of a container");
        }
        int end = JsonBytes.skipContainerUnchecked(in, pos, limit);
        if (end < 0) {
            throw NOT_TAKEN;
        }
        pos = end;
        depth--;
    }

    /**
     * Where the next element of the array being read starts, when nothing but whitespace and (after
     * an element) a comma comes before it; -1 at the array's end or on anything else. Moves past
     * that whitespace and comma, so the next {@link #next} reads the element (or declines what
     * stands there instead). With {@link #elementRead} a caller can take an element it recognises
     * by its bytes without tokens.
     */
    int elementStart() {
        int level = depth - 1;
        if (level < 0 || isObject[level]) {
            return -1;
        }
        skipWhitespace();
        if (state[level] == NEXT) {
            if (pos == limit || in[pos] != ',') {
                return -1;
            }
            pos++;
            skipWhitespace();
            state[level] = ELEMENT;
        }
        return pos == limit || in[pos] == ']' ? -1 : pos;
    }

    /** The element found at {@link #elementStart} was read by its bytes up to {@code end}: the array goes on after it. */
    void elementRead(int end) {
        pos = end;
        state[depth - 1] = NEXT;
    }

    /** The offset just after the last token read (after its closing quote, bracket or last digit). */
    int offset() {
        return pos;
    }

    /** The text of the last {@link #NAME} or {@link #STRING}: {@code chars()[0, textLength())}. */
    char[] chars() {
        if (!textWidened) {
            decoder.widen(in, plainStart, textLength);
            textWidened = true;
        }
        return decoder.chars();
    }

    /**
     * True when the text of the last {@link #NAME} or {@link #STRING} is the one {@code utf8}
     * encodes; compares bytes when it is plain (every text but those with escapes or non-ASCII
     * characters).
     */
    boolean textIs(byte[] utf8) {
        int n = textLength;
        if (!textWidened) {
            return utf8.length == n && Arrays.equals(in, plainStart, plainStart + n, utf8, 0, n);
        }
        String s = new String(utf8, StandardCharsets.UTF_8);
        if (s.length() != n) {
            return false;
        }
        char[] text = decoder.chars();
        for (int i = 0; i < n; i++) {
            if (text[i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the text of the last {@link #NAME} or {@link #STRING} is plain (printable ASCII
     * without escapes): it is then the input's bytes at {@link #textStart()}, one character each.
     */
    boolean textIsPlain() {
        return textPlain;
    }

    /** Where a {@link #textIsPlain plain} text starts in the input. */
    int textStart() {
        return plainStart;
    }

    int textLength() {
        return textLength;
    }

    /** The last {@link #INTEGER}, when {@link #integerFitsLong()}. */
    long integer() {
        return integer;
    }

    boolean integerFitsLong() {
        return integerFits;
    }

    private int value() {
        byte b = peek();
        switch (b) {
            case '"':
                pos++;
                string(MAX_STRING_CHARS);
                return STRING;
            case '{':
                return open(true, START_OBJECT);
            case '[':
                return open(false, START_ARRAY);
            case 't':
                literal("true");
                return OTHER_SCALAR;
            case 'f':
                literal("false");
                return OTHER_SCALAR;
            case 'n':
                literal("null");
                return NULL;
            default:
                if (b == '-' || (b >= '0' && b <= '9')) {
                    return number();
                }
                throw NOT_TAKEN;
        }
    }

    private int open(boolean object, int token) {
        if (depth == MAX_DEPTH) {
            throw NOT_TAKEN;
        }
        pos++;
        state[depth] = FIRST;
        isObject[depth] = object;
        depth++;
        return token;
    }

    private void literal(String word) {
        if (limit - pos < word.length()) {
            throw NOT_TAKEN;
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw NOT_TAKEN;
            }
        }
        pos += word.length();
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, the integer part read into a long. */
    private int number() {
        int start = pos;
        boolean negative = in[pos] == '-';
        if (negative) {
            pos++;
        }
        int digits = pos;
        if (pos == limit || !isDigit(in[pos])) {
            throw NOT_TAKEN;
        }
        if (in[pos] == '0') {
            pos++;
        } else {
            while (pos < limit && isDigit(in[pos])) {
                pos++;
            }
        }
        int digitsEnd = pos;
        boolean fraction = false;
        if (pos < limit && in[pos] == '.') {
            pos++;
            requireDigits();
            fraction = true;
        }
        if (pos < limit && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (pos < limit && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            requireDigits();
            fraction = true;
        }
        if (pos - start > MAX_NUMBER_CHARS) {
            throw NOT_TAKEN;
        }
        if (fraction) {
            return OTHER_SCALAR;
        }
        // accumulate negatively: Long.MIN_VALUE has no positive counterpart
        long value = 0;
        boolean fits = digitsEnd - digits <= 19;
        for (int i = digits; fits && i < digitsEnd; i++) {
            int d = in[i] - '0';
            if (value < (Long.MIN_VALUE + d) / 10) {
                fits = false;
            }
            value = value * 10 - d;
        }
        if (fits && !negative) {
            fits = value != Long.MIN_VALUE;
            value = -value;
        }
        integer = value;
        integerFits = fits;
        return INTEGER;
    }

    private void requireDigits() {
        int from = pos;
        while (pos < limit && isDigit(in[pos])) {
            pos++;
        }
        if (pos == from) {
            throw NOT_TAKEN;
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /**
     * Reads a string from just after its opening quote to just after its closing one. A plain one
     * (printable ASCII, no escape: names and numbers, nearly every string of a write) is only
     * delimited here, and widened into the decoder's characters if and when {@link #chars()} asks; any other is
     * decoded at once.
     */
    private void string(int maxChars) {
        int start = pos;
        int p = JsonBytes.plainEnd(in, start, limit);
        if (p == limit) {
            throw NOT_TAKEN;
        }
        if (in[p] != '"') {
            // a byte of a multi-byte character, an escape or a control character
            int quote = decoder.decode(in, start, limit, maxChars);
            textLength = decoder.length();
            textWidened = true;
            textPlain = false;
            pos = quote + 1;
            return;
        }
        if (p - start > maxChars) {
            throw NOT_TAKEN;
        }
        plainStart = start;
        textLength = p - start;
        textWidened = false;
        textPlain = true;
        pos = p + 1;
    }

    private void skipWhitespace() {
        while (pos < limit) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private byte peek() {
        if (pos == limit) {
            throw NOT_TAKEN;
        }
        return in[pos];
    }
}
