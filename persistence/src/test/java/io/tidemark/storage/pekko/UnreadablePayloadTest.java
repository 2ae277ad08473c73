package io.tidemark.storage.pekko;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.fileio.FileIo;
import java.nio.file.Path;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored payloads that can no longer be deserialized (their serializer is gone). A snapshot is
 * skipped for the next older one, as Pekko's local snapshot store does, and only if none loads does
 * the load fail. An event fails the replay: recovery must stop rather than skip history.
 */
class UnreadablePayloadTest {

    /** No serializer has this id. */
    private static final int MISSING_SERIALIZER_ID = 987_654;

    @TempDir
    Path dir;

    private ActorTestKit testKit;

    @BeforeEach
    void start() {
        // The plugins start on first use, so their queues can still be written directly here.
        testKit = ActorTestKit.create("UnreadablePayloadTest", PluginTestSupport.config(dir));
    }

    @AfterEach
    void stop() {
        testKit.shutdownTestKit();
    }

    private SerializedPayload serialized(String state) {
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
        Serializer serializer = serialization.findSerializerFor(state);
        return new SerializedPayload(serializer.identifier(), "", serializer.toBinary(state));
    }

    private void storeDirectly(StoredSnapshot... snapshots) {
        try (SnapshotLog log = new SnapshotLog(dir.resolve("snapshots"), false, FileIo.DEFAULT)) {
            for (StoredSnapshot s : snapshots) {
                log.save(s);
            }
        }
    }

    @Test
    void anUnreadableEventFailsTheReplay() {
        try (EventLog log = new EventLog(dir.resolve("journal"), false, FileIo.DEFAULT)) {
            log.append(new StoredEventBatch(List.of(new StoredEvent("p", 1, "w", "", 1000, serialized("readable")))));
            log.append(new StoredEventBatch(List.of(new StoredEvent("p", 2, "w", "", 1000,
                    new SerializedPayload(MISSING_SERIALIZER_ID, "m", new byte[] {1})))));
        }

        assertThat(new JournalClient(testKit).replayFailure("p"))
                .hasMessage("cannot deserialize payload: serializerId=" + MISSING_SERIALIZER_ID + ", manifest=m, bytes=1");
    }

    @Test
    void skipsAnUnreadableNewestSnapshotForTheNextOlderOne() {
        storeDirectly(
                new StoredSnapshot("p", 10, 1000, serialized("readable")),
                new StoredSnapshot("p", 20, 2000, new SerializedPayload(MISSING_SERIALIZER_ID, "", new byte[] {1})));

        SelectedSnapshot loaded = new SnapshotClient(testKit).load("p", SnapshotSelectionCriteria.latest()).orElseThrow();

        assertThat(loaded.snapshot()).isEqualTo("readable");
        assertThat(loaded.metadata().sequenceNr()).isEqualTo(10);
    }

    @Test
    void failsTheLoadWhenNoSelectedSnapshotIsReadable() {
        storeDirectly(new StoredSnapshot("p", 20, 2000, new SerializedPayload(MISSING_SERIALIZER_ID, "", new byte[] {1})));

        assertThat(new SnapshotClient(testKit).loadFailure("p", SnapshotSelectionCriteria.latest()))
                .hasMessageContaining(String.valueOf(MISSING_SERIALIZER_ID));
    }
}
