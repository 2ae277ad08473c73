package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.SourceLocation;
import java.util.Objects;

/**
 * A query that parses but cannot run: an unknown name, a type error, a misplaced aggregate. The
 * message renders as Trino's {@code line L:C: <message>}, except for the errors Timestream words
 * itself, which carry the position at the end ({@code Requested database 'x' not found for
 * identifier 'x.t' at line 1:15}). The analyzer throws only this exception for any parsed input.
 */
public final class SemanticException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SourceLocation location;
    private final String errorMessage;

    private SemanticException(SourceLocation location, String errorMessage, String fullMessage) {
        super(fullMessage);
        this.location = Objects.requireNonNull(location, "location");
        this.errorMessage = Objects.requireNonNull(errorMessage, "errorMessage");
    }

    /** An error rendered {@code line L:C: message}. */
    public SemanticException(SourceLocation location, String errorMessage) {
        this(location, errorMessage, "line " + location + ": " + errorMessage);
    }

    /** An error in Timestream's own wording, rendered {@code message at line L:C}. */
    static SemanticException locatedAtEnd(SourceLocation location, String errorMessage) {
        return new SemanticException(location, errorMessage, errorMessage + " at line " + location);
    }

    /** Where the offending construct starts. */
    public SourceLocation location() {
        return location;
    }

    /** The message without the position. */
    public String errorMessage() {
        return errorMessage;
    }
}
