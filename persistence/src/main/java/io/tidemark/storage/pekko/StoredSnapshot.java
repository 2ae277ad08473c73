package io.tidemark.storage.pekko;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** One saved snapshot: Pekko's {@code SnapshotMetadata} fields plus the serialized state. */
record StoredSnapshot(String persistenceId, long sequenceNr, long timestamp, SerializedPayload payload) {

    static final class KryoSerializer extends com.esotericsoftware.kryo.Serializer<StoredSnapshot> {
        @Override
        public void write(Kryo kryo, Output out, StoredSnapshot s) {
            StringField.write(out, s.persistenceId);
            out.writeLong(s.sequenceNr);
            out.writeLong(s.timestamp);
            s.payload.writeTo(out);
        }

        @Override
        public StoredSnapshot read(Kryo kryo, Input in, Class<? extends StoredSnapshot> type) {
            return new StoredSnapshot(StringField.read(in), in.readLong(), in.readLong(), SerializedPayload.readFrom(in));
        }
    }
}
