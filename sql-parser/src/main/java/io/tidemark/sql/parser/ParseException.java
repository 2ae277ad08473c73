package io.tidemark.sql.parser;

/**
 * A syntax error at a position of the SQL text. The message always renders as
 * {@code "line L:C: message"}, e.g. {@code line 1:15: mismatched input 'FROM'. Expecting: <expression>}.
 * The lexer and the parser throw only this exception, whatever the input.
 */
public final class ParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String errorMessage;

    public ParseException(int line, int column, String errorMessage) {
        super("line " + line + ":" + column + ": " + errorMessage);
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("cannot report a syntax error at line=" + line + ", column=" + column
                    + " (both must be >= 1): " + errorMessage);
        }
        this.line = line;
        this.column = column;
        this.errorMessage = errorMessage;
    }

    /** 1-based line of the error. */
    public int line() {
        return line;
    }

    /** 1-based column of the error. */
    public int column() {
        return column;
    }

    /** The message without the {@code line L:C:} prefix. */
    public String errorMessage() {
        return errorMessage;
    }
}
