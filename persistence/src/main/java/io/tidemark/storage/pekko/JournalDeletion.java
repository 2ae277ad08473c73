package io.tidemark.storage.pekko;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Tombstone of {@code deleteMessagesTo}: events of {@code persistenceId} up to and including
 * {@code toSequenceNr} are deleted. The value is already clamped to the highest stored sequence
 * number, so it also preserves that number once every event is gone.
 */
record JournalDeletion(String persistenceId, long toSequenceNr) {

    static final class KryoSerializer extends com.esotericsoftware.kryo.Serializer<JournalDeletion> {
        @Override
        public void write(Kryo kryo, Output out, JournalDeletion d) {
            StringField.write(out, d.persistenceId);
            out.writeLong(d.toSequenceNr);
        }

        @Override
        public JournalDeletion read(Kryo kryo, Input in, Class<? extends JournalDeletion> type) {
            return new JournalDeletion(StringField.read(in), in.readLong());
        }
    }
}
