package io.tidemark.storage.pekko;

import com.typesafe.config.Config;
import io.tidemark.storage.fileio.FileIo;
import java.util.Optional;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.snapshot.japi.SnapshotStore;
import scala.concurrent.Future;

/**
 * Pekko Persistence snapshot store plugin keeping snapshots in a Chronicle Queue under the plugin's
 * {@code dir} setting. Format: <a href="../../../../../../../../docs/formats/pekko-snapshot.md">
 * docs/formats/pekko-snapshot.md</a>; configuration: {@code tidemark.persistence.snapshot-store}
 * in {@code reference.conf}.
 *
 * <p>Load returns the newest snapshot the criteria select; if it cannot be deserialized, the
 * next older one is tried (as Pekko's local snapshot store does), and only if all fail does the
 * load fail. All work is done synchronously on the calling thread.
 */
public final class ChronicleSnapshotStore extends SnapshotStore {

    private final SnapshotLog store;
    private final PayloadSerialization payloads;

    /** Called by Pekko with the plugin's configuration section. */
    public ChronicleSnapshotStore(Config config) {
        PluginSettings settings = PluginSettings.of(config);
        this.store = new SnapshotLog(settings.dir(), settings.fsync(), FileIo.DEFAULT);
        this.payloads = new PayloadSerialization(context().system());
    }

    @Override
    public Future<Optional<SelectedSnapshot>> doLoadAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
        RuntimeException lastFailure = null;
        try {
            for (SnapshotLog.Location location : store.newestFirst(persistenceId, SnapshotRange.of(criteria))) {
                try {
                    StoredSnapshot stored = store.read(location);
                    Object state = payloads.deserialize(stored.payload());
                    SnapshotMetadata metadata = SnapshotMetadata.apply(persistenceId, stored.sequenceNr(), stored.timestamp());
                    return Futures.successful(Optional.of(SelectedSnapshot.create(metadata, state)));
                } catch (RuntimeException e) {
                    log().warning("cannot load snapshot: persistenceId={}, sequenceNr={}, timestamp={}; trying an older one: {}",
                            persistenceId, location.sequenceNr(), location.timestamp(), e.toString());
                    lastFailure = e;
                }
            }
        } catch (RuntimeException e) {
            return Futures.failed(e);
        }
        return lastFailure == null ? Futures.successful(Optional.empty()) : Futures.failed(lastFailure);
    }

    @Override
    public Future<Void> doSaveAsync(SnapshotMetadata metadata, Object snapshot) {
        try {
            SerializedPayload payload = payloads.serialize(snapshot);
            store.save(new StoredSnapshot(metadata.persistenceId(), metadata.sequenceNr(), metadata.timestamp(), payload));
            return Futures.successful(null);
        } catch (Exception e) {
            return Futures.failed(new IllegalStateException("cannot save snapshot: persistenceId=" + metadata.persistenceId()
                    + ", sequenceNr=" + metadata.sequenceNr() + ", snapshotClass=" + snapshot.getClass().getName()
                    + ": " + e.getMessage(), e));
        }
    }

    @Override
    public Future<Void> doDeleteAsync(SnapshotMetadata metadata) {
        return delete(metadata.persistenceId(), SnapshotRange.of(metadata));
    }

    @Override
    public Future<Void> doDeleteAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
        return delete(persistenceId, SnapshotRange.of(criteria));
    }

    private Future<Void> delete(String persistenceId, SnapshotRange range) {
        return CompletedFutures.run(() -> store.delete(persistenceId, range));
    }

    @Override
    public void postStop() {
        store.close();
    }
}
