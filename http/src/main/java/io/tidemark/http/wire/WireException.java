package io.tidemark.http.wire;

/** Ends an operation with the {@link WireError} it carries; thrown by request readers and operations. */
public final class WireException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient WireError error;

    public WireException(WireError error) {
        super(error.type() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public WireError error() {
        return error;
    }
}
