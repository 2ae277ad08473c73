package io.tidemark.engine.write;

import java.util.List;

/**
 * What became of a write: the accepted records are durable (journaled) when this is returned, the
 * rejected ones were not written. Timestream answers a write with rejections as a
 * RejectedRecordsException carrying {@link #rejected()} only.
 *
 * @param rejected sorted by record index
 */
public record WriteOutcome(RecordsIngested ingested, List<RejectedRecord> rejected) {

    public WriteOutcome {
        rejected = List.copyOf(rejected);
    }

    public boolean hasRejections() {
        return !rejected.isEmpty();
    }
}
