package io.tidemark.http.wire;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;

/**
 * An error as Timestream sends it: HTTP status, the error code in {@code __type} (un-namespaced,
 * which both botocore and the Java SDK accept), {@code Message}, and any modeled extra members
 * (RejectedRecordsException's {@code RejectedRecords}).
 *
 * @param extra members rendered next to {@code __type} and {@code Message}; never null
 */
public record WireError(int status, String type, String message, ObjectNode extra) {

    public static final String VALIDATION = "ValidationException";
    public static final String SERIALIZATION = "SerializationException";
    public static final String UNKNOWN_OPERATION = "UnknownOperationException";
    /** What the caller is told of an internal failure of the engine; the node logs the failure itself. */
    public static final String INTERNAL_MESSAGE = "cannot answer request: internal failure of the node (logged);"
            + " retry later";

    public static WireError of(int status, String type, String message) {
        return new WireError(status, type, message, JsonNodeFactory.instance.objectNode());
    }

    /** 400 ValidationException: a request breaking one of the model's constraints. */
    public static WireError validation(String message) {
        return of(400, VALIDATION, message);
    }

    /** 400 SerializationException: a body that is not JSON, or a member of the wrong JSON type. */
    public static WireError serialization(String message) {
        return of(400, SERIALIZATION, message);
    }

    /**
     * The error Timestream answers for the engine's failure kind. An internal failure's message
     * names files, table ids and causes, which are the operator's business, not the caller's: it
     * is logged by the front door and the caller gets {@link #INTERNAL_MESSAGE}.
     */
    public static WireError of(EngineException e) {
        if (e.kind() == ErrorKind.INTERNAL) {
            return internal(INTERNAL_MESSAGE);
        }
        return of(statusOf(e.kind()), typeOf(e.kind()), e.getMessage());
    }

    /** 500 InternalServerException for a failure that is not the caller's; the cause is logged, not sent. */
    public static WireError internal(String message) {
        return of(500, "InternalServerException", message);
    }

    /** The response body: {@code {"__type": …, "Message": …, extra…}}. */
    public ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("__type", type);
        body.put("Message", message);
        body.setAll(extra);
        return body;
    }

    public WireException exception() {
        return new WireException(this);
    }

    static int statusOf(ErrorKind kind) {
        switch (kind) {
            case VALIDATION: return 400;
            case NOT_FOUND: return 404;
            case CONFLICT: return 409;
            case THROTTLING: return 429;
            case QUOTA_EXCEEDED: return 402;
            default: return 500;
        }
    }

    static String typeOf(ErrorKind kind) {
        switch (kind) {
            case VALIDATION: return VALIDATION;
            case NOT_FOUND: return "ResourceNotFoundException";
            case CONFLICT: return "ConflictException";
            case THROTTLING: return "ThrottlingException";
            case QUOTA_EXCEEDED: return "ServiceQuotaExceededException";
            default: return "InternalServerException";
        }
    }
}
