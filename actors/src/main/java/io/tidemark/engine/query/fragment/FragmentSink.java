package io.tidemark.engine.query.fragment;

import io.tidemark.engine.query.vector.Batch;
import java.util.Optional;

/**
 * One fragment's work at one place where the data lives (a shard's series): fed the scanned
 * batches one by one on a single thread, then asked for its output (filtered and projected rows,
 * or partial aggregation states). Not thread-safe; one sink per shard.
 */
public interface FragmentSink {

    void accept(Batch scanned);

    Batch finish();

    /**
     * The filter {@link #accept} applies first, when the scan may apply it instead (and hand the
     * rows that pass to {@link #acceptFiltered}); empty (the default) when the sink has no filter
     * or cannot say which columns it reads.
     */
    default Optional<ScanFilter> scanFilter() {
        return Optional.empty();
    }

    /** Rows that already passed {@link #scanFilter()}: everything {@link #accept} does after its filter. */
    default void acceptFiltered(Batch passed) {
        throw new UnsupportedOperationException("cannot accept filtered rows: this sink offers no scan filter");
    }
}
