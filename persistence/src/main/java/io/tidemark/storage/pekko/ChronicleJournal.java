package io.tidemark.storage.pekko;

import com.typesafe.config.Config;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.japi.AsyncWriteJournal;
import scala.concurrent.Future;

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

    private final LocalJournal journal;

    /** Called by Pekko with the plugin's configuration section. */
    public ChronicleJournal(Config config) {
        this.journal = new LocalJournal(PluginSettings.of(config), context().system());
    }

    @Override
    public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
        try {
            return Futures.successful(journal.write(messages).results());
        } catch (RuntimeException e) {
            return Futures.failed(e);
        }
    }

    @Override
    public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
        return CompletedFutures.run(() -> journal.deleteTo(persistenceId, toSequenceNr));
    }

    @Override
    public Future<Void> doAsyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
            Consumer<PersistentRepr> replayCallback) {
        return CompletedFutures.run(() -> journal.replay(persistenceId, fromSequenceNr, toSequenceNr, max,
                replayCallback));
    }

    @Override
    public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
        return Futures.successful(journal.highestSequenceNr(persistenceId));
    }

    @Override
    public void postStop() {
        journal.close();
    }
}
