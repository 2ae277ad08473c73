package io.tidemark.http.lineprotocol;

/** A line of a request that was not written, and why. Sorts by line number. */
record LineRejection(int line, String reason) implements Comparable<LineRejection> {

    @Override
    public int compareTo(LineRejection other) {
        return Integer.compare(line, other.line);
    }
}
