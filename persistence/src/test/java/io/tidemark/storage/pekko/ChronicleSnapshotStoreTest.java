package io.tidemark.storage.pekko;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.SaveSnapshotFailure;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot store plugin contract, spoken through Pekko's snapshot protocol. One actor system
 * for the class; each test uses its own persistence id. Pekko stamps saved snapshots with the
 * wall clock, so timestamp bounds are covered with chosen timestamps in {@link SnapshotLogTest}.
 */
class ChronicleSnapshotStoreTest {

    private static final long MAX = Long.MAX_VALUE;

    @TempDir
    static Path dir;

    private static ActorTestKit testKit;
    private static SnapshotClient snapshots;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("ChronicleSnapshotStoreTest", PluginTestSupport.config(dir));
        snapshots = new SnapshotClient(testKit);
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    /** Snapshots "state-10".."state-40" at sequence numbers 10, 20, 30, 40; returns their metadata. */
    private static List<SnapshotMetadata> saveFour(String pid) {
        List<SnapshotMetadata> saved = new ArrayList<>();
        for (int seq = 10; seq <= 40; seq += 10) {
            saved.add(snapshots.saveOk(pid, seq, "state-" + seq));
        }
        return saved;
    }

    private static SnapshotSelectionCriteria sequenceBounds(long maxSeq, long minSeq) {
        return SnapshotSelectionCriteria.create(maxSeq, MAX, minSeq, 0);
    }

    @Test
    void loadsTheLatestSnapshotWithItsMetadata() {
        SnapshotMetadata saved = saveFour("latest").get(3);

        SelectedSnapshot selected = snapshots.load("latest", SnapshotSelectionCriteria.latest()).orElseThrow();

        assertThat(selected.snapshot()).isEqualTo("state-40");
        assertThat(selected.metadata().persistenceId()).isEqualTo("latest");
        assertThat(selected.metadata().sequenceNr()).isEqualTo(40);
        assertThat(selected.metadata().timestamp()).isEqualTo(saved.timestamp()).isPositive();
    }

    @Test
    void honoursTheSequenceBoundsOfTheCriteria() {
        List<SnapshotMetadata> saved = saveFour("criteria");

        assertThat(snapshots.selected("criteria", sequenceBounds(25, 0))).isEqualTo(20);
        assertThat(snapshots.selected("criteria", sequenceBounds(MAX, 35))).isEqualTo(40);
        assertThat(snapshots.selected("criteria", sequenceBounds(MAX, 45))).isEqualTo(-1);
        assertThat(snapshots.selected("criteria", sequenceBounds(30, 20))).isEqualTo(30);
        assertThat(snapshots.selected("criteria", sequenceBounds(9, 0))).isEqualTo(-1);
        long firstTimestamp = saved.get(0).timestamp();
        assertThat(snapshots.selected("criteria", SnapshotSelectionCriteria.create(MAX, firstTimestamp - 1, 0, 0)))
                .isEqualTo(-1);
        assertThat(snapshots.selected("criteria", SnapshotSelectionCriteria.none())).isEqualTo(-1);
        assertThat(snapshots.selected("unknown-id", SnapshotSelectionCriteria.latest())).isEqualTo(-1);
    }

    @Test
    void limitsTheLoadToTheRecoveryTarget() {
        saveFour("to-sequence-nr");

        assertThat(snapshots.load("to-sequence-nr", SnapshotSelectionCriteria.latest(), 35))
                .map(s -> s.metadata().sequenceNr()).contains(30L);
    }

    @Test
    void deletesOneSnapshotByMetadata() {
        SnapshotMetadata newest = saveFour("by-metadata").get(3);

        snapshots.delete("by-metadata", 40, newest.timestamp());

        assertThat(snapshots.selected("by-metadata", SnapshotSelectionCriteria.latest())).isEqualTo(30);
    }

    @Test
    void deletionByMetadataWithTimestampZeroMatchesAnyTimestamp() {
        saveFour("any-timestamp");

        snapshots.delete("any-timestamp", 40, 0);

        assertThat(snapshots.selected("any-timestamp", SnapshotSelectionCriteria.latest())).isEqualTo(30);
    }

    @Test
    void deletionByMetadataWithAnotherTimestampKeepsTheSnapshot() {
        SnapshotMetadata newest = saveFour("other-timestamp").get(3);

        snapshots.delete("other-timestamp", 40, newest.timestamp() + 1);

        assertThat(snapshots.selected("other-timestamp", SnapshotSelectionCriteria.latest())).isEqualTo(40);
    }

    @Test
    void deletesEverySnapshotTheCriteriaSelect() {
        saveFour("by-criteria");

        snapshots.delete("by-criteria", sequenceBounds(30, 20));

        assertThat(snapshots.selected("by-criteria", SnapshotSelectionCriteria.latest())).isEqualTo(40);
        assertThat(snapshots.selected("by-criteria", sequenceBounds(35, 0))).isEqualTo(10);
    }

    @Test
    void failsToSaveAnUnserializableSnapshotAndKeepsTheOlderOnes() {
        snapshots.saveOk("unserializable", 10, "good");

        Object reply = snapshots.save("unserializable", 20, new ChronicleJournalTest.Unbound("state"));

        assertThat(reply).isInstanceOf(SaveSnapshotFailure.class);
        assertThat(((SaveSnapshotFailure) reply).cause())
                .hasMessageContaining("cannot save snapshot: persistenceId=unserializable, sequenceNr=20");
        assertThat(snapshots.selected("unserializable", SnapshotSelectionCriteria.latest())).isEqualTo(10);
    }
}
