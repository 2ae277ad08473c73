package io.tidemark.engine;

/**
 * Why an engine operation failed, in Timestream's terms: the HTTP layer maps each kind to the
 * error type and status code Timestream sends (ValidationException 400, ResourceNotFoundException
 * 404, ConflictException 409, ThrottlingException 429, ServiceQuotaExceededException 402,
 * InternalServerException 500).
 */
public enum ErrorKind {
    /** The request is malformed or breaks a rule; retrying it unchanged fails again. */
    VALIDATION,
    /** A database, table or other resource named by the request does not exist. */
    NOT_FOUND,
    /** The resource already exists, or is in a state that forbids the operation. */
    CONFLICT,
    /** The engine cannot take more work right now; the same request may succeed later. */
    THROTTLING,
    /** A count limit (databases, tables, columns …) would be exceeded. */
    QUOTA_EXCEEDED,
    /** The engine failed; nothing the caller did caused it. */
    INTERNAL
}
