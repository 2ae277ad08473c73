package io.tidemark.engine.query.fragment;

import io.tidemark.engine.query.vector.Batch;

/**
 * One fragment's work at one place where the data lives (a shard's series): fed the scanned
 * batches one by one on a single thread, then asked for its output (filtered and projected rows,
 * or partial aggregation states). Not thread-safe; one sink per shard.
 */
public interface FragmentSink {

    void accept(Batch scanned);

    Batch finish();
}
