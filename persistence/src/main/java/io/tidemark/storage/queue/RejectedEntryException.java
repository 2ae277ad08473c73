package io.tidemark.storage.queue;

/**
 * An entry refused because of what it is (too large for a frame; for the Pekko journal also
 * unserializable or out of sequence), before anything was written. The Pekko journal reports it
 * as a rejection of that one AtomicWrite, not as a storage failure.
 */
public final class RejectedEntryException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public RejectedEntryException(String message) {
        super(message);
    }

    public RejectedEntryException(String message, Throwable cause) {
        super(message, cause);
    }
}
