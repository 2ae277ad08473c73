package io.tidemark.storage.pekko;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Tombstone for snapshots of {@code persistenceId} whose sequence number and timestamp lie in the
 * inclusive ranges. One shape serves both Pekko deletions: by criteria (the criteria's bounds) and
 * by metadata (a single sequence number; one timestamp, or every timestamp when the metadata's is 0).
 */
record SnapshotDeletion(
        String persistenceId, long minSequenceNr, long maxSequenceNr, long minTimestamp, long maxTimestamp) {

    boolean matches(long sequenceNr, long timestamp) {
        return sequenceNr >= minSequenceNr && sequenceNr <= maxSequenceNr
                && timestamp >= minTimestamp && timestamp <= maxTimestamp;
    }

    static final class KryoSerializer extends com.esotericsoftware.kryo.Serializer<SnapshotDeletion> {
        @Override
        public void write(Kryo kryo, Output out, SnapshotDeletion d) {
            StringField.write(out, d.persistenceId);
            out.writeLong(d.minSequenceNr);
            out.writeLong(d.maxSequenceNr);
            out.writeLong(d.minTimestamp);
            out.writeLong(d.maxTimestamp);
        }

        @Override
        public SnapshotDeletion read(Kryo kryo, Input in, Class<? extends SnapshotDeletion> type) {
            return new SnapshotDeletion(StringField.read(in), in.readLong(), in.readLong(), in.readLong(), in.readLong());
        }
    }
}
