package io.tidemark.http.lineprotocol;

import java.util.Arrays;

/**
 * One line as {@link LineScanner} leaves it: offsets into the body and the field values already
 * converted, in arrays reused line after line (nothing is allocated per line once they have grown
 * to the widest line). Exactly one of {@link #kind} {@code BLANK}, {@code POINT}, {@code ERROR}.
 */
final class ParsedLine {

    static final int BLANK = 0;
    static final int POINT = 1;
    static final int ERROR = 2;

    /** Field value types, as the line writes them. */
    static final byte FLOAT = 0;
    static final byte INTEGER = 1;
    static final byte UNSIGNED = 2;
    static final byte STRING = 3;
    static final byte BOOLEAN = 4;

    int kind;
    /** Offset of the line's first byte: columns in errors count from it (1-based). */
    int lineStart;

    /** The series section (measurement and tag set) exactly as written, escapes included. */
    int seriesStart;
    int seriesEnd;
    int seriesHash;

    int fieldCount;
    int[] keyStart = new int[16];
    int[] keyEnd = new int[16];
    byte[] type = new byte[16];
    /** FLOAT: the double's raw bits; INTEGER/UNSIGNED: the value; BOOLEAN: 1 or 0; STRING: unused. */
    long[] value = new long[16];
    /** STRING: the text between the quotes, escapes included. */
    int[] textStart = new int[16];
    int[] textEnd = new int[16];

    /** Newlines inside string field values: the line spans that many more lines of the body. */
    int newlinesInStrings;

    boolean hasTime;
    /** The timestamp as written, in the request's precision. */
    long time;

    String error;
    /** 1-based byte column of the error within its line. */
    int errorColumn;

    void reset(int lineStart) {
        this.kind = BLANK;
        this.lineStart = lineStart;
        this.fieldCount = 0;
        this.newlinesInStrings = 0;
        this.hasTime = false;
        this.error = null;
    }

    /** The index of a new field; grows the arrays when the line is wider than any before. */
    int addField(int start, int end) {
        int f = fieldCount;
        if (f == keyStart.length) {
            int n = f * 2;
            keyStart = Arrays.copyOf(keyStart, n);
            keyEnd = Arrays.copyOf(keyEnd, n);
            type = Arrays.copyOf(type, n);
            value = Arrays.copyOf(value, n);
            textStart = Arrays.copyOf(textStart, n);
            textEnd = Arrays.copyOf(textEnd, n);
        }
        keyStart[f] = start;
        keyEnd[f] = end;
        fieldCount = f + 1;
        return f;
    }

    double doubleValue(int field) {
        return Double.longBitsToDouble(value[field]);
    }

    static String typeName(byte type) {
        switch (type) {
            case FLOAT:
                return "float";
            case INTEGER:
                return "integer";
            case UNSIGNED:
                return "unsigned";
            case STRING:
                return "string";
            default:
                return "boolean";
        }
    }
}
