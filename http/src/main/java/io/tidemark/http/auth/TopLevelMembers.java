package io.tidemark.http.auth;

import io.tidemark.http.wire.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads chosen top-level string members of a JSON object without reading anything else: values
 * of other members (WriteRecords' records, most of the body) are skipped by scanning bytes for
 * the end of their string or nesting, several times faster than a tokenizer. It is sure of what
 * it returns only for a body that is one JSON object; for anything it is not sure of (a chosen
 * member given twice or not a string, bytes after the object, a truncated body) it answers null,
 * and the caller takes the request as naming everything. A string with escapes (a QueryString
 * quoting names, a member name spelled with escapes) is decoded by the wire API's own JSON mapper.
 * Syntax it does not check (a bad number, a control character in a string) makes the body fail
 * when the operation reads it, so nothing is done.
 */
final class TopLevelMembers {

    private final byte[] in;
    private int p;

    private TopLevelMembers(byte[] in) {
        this.in = in;
    }

    /** The {@code names} members' string values (those present); null when the body is not read for sure. */
    static Map<String, String> read(byte[] body, Set<String> names) {
        try {
            return new TopLevelMembers(body).object(names);
        } catch (ArrayIndexOutOfBoundsException e) {
            // a truncated body: the scan ran past its end (cheaper than checking the bounds at each byte)
            return null;
        }
    }

    private Map<String, String> object(Set<String> names) {
        Map<String, String> found = new HashMap<>();
        whitespace();
        if (in[p++] != '{') {
            return null;
        }
        whitespace();
        if (in[p] == '}') {
            p++;
        } else {
            while (true) {
                String name = string();
                whitespace();
                if (name == null || in[p++] != ':') {
                    return null;
                }
                whitespace();
                if (names.contains(name)) {
                    String value = string();
                    if (value == null || found.put(name, value) != null) {
                        return null;
                    }
                } else if (!skipValue()) {
                    return null;
                }
                whitespace();
                byte next = in[p++];
                if (next == '}') {
                    break;
                }
                if (next != ',') {
                    return null;
                }
                whitespace();
            }
        }
        whitespace();
        return p == in.length ? found : null;
    }

    /** The string at {@code p}; null when there is none or its escapes do not decode. */
    private String string() {
        if (in[p] != '"') {
            return null;
        }
        int open = p++;
        boolean escaped = skipStringBody();
        if (!escaped) {
            return new String(in, open + 1, p - open - 2, StandardCharsets.UTF_8);
        }
        try {
            return WireJson.MAPPER.readValue(in, open, p - open, String.class);
        } catch (IOException e) {
            return null;
        }
    }

    /** Skips the value at {@code p}; false when there is none. */
    private boolean skipValue() {
        byte first = in[p++];
        if (first == '"') {
            skipStringBody();
            return true;
        }
        if (first == '{' || first == '[') {
            int depth = 1;
            while (depth > 0) {
                byte b = in[p++];
                if (b == '"') {
                    skipStringBody();
                } else if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    depth--;
                }
            }
            return true;
        }
        while (p < in.length && !isDelimiter(in[p])) {
            p++;
        }
        return !isDelimiter(first);
    }

    /** From just after an opening quote to just after the closing one; whether the string has escapes. */
    private boolean skipStringBody() {
        boolean escaped = false;
        while (true) {
            byte b = in[p++];
            if (b == '"') {
                return escaped;
            }
            if (b == '\\') {
                escaped = true;
                p++;
            }
        }
    }

    private void whitespace() {
        while (p < in.length && (in[p] == ' ' || in[p] == '\n' || in[p] == '\r' || in[p] == '\t')) {
            p++;
        }
    }

    private static boolean isDelimiter(byte b) {
        return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
