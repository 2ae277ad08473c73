package io.tidemark.engine.subscription;

import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.analyzer.OutputColumn;
import java.util.List;

/**
 * What a subscriber receives, in order: one {@link Snapshot}, then {@link Update}s, and possibly a
 * final {@link Failed} or {@link Closing}. A subscriber is sent one event at a time: the next only
 * after it acknowledged the previous one ({@link SubscriptionService#ack}); changes that arrive
 * meanwhile are merged into one pending update. A final event ({@link Failed}, {@link Closing})
 * may come without waiting for the acknowledgement, so a subscriber buffers at least two events.
 */
public sealed interface SubscriptionEvent {

    /** True for the last event of a subscription (the subscriber is already removed). */
    default boolean isFinal() {
        return false;
    }

    /** The whole current result. */
    record Snapshot(List<OutputColumn> columns, Batch rows) implements SubscriptionEvent {
    }

    /**
     * The rows that changed since the previous event: new rows, rows whose key stayed but whose
     * other values changed (the new row), and rows that are gone (the old row).
     *
     * @param seq 1 for the first update of this subscription, then counting up by one
     */
    record Update(long seq, Batch added, Batch updated, Batch removed) implements SubscriptionEvent {
    }

    /** The query failed (a bad query: the parser's or analyzer's {@code line L:C: ...} message). */
    record Failed(ErrorKind kind, String message) implements SubscriptionEvent {
        @Override
        public boolean isFinal() {
            return true;
        }
    }

    /** The subscription is closed by the server, e.g. {@code subscriber too slow}. */
    record Closing(String reason) implements SubscriptionEvent {
        @Override
        public boolean isFinal() {
            return true;
        }
    }
}
