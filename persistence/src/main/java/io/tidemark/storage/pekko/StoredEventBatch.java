package io.tidemark.storage.pekko;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.serialization.KryoCounts;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one Pekko {@code AtomicWrite}, stored as a single queue entry so that one CRC
 * covers them all: after a crash the batch is either wholly present or wholly discarded.
 * Events share one persistence id and have consecutive, increasing sequence numbers.
 */
record StoredEventBatch(List<StoredEvent> events) {

    StoredEventBatch {
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("cannot build event batch: events=0");
        }
    }

    String persistenceId() {
        return events.get(0).persistenceId();
    }

    long firstSequenceNr() {
        return events.get(0).sequenceNr();
    }

    long lastSequenceNr() {
        return events.get(events.size() - 1).sequenceNr();
    }

    /** The batch without its events up to {@code sequenceNr}; must keep at least one. */
    StoredEventBatch after(long sequenceNr) {
        return new StoredEventBatch(events.stream().filter(e -> e.sequenceNr() > sequenceNr).toList());
    }

    /** {@code count varint} then each event inline, without a class tag. */
    static final class KryoSerializer extends com.esotericsoftware.kryo.Serializer<StoredEventBatch> {
        private final StoredEvent.KryoSerializer eventSerializer = new StoredEvent.KryoSerializer();

        @Override
        public void write(Kryo kryo, Output out, StoredEventBatch batch) {
            out.writeVarInt(batch.events.size(), true);
            for (StoredEvent e : batch.events) {
                eventSerializer.write(kryo, out, e);
            }
        }

        @Override
        public StoredEventBatch read(Kryo kryo, Input in, Class<? extends StoredEventBatch> type) {
            int count = KryoCounts.readCount(in, "event batch", "events");
            List<StoredEvent> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                events.add(eventSerializer.read(kryo, in, StoredEvent.class));
            }
            return new StoredEventBatch(events);
        }
    }
}
