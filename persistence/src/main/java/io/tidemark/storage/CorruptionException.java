package io.tidemark.storage;

import java.nio.file.Path;

/**
 * Stored bytes that fail their checks: bad magic, unknown version, checksum mismatch, a length that
 * runs past the end. It names the file and the byte offset so an operator can find the damage.
 */
public final class CorruptionException extends RuntimeException {

    private final transient Path file;
    private final long offset;

    public CorruptionException(Path file, long offset, String what) {
        this(file, offset, what, null);
    }

    public CorruptionException(Path file, long offset, String what, Throwable cause) {
        super("corrupt data: " + what + ", file=" + (file == null ? "<memory>" : file) + ", offset=" + offset, cause);
        this.file = file;
        this.offset = offset;
    }

    /** The damaged file, or null for bytes held in memory. */
    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
