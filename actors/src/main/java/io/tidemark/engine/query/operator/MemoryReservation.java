package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.QueryContext;

/**
 * The bytes one operator currently holds against its query's memory limit. Operators estimate
 * what their tables and buffers take and move the reservation to that estimate as they grow, so
 * {@link QueryContext#reservedMemory()} follows what is really kept; {@link #close()} gives it all back.
 */
final class MemoryReservation implements AutoCloseable {

    private final QueryContext context;
    private long bytes;

    MemoryReservation(QueryContext context) {
        this.context = context;
    }

    /** Moves the reservation to {@code newBytes}; throws (holding the old amount) if the query's limit is exceeded. */
    void resize(long newBytes) {
        long delta = newBytes - bytes;
        if (delta > 0) {
            try {
                context.reserveMemory(delta);
            } catch (RuntimeException e) {
                context.releaseMemory(delta);
                throw e;
            }
        } else if (delta < 0) {
            context.releaseMemory(-delta);
        }
        bytes = newBytes;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        resize(0);
    }
}
