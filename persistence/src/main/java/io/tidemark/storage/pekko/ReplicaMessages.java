package io.tidemark.storage.pekko;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.serialization.KryoCounts;
import io.tidemark.storage.serialization.KryoSerializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What the {@link ReplicatedJournal}s of the nodes send each other, Kryo ids 550-555 (persistence
 * module's {@code reference.conf}). Events travel as the journal stores them ({@link StoredEvent},
 * payload already serialized), so a node copies them without knowing the payload classes. Bytes in
 * <a href="../../../../../../../../docs/formats/pekko-journal-replication.md">
 * docs/formats/pekko-journal-replication.md</a>.
 */
final class ReplicaMessages {

    private ReplicaMessages() {}

    /** Store these batches after your copy of their persistence ids; answered with {@link Appended}. */
    record Append(List<StoredEventBatch> batches) implements KryoSerializable {
        Append {
            batches = List.copyOf(batches);
        }
    }

    /**
     * Every batch is stored (or was already), except for the persistence ids in {@code behind}:
     * the copy there ends before the batch began, so the sender must first send what lies between.
     */
    record Appended(List<Position> behind) implements KryoSerializable {
        Appended {
            behind = List.copyOf(behind);
        }
    }

    /** What is your highest sequence number of this persistence id? Answered with a {@link Position}. */
    record HighestOf(String persistenceId) implements KryoSerializable {}

    /** How far a node's copy of a persistence id goes; 0 when it holds none. */
    record Position(String persistenceId, long highestSequenceNr) implements KryoSerializable {}

    /** Send your stored events of the id from {@code fromSequenceNr} on, at most {@code maxEvents}. */
    record ReadFrom(String persistenceId, long fromSequenceNr, int maxEvents) implements KryoSerializable {}

    /** The answer to {@link ReadFrom}, in sequence order; empty when there are none. */
    record Events(List<StoredEvent> events) implements KryoSerializable {
        Events {
            events = List.copyOf(events);
        }

        /**
         * The first of {@code events} whose sizes add up to at most {@code budgetBytes}, and at least
         * one: the answer goes back to an asker's temporary actor on Artery's ordinary stream, which
         * drops a message over its frame (256 KiB), so a page of large events is cut short and the
         * reader asks again from where it ends.
         */
        static Events within(List<StoredEvent> events, long budgetBytes) {
            long bytes = 0;
            int n = 0;
            while (n < events.size()) {
                StoredEvent e = events.get(n);
                bytes += e.payload().bytes().length + e.payload().manifest().length() + e.persistenceId().length()
                        + e.writerUuid().length() + e.eventManifest().length() + EVENT_OVERHEAD_BYTES;
                if (n > 0 && bytes > budgetBytes) {
                    break;
                }
                n++;
            }
            return new Events(events.subList(0, n));
        }

        /** The fixed fields of an event on the wire (two longs, an int, length prefixes), rounded up. */
        private static final int EVENT_OVERHEAD_BYTES = 32;
    }

    static final class AppendSerializer extends Serializer<Append> {
        private final StoredEventBatch.KryoSerializer batches = new StoredEventBatch.KryoSerializer();

        @Override
        public void write(Kryo kryo, Output out, Append m) {
            out.writeVarInt(m.batches().size(), true);
            m.batches().forEach(b -> batches.write(kryo, out, b));
        }

        @Override
        public Append read(Kryo kryo, Input in, Class<? extends Append> type) {
            int n = KryoCounts.readCount(in, "journal replica append", "batches");
            List<StoredEventBatch> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(batches.read(kryo, in, StoredEventBatch.class));
            }
            return new Append(list);
        }
    }

    static final class AppendedSerializer extends Serializer<Appended> {
        @Override
        public void write(Kryo kryo, Output out, Appended m) {
            out.writeVarInt(m.behind().size(), true);
            m.behind().forEach(p -> writePosition(out, p));
        }

        @Override
        public Appended read(Kryo kryo, Input in, Class<? extends Appended> type) {
            int n = KryoCounts.readCount(in, "journal replica answer", "behind");
            List<Position> behind = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                behind.add(readPosition(in));
            }
            return new Appended(behind);
        }
    }

    static final class HighestOfSerializer extends Serializer<HighestOf> {
        @Override
        public void write(Kryo kryo, Output out, HighestOf m) {
            StringField.write(out, m.persistenceId());
        }

        @Override
        public HighestOf read(Kryo kryo, Input in, Class<? extends HighestOf> type) {
            return new HighestOf(StringField.read(in));
        }
    }

    static final class PositionSerializer extends Serializer<Position> {
        @Override
        public void write(Kryo kryo, Output out, Position m) {
            writePosition(out, m);
        }

        @Override
        public Position read(Kryo kryo, Input in, Class<? extends Position> type) {
            return readPosition(in);
        }
    }

    static final class ReadFromSerializer extends Serializer<ReadFrom> {
        @Override
        public void write(Kryo kryo, Output out, ReadFrom m) {
            StringField.write(out, m.persistenceId());
            out.writeLong(m.fromSequenceNr());
            out.writeVarInt(m.maxEvents(), true);
        }

        @Override
        public ReadFrom read(Kryo kryo, Input in, Class<? extends ReadFrom> type) {
            return new ReadFrom(StringField.read(in), in.readLong(), in.readVarInt(true));
        }
    }

    static final class EventsSerializer extends Serializer<Events> {
        private final StoredEvent.KryoSerializer events = new StoredEvent.KryoSerializer();

        @Override
        public void write(Kryo kryo, Output out, Events m) {
            out.writeVarInt(m.events().size(), true);
            m.events().forEach(e -> events.write(kryo, out, e));
        }

        @Override
        public Events read(Kryo kryo, Input in, Class<? extends Events> type) {
            int n = KryoCounts.readCount(in, "journal replica events", "events");
            List<StoredEvent> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(events.read(kryo, in, StoredEvent.class));
            }
            return new Events(list);
        }
    }

    private static void writePosition(Output out, Position p) {
        StringField.write(out, p.persistenceId());
        out.writeLong(p.highestSequenceNr());
    }

    private static Position readPosition(Input in) {
        return new Position(StringField.read(in), in.readLong());
    }
}
