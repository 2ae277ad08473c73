package io.tidemark.storage.pekko;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Tombstone for the snapshots of {@code persistenceId} inside {@code range}. One shape serves both
 * Pekko deletions, by criteria and by metadata (see {@link SnapshotRange}).
 */
record SnapshotDeletion(String persistenceId, SnapshotRange range) {

    static final class KryoSerializer extends com.esotericsoftware.kryo.Serializer<SnapshotDeletion> {
        @Override
        public void write(Kryo kryo, Output out, SnapshotDeletion d) {
            StringField.write(out, d.persistenceId);
            out.writeLong(d.range.minSequenceNr());
            out.writeLong(d.range.maxSequenceNr());
            out.writeLong(d.range.minTimestamp());
            out.writeLong(d.range.maxTimestamp());
        }

        @Override
        public SnapshotDeletion read(Kryo kryo, Input in, Class<? extends SnapshotDeletion> type) {
            return new SnapshotDeletion(StringField.read(in),
                    new SnapshotRange(in.readLong(), in.readLong(), in.readLong(), in.readLong()));
        }
    }
}
