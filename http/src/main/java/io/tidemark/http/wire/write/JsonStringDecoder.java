package io.tidemark.http.wire.write;

import java.util.Arrays;

/**
 * The characters of one JSON string at a time, for {@link JsonCursor}: a plain string widened from
 * its bytes, or any other decoded (escapes, well-formed UTF-8 of two to four bytes, characters above
 * U+FFFF as surrogate pairs) into one reused {@code char[]}. Not thread-safe.
 */
final class JsonStringDecoder {

    private char[] text = new char[128];
    private int length;
    /** The code point {@link #utf8} decoded last. */
    private int lastCodePoint;

    /** The characters of the last string: {@code chars()[0, length())}. */
    char[] chars() {
        return text;
    }

    int length() {
        return length;
    }

    /** Takes {@code in[start, start + n)}, printable ASCII, one character per byte. */
    void widen(byte[] in, int start, int n) {
        if (text.length < n) {
            text = new char[Math.max(n, text.length * 2)];
        }
        char[] out = text;
        for (int i = 0; i < n; i++) {
            out[i] = (char) in[start + i];
        }
        length = n;
    }

    /**
     * Decodes a string from {@code in[start]} (just after its opening quote) into {@link #chars()};
     * the offset of its closing quote.
     *
     * @throws RuntimeException {@link JsonCursor#JsonCursor.NOT_TAKEN} for a string that does not end before
     *     {@code limit}, is longer than {@code maxChars}, or holds a control character, a bad escape
     *     or malformed UTF-8
     */
    int decode(byte[] in, int start, int limit, int maxChars) {
        char[] out = text;
        int n = 0;
        int p = start;
        while (true) {
            if (p == limit) {
                throw JsonCursor.NOT_TAKEN;
            }
            int b = in[p];
            if (b == '"') {
                break;
            }
            if (n + 2 > out.length) {
                if (n >= maxChars) {
                    throw JsonCursor.NOT_TAKEN;
                }
                out = Arrays.copyOf(out, Math.max(out.length * 2, n + 2));
                text = out;
            }
            if (b >= 0x20 && b != '\\') {
                out[n++] = (char) b;
                p++;
            } else if (b == '\\') {
                p = escape(in, p, limit, out, n);
                n++;
            } else if (b < 0) {
                p = utf8(in, p, limit, out, n);
                n += Character.isSupplementaryCodePoint(lastCodePoint) ? 2 : 1;
            } else {
                // an unescaped control character
                throw JsonCursor.NOT_TAKEN;
            }
        }
        if (n > maxChars) {
            throw JsonCursor.NOT_TAKEN;
        }
        length = n;
        return p;
    }

    /** One escape sequence at {@code in[p]} (the backslash) into {@code out[n]}; the offset after it. */
    private static int escape(byte[] in, int p, int limit, char[] out, int n) {
        if (p + 1 >= limit) {
            throw JsonCursor.NOT_TAKEN;
        }
        char c;
        switch (in[p + 1]) {
            case '"':
                c = '"';
                break;
            case '\\':
                c = '\\';
                break;
            case '/':
                c = '/';
                break;
            case 'b':
                c = '\b';
                break;
            case 'f':
                c = '\f';
                break;
            case 'n':
                c = '\n';
                break;
            case 'r':
                c = '\r';
                break;
            case 't':
                c = '\t';
                break;
            case 'u':
                if (p + 6 > limit) {
                    throw JsonCursor.NOT_TAKEN;
                }
                int u = 0;
                for (int i = p + 2; i < p + 6; i++) {
                    u = u << 4 | hex(in[i]);
                }
                out[n] = (char) u;
                return p + 6;
            default:
                throw JsonCursor.NOT_TAKEN;
        }
        out[n] = c;
        return p + 2;
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        throw JsonCursor.NOT_TAKEN;
    }

    /** One well-formed UTF-8 sequence of two to four bytes at {@code in[p]} into {@code out[n]} (two chars above U+FFFF). */
    private int utf8(byte[] in, int p, int limit, char[] out, int n) {
        int lead = in[p] & 0xFF;
        int length;
        int cp;
        int min;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            cp = lead & 0x1F;
            min = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            cp = lead & 0x0F;
            min = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            cp = lead & 0x07;
            min = 0x10000;
        } else {
            throw JsonCursor.NOT_TAKEN;
        }
        if (p + length > limit) {
            throw JsonCursor.NOT_TAKEN;
        }
        for (int i = 1; i < length; i++) {
            int b = in[p + i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                throw JsonCursor.NOT_TAKEN;
            }
            cp = cp << 6 | (b & 0x3F);
        }
        if (cp < min || cp > Character.MAX_CODE_POINT || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
            throw JsonCursor.NOT_TAKEN;
        }
        lastCodePoint = cp;
        if (cp >= 0x10000) {
            out[n] = Character.highSurrogate(cp);
            out[n + 1] = Character.lowSurrogate(cp);
        } else {
            out[n] = (char) cp;
        }
        return p + length;
    }
}
