package io.tidemark.engine;

import io.tidemark.storage.serialization.KryoSerializable;

/**
 * An engine operation failed for the reason {@link #kind()} names; the message is for the user.
 * Crosses nodes (inside {@code StatusReply.error}) with its kind and message through
 * {@link EngineExceptionSerializer}.
 */
public class EngineException extends RuntimeException implements KryoSerializable {

    private final ErrorKind kind;

    public EngineException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public EngineException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    public static EngineException validation(String message) {
        return new EngineException(ErrorKind.VALIDATION, message);
    }

    public static EngineException notFound(String message) {
        return new EngineException(ErrorKind.NOT_FOUND, message);
    }

    public static EngineException conflict(String message) {
        return new EngineException(ErrorKind.CONFLICT, message);
    }

    public static EngineException throttling(String message) {
        return new EngineException(ErrorKind.THROTTLING, message);
    }

    public static EngineException quotaExceeded(String message) {
        return new EngineException(ErrorKind.QUOTA_EXCEEDED, message);
    }

    public static EngineException internal(String message, Throwable cause) {
        return new EngineException(ErrorKind.INTERNAL, message, cause);
    }
}
