package io.tidemark.storage.codec;

/**
 * An encoded block that cannot be decoded: unknown encoding id, truncated stream, a length out of
 * range. The codec knows no files, so callers that do (chunks, segments) rethrow it as a
 * {@code CorruptionException} with the file and offset.
 */
public final class CodecException extends RuntimeException {

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
