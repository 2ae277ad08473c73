package io.tidemark.engine.query.function;

/** A function refused its input while a query ran (e.g. {@code Division by zero}); the query fails with this message. */
public final class QueryFunctionException extends RuntimeException {

    public QueryFunctionException(String message) {
        super(message);
    }

    public QueryFunctionException(String message, Throwable cause) {
        super(message, cause);
    }
}
