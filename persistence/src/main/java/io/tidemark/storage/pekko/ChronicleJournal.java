package io.tidemark.storage.pekko;

import com.typesafe.config.Config;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.queue.RejectedEntryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.japi.AsyncWriteJournal;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Pekko Persistence journal plugin storing events in a Chronicle Queue under the plugin's
 * {@code dir} setting. Format: <a href="../../../../../../../../docs/formats/pekko-journal.md">
 * docs/formats/pekko-journal.md</a>; configuration: {@code tidemark.persistence.journal} in
 * {@code reference.conf}.
 *
 * <p>Each AtomicWrite is one queue entry, so it is stored all-or-nothing. A write whose payload
 * cannot be serialized, is too large, or does not continue the persistence id's sequence is
 * rejected on its own (the persistent actor gets {@code onPersistRejected} and keeps running);
 * only a storage failure fails the whole call. All work is done synchronously on the calling
 * thread, and the returned futures are already completed.
 */
public final class ChronicleJournal extends AsyncWriteJournal {

    private final EventLog store;
    private final PayloadSerialization payloads;

    /** Called by Pekko with the plugin's configuration section. */
    public ChronicleJournal(Config config) {
        PluginSettings settings = PluginSettings.of(config);
        this.store = new EventLog(settings.dir(), settings.fsync(), FileIo.DEFAULT);
        this.payloads = new PayloadSerialization(context().system());
    }

    @Override
    public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
        List<Optional<Exception>> results = new ArrayList<>();
        for (AtomicWrite write : messages) {
            StoredEventBatch batch;
            try {
                batch = toBatch(write);
                store.append(batch);
            } catch (RejectedEntryException e) {
                results.add(Optional.of(e));
                continue;
            } catch (RuntimeException e) {
                return Futures.failed(e);
            }
            results.add(Optional.empty());
        }
        return Futures.successful(results);
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

    @Override
    public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
        return CompletedFutures.run(() -> store.deleteTo(persistenceId, toSequenceNr));
    }

    @Override
    public Future<Void> doAsyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
            Consumer<PersistentRepr> replayCallback) {
        return CompletedFutures.run(() ->
                store.replay(persistenceId, fromSequenceNr, toSequenceNr, max, e -> replayCallback.accept(toRepr(e))));
    }

    private PersistentRepr toRepr(StoredEvent event) {
        Object payload = payloads.deserialize(event.payload());
        return PersistentRepr.apply(payload, event.sequenceNr(), event.persistenceId(), event.eventManifest(), false,
                        ActorRef.noSender(), event.writerUuid())
                .withTimestamp(event.timestamp());
    }

    @Override
    public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
        return Futures.successful(store.highestSequenceNr(persistenceId));
    }

    @Override
    public void postStop() {
        store.close();
    }
}
