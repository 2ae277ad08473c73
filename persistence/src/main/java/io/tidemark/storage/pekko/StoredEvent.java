package io.tidemark.storage.pekko;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * One journaled event: the envelope fields of Pekko's {@code PersistentRepr} plus its serialized
 * payload. {@code eventManifest} is the event adapter manifest ("" when none).
 */
record StoredEvent(
        String persistenceId,
        long sequenceNr,
        String writerUuid,
        String eventManifest,
        long timestamp,
        SerializedPayload payload) {

    /** Field order is the on-disk order; see docs/formats/pekko-journal.md. */
    static final class KryoSerializer extends com.esotericsoftware.kryo.Serializer<StoredEvent> {
        @Override
        public void write(Kryo kryo, Output out, StoredEvent e) {
            StringField.write(out, e.persistenceId);
            out.writeLong(e.sequenceNr);
            StringField.write(out, e.writerUuid);
            StringField.write(out, e.eventManifest);
            out.writeLong(e.timestamp);
            e.payload.writeTo(out);
        }

        @Override
        public StoredEvent read(Kryo kryo, Input in, Class<? extends StoredEvent> type) {
            return new StoredEvent(
                    StringField.read(in),
                    in.readLong(),
                    StringField.read(in),
                    StringField.read(in),
                    in.readLong(),
                    SerializedPayload.readFrom(in));
        }
    }
}
