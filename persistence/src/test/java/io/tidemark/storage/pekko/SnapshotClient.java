package io.tidemark.storage.pekko;

import com.typesafe.config.ConfigFactory;
import java.util.Optional;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.SaveSnapshotSuccess;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotProtocol;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import scala.jdk.javaapi.OptionConverters;

/** Speaks Pekko's snapshot protocol to the snapshot store plugin, as a persistent actor would. */
final class SnapshotClient {

    private final TestProbe<Object> probe;
    private final ActorRef self;
    private final ActorRef store;

    SnapshotClient(ActorTestKit testKit) {
        this.probe = testKit.createTestProbe();
        this.self = Adapter.toClassic(probe.ref());
        this.store = Persistence.get(Adapter.toClassic(testKit.system()))
                .snapshotStoreFor(PluginTestSupport.SNAPSHOT_STORE, ConfigFactory.empty());
    }

    /**
     * Saves and returns the store's reply: SaveSnapshotSuccess or SaveSnapshotFailure. Pekko
     * stamps the snapshot with the current time; the success reply carries that timestamp.
     */
    Object save(String persistenceId, long sequenceNr, Object snapshot) {
        store.tell(new SnapshotProtocol.SaveSnapshot(SnapshotMetadata.apply(persistenceId, sequenceNr, 0L), snapshot), self);
        return probe.receiveMessage();
    }

    SnapshotMetadata saveOk(String persistenceId, long sequenceNr, Object snapshot) {
        Object reply = save(persistenceId, sequenceNr, snapshot);
        if (!(reply instanceof SaveSnapshotSuccess success)) {
            throw new AssertionError("snapshot not saved: " + reply);
        }
        return success.metadata();
    }

    Optional<SelectedSnapshot> load(String persistenceId, SnapshotSelectionCriteria criteria, long toSequenceNr) {
        store.tell(new SnapshotProtocol.LoadSnapshot(persistenceId, criteria, toSequenceNr), self);
        SnapshotProtocol.LoadSnapshotResult result = probe.expectMessageClass(SnapshotProtocol.LoadSnapshotResult.class);
        return OptionConverters.toJava(result.snapshot());
    }

    /** Loads expecting failure; returns its cause. */
    Throwable loadFailure(String persistenceId, SnapshotSelectionCriteria criteria) {
        store.tell(new SnapshotProtocol.LoadSnapshot(persistenceId, criteria, Long.MAX_VALUE), self);
        return probe.expectMessageClass(SnapshotProtocol.LoadSnapshotFailed.class).cause();
    }

    Optional<SelectedSnapshot> load(String persistenceId, SnapshotSelectionCriteria criteria) {
        return load(persistenceId, criteria, Long.MAX_VALUE);
    }

    /** The sequence number of the snapshot {@code criteria} selects, or -1 if none. */
    long selected(String persistenceId, SnapshotSelectionCriteria criteria) {
        return load(persistenceId, criteria).map(s -> s.metadata().sequenceNr()).orElse(-1L);
    }

    void delete(String persistenceId, long sequenceNr, long timestamp) {
        SnapshotMetadata metadata = SnapshotMetadata.apply(persistenceId, sequenceNr, timestamp);
        store.tell(new SnapshotProtocol.DeleteSnapshot(metadata), self);
        probe.expectMessage(new org.apache.pekko.persistence.DeleteSnapshotSuccess(metadata));
    }

    void delete(String persistenceId, SnapshotSelectionCriteria criteria) {
        store.tell(new SnapshotProtocol.DeleteSnapshots(persistenceId, criteria), self);
        probe.expectMessage(new org.apache.pekko.persistence.DeleteSnapshotsSuccess(criteria));
    }
}
