package io.tidemark.storage.pekko;

/**
 * An entry refused because of what it is (unserializable, too large, or out of sequence), before
 * anything was written. The journal reports it as a rejection of that one AtomicWrite, not as a storage failure.
 */
final class RejectedEntryException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    RejectedEntryException(String message) {
        super(message);
    }

    RejectedEntryException(String message, Throwable cause) {
        super(message, cause);
    }
}
