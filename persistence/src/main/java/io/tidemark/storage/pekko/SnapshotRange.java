package io.tidemark.storage.pekko;

import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;

/** Inclusive bounds on a snapshot's sequence number and timestamp (epoch millis). */
record SnapshotRange(long minSequenceNr, long maxSequenceNr, long minTimestamp, long maxTimestamp) {

    /** The snapshots a {@code SnapshotSelectionCriteria} selects. */
    static SnapshotRange of(SnapshotSelectionCriteria criteria) {
        return new SnapshotRange(criteria.minSequenceNr(), criteria.maxSequenceNr(),
                criteria.minTimestamp(), criteria.maxTimestamp());
    }

    /**
     * The snapshot a {@code SnapshotMetadata} names: its sequence number, and its timestamp unless
     * that is 0, which Pekko uses to mean any timestamp.
     */
    static SnapshotRange of(SnapshotMetadata metadata) {
        long ts = metadata.timestamp();
        return new SnapshotRange(metadata.sequenceNr(), metadata.sequenceNr(), ts, ts == 0 ? Long.MAX_VALUE : ts);
    }

    boolean contains(long sequenceNr, long timestamp) {
        return sequenceNr >= minSequenceNr && sequenceNr <= maxSequenceNr
                && timestamp >= minTimestamp && timestamp <= maxTimestamp;
    }
}
