package io.tidemark.http.wire.write;

import io.tidemark.engine.write.DimensionsCache;
import io.tidemark.engine.write.RecordFields;
import java.util.Arrays;

/**
 * The bytes of the last record {@link WriteRecordsReader} read token by token, with holes where its
 * texts (Time, MeasureValue, each attribute's Value) and its Dimensions list stood, and the names
 * that reading found. Writers send record after record of one shape, in the same bytes but for
 * those texts and lists; {@link #read} reads such a record in one pass over its bytes: each piece
 * between holes compared whole, each text hole scanned to its closing quote, each Dimensions hole
 * found among the lists read before, and the names taken from the record learned.
 *
 * <p>Why that reads the record exactly as the tokens would: the bytes between the holes are those
 * of a record the tokens read, and a hole is taken only when it holds what stood there before in
 * kind: a text hole a string of printable ASCII without escapes (so its characters are its bytes,
 * and it ends at the first quote), a Dimensions hole the bytes of a list read in full before. Any
 * other record leaves the reader to its tokens, which learn it in turn. Not thread-safe.
 */
final class RecordTemplate {

    /** Hole kinds; a kind {@code >= 0} is the text of that MeasureValues item. */
    static final int DIMENSIONS = -1;
    static final int TIME = -2;
    static final int MEASURE_VALUE = -3;

    /** Finds a Dimensions list by its bytes among those read before. */
    interface KnownLists {
        /** The list whose bytes start at {@code in[from]} (its opening bracket), or null when it is not known. */
        DimensionsCache.Entry known(byte[] in, int from, int limit);
    }

    /** The names of the record learned; its texts are absent. */
    private final RecordFields names = new RecordFields();
    /** {@code literals[h]} comes before hole {@code h}; the last one ends the record. Null while nothing is learned. */
    private byte[][] literals;
    private int[] kinds;

    private boolean learning;
    private boolean learnable;
    private int holeCount;
    private int[] holeKinds = new int[32];
    private int[] holeFrom = new int[32];
    private int[] holeTo = new int[32];

    /**
     * Reads the record at {@code in[from]} (its opening brace) into {@code out} when it is of the
     * learned shape.
     *
     * @param out cleared and filled (then to be cleared and read again when this answers -1)
     * @return the offset after its closing brace, or -1 when it is not of that shape
     */
    int read(byte[] in, int from, int limit, RecordFields out, KnownLists lists) {
        byte[][] pieces = literals;
        if (pieces == null) {
            return -1;
        }
        int[] holes = kinds;
        out.copyNames(names);
        int p = from;
        for (int h = 0; h < holes.length; h++) {
            byte[] piece = pieces[h];
            if (p + piece.length > limit || !JsonBytes.bytesAre(in, p, piece)) {
                return -1;
            }
            p += piece.length;
            int kind = holes[h];
            if (kind == DIMENSIONS) {
                DimensionsCache.Entry list = lists.known(in, p, limit);
                if (list == null) {
                    return -1;
                }
                out.dimensions(list.dimensions());
                p += list.bytes().length;
                continue;
            }
            int end = JsonBytes.plainEnd(in, p, limit);
            if (end == limit || in[end] != '"' || end - p > JsonCursor.MAX_STRING_CHARS) {
                return -1;
            }
            int length = end - p;
            int start = out.appendAscii(in, p, length);
            if (kind == TIME) {
                out.timeAt(start, length);
            } else if (kind == MEASURE_VALUE) {
                out.measureValueAt(start, length);
            } else {
                out.measureValueTextAt(kind, start, length);
            }
            p = end;
        }
        byte[] last = pieces[holes.length];
        if (p + last.length > limit || !JsonBytes.bytesAre(in, p, last)) {
            return -1;
        }
        return p + last.length;
    }

    /** The reader starts reading a record by its tokens: what it reports until {@link #end} is learned. */
    void begin() {
        learning = true;
        learnable = true;
        holeCount = 0;
    }

    /**
     * The record being read has a text at {@code in[from, to)}, between its quotes, of the given
     * kind; {@code plain} when it is printable ASCII without escapes (a record with any other text
     * is not learned).
     */
    void text(int kind, int from, int to, boolean plain) {
        if (!plain) {
            learnable = false;
        }
        hole(kind, from, to);
    }

    /** The record being read has its Dimensions list at {@code in[from, to)}; {@code known} when it is cached. */
    void dimensions(int from, int to, boolean known) {
        if (!known) {
            learnable = false;
        }
        hole(DIMENSIONS, from, to);
    }

    private void hole(int kind, int from, int to) {
        if (!learning) {
            return;
        }
        int h = holeCount++;
        if (h == holeKinds.length) {
            holeKinds = Arrays.copyOf(holeKinds, h * 2);
            holeFrom = Arrays.copyOf(holeFrom, h * 2);
            holeTo = Arrays.copyOf(holeTo, h * 2);
        }
        holeKinds[h] = kind;
        holeFrom[h] = from;
        holeTo[h] = to;
    }

    /**
     * The record begun at {@code in[from]} was read by its tokens, up to {@code to}, into
     * {@code read}: learned when every text was plain and its Dimensions list is cached, else the
     * shape learned before is kept.
     */
    void end(byte[] in, int from, int to, RecordFields read) {
        learning = false;
        if (!learnable) {
            return;
        }
        int n = holeCount;
        byte[][] pieces = new byte[n + 1][];
        int p = from;
        for (int h = 0; h < n; h++) {
            pieces[h] = Arrays.copyOfRange(in, p, holeFrom[h]);
            p = holeTo[h];
        }
        pieces[n] = Arrays.copyOfRange(in, p, to);
        literals = pieces;
        kinds = Arrays.copyOf(holeKinds, n);
        names.copyNames(read);
    }

    /** Stops learning the record being read (the body goes to another reading). */
    void abandon() {
        learning = false;
    }
}
