package io.tidemark.storage.pekko;

import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.queue.RejectedEntryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One node's journal as both journal plugins use it: an {@link EventLog} plus the conversion
 * between Pekko's {@code PersistentRepr} and {@link StoredEvent} (payloads through Pekko
 * serialization). Thread-safe, as the log is.
 */
final class LocalJournal implements AutoCloseable {

    /** What one call to {@link #write} stored: a result per AtomicWrite, and the batches appended. */
    record Written(List<Optional<Exception>> results, List<StoredEventBatch> appended) {}

    private final EventLog log;
    private final PayloadSerialization payloads;

    LocalJournal(PluginSettings settings, ActorSystem system) {
        this.log = new EventLog(settings.dir(), settings.fsync(), FileIo.DEFAULT);
        this.payloads = new PayloadSerialization(system);
    }

    /**
     * Appends each AtomicWrite as one entry. A write whose payload cannot be serialized, is too
     * large, or does not continue its persistence id's sequence is rejected on its own (its result
     * holds the exception); a storage failure throws.
     */
    Written write(Iterable<AtomicWrite> messages) {
        List<Optional<Exception>> results = new ArrayList<>();
        List<StoredEventBatch> appended = new ArrayList<>();
        for (AtomicWrite write : messages) {
            try {
                StoredEventBatch batch = toBatch(write);
                log.append(batch);
                appended.add(batch);
            } catch (RejectedEntryException e) {
                results.add(Optional.of(e));
                continue;
            }
            results.add(Optional.empty());
        }
        return new Written(results, appended);
    }

    private StoredEventBatch toBatch(AtomicWrite write) {
        List<StoredEvent> events = new ArrayList<>(write.size());
        for (PersistentRepr repr : CollectionConverters.asJava(write.payload())) {
            SerializedPayload payload;
            try {
                payload = payloads.serialize(repr.payload());
            } catch (Exception e) {
                throw new RejectedEntryException("cannot serialize event: persistenceId=" + repr.persistenceId()
                        + ", sequenceNr=" + repr.sequenceNr() + ", payloadClass=" + repr.payload().getClass().getName()
                        + ": " + e.getMessage(), e);
            }
            // Pekko leaves the timestamp at 0 unless an adapter set it; record when it was stored.
            long timestamp = repr.timestamp() != 0 ? repr.timestamp() : System.currentTimeMillis();
            events.add(new StoredEvent(repr.persistenceId(), repr.sequenceNr(), repr.writerUuid(), repr.manifest(),
                    timestamp, payload));
        }
        return new StoredEventBatch(events);
    }

    /** Appends an already-serialized batch (a copy from another node's journal). */
    void append(StoredEventBatch batch) {
        log.append(batch);
    }

    void replay(String persistenceId, long from, long to, long max, Consumer<PersistentRepr> callback) {
        log.replay(persistenceId, from, to, max, e -> callback.accept(toRepr(e)));
    }

    /** The stored events {@code from ..}, serialized as stored, at most {@code maxEvents} of them. */
    List<StoredEvent> read(String persistenceId, long from, int maxEvents) {
        List<StoredEvent> events = new ArrayList<>();
        log.replay(persistenceId, from, Long.MAX_VALUE, maxEvents, events::add);
        return events;
    }

    private PersistentRepr toRepr(StoredEvent event) {
        Object payload = payloads.deserialize(event.payload());
        return PersistentRepr.apply(payload, event.sequenceNr(), event.persistenceId(), event.eventManifest(), false,
                        ActorRef.noSender(), event.writerUuid())
                .withTimestamp(event.timestamp());
    }

    long highestSequenceNr(String persistenceId) {
        return log.highestSequenceNr(persistenceId);
    }

    void deleteTo(String persistenceId, long toSequenceNr) {
        log.deleteTo(persistenceId, toSequenceNr);
    }

    @Override
    public void close() {
        log.close();
    }
}
