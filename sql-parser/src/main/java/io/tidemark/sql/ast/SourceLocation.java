package io.tidemark.sql.ast;

/**
 * A position in the SQL text: 1-based line and 1-based column (counted in UTF-16 chars, as the
 * text is held by Java).
 */
public record SourceLocation(int line, int column) {

    public SourceLocation {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("cannot make a source location: line=" + line + ", column=" + column
                    + " (both must be >= 1)");
        }
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
