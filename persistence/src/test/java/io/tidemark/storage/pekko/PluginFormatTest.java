package io.tidemark.storage.pekko;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.queue.EntryFrame;
import io.tidemark.storage.testing.GoldenHex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Freezes the on-disk formats of docs/formats/pekko-journal.md and pekko-snapshot.md: the numeric
 * ids, and golden frames under src/test/resources/fixtures/pekko-journal-v1/ and pekko-snapshot-v1/
 * that today's code must both write byte for byte and read back.
 */
class PluginFormatTest {

    private static final SerializedPayload HI = new SerializedPayload(20, "", utf8("hi"));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fixture(String name) {
        return GoldenHex.read("/fixtures/" + name);
    }

    private static byte[] frame(int magic, int type, Object entry) {
        return EntryFrame.encode(magic, type, PluginKryo.POOL.writeClassAndObject(entry));
    }

    /** Asserts the entry encodes to the fixture exactly, and returns the fixture decoded. */
    private static <T> T assertGolden(String fixtureName, int magic, int type, Object entry, Class<T> entryClass) {
        byte[] expected = fixture(fixtureName);
        byte[] actual = frame(magic, type, entry);
        GoldenHex.assertSameBytes(actual, expected, fixtureName);
        assertThat(EntryFrame.findDamage(magic, expected, expected.length)).isNull();
        assertThat(EntryFrame.type(expected)).isEqualTo(type);
        return entryClass.cast(PluginKryo.POOL.readClassAndObject(
                Arrays.copyOfRange(expected, EntryFrame.HEADER_BYTES, expected.length)));
    }

    @Test
    void numericIdsAreFrozen() {
        assertThat(EventLog.MAGIC).isEqualTo(0x4A504D54);
        assertThat(SnapshotLog.MAGIC).isEqualTo(0x53504D54);
        assertThat(EntryFrame.FORMAT_VERSION).isEqualTo(1);
        assertThat(EntryFrame.ENCRYPTION_NONE).isZero();
        assertThat(EntryFrame.HEADER_BYTES).isEqualTo(20);
        assertThat(EntryFrame.CUT_MARKER).isZero();
        assertThat(EventLog.EVENTS).isEqualTo(1);
        assertThat(EventLog.DELETION).isEqualTo(2);
        assertThat(SnapshotLog.SNAPSHOT).isEqualTo(1);
        assertThat(SnapshotLog.DELETION).isEqualTo(2);
        assertThat(PluginKryo.STORED_EVENT_BATCH_ID).isEqualTo(200);
        assertThat(PluginKryo.JOURNAL_DELETION_ID).isEqualTo(201);
        assertThat(PluginKryo.STORED_SNAPSHOT_ID).isEqualTo(210);
        assertThat(PluginKryo.SNAPSHOT_DELETION_ID).isEqualTo(211);
    }

    @Test
    void eventBatchFrame() {
        StoredEventBatch batch = new StoredEventBatch(List.of(
                new StoredEvent("p-1", 1, "w", "", 1_700_000_000_000L, HI),
                new StoredEvent("p-1", 2, "w", "m", 1_700_000_000_001L, new SerializedPayload(5, "M", utf8("é")))));

        StoredEventBatch read = assertGolden("pekko-journal-v1/event-batch.hex", EventLog.MAGIC, EventLog.EVENTS, batch,
                StoredEventBatch.class);

        assertThat(read.events()).hasSize(2);
        StoredEvent second = read.events().get(1);
        assertThat(second.persistenceId()).isEqualTo("p-1");
        assertThat(second.sequenceNr()).isEqualTo(2);
        assertThat(second.writerUuid()).isEqualTo("w");
        assertThat(second.eventManifest()).isEqualTo("m");
        assertThat(second.timestamp()).isEqualTo(1_700_000_000_001L);
        assertThat(second.payload().serializerId()).isEqualTo(5);
        assertThat(second.payload().manifest()).isEqualTo("M");
        assertThat(second.payload().bytes()).isEqualTo(utf8("é"));
    }

    @Test
    void journalDeletionFrame() {
        JournalDeletion read = assertGolden("pekko-journal-v1/deletion.hex", EventLog.MAGIC, EventLog.DELETION,
                new JournalDeletion("p-1", 300), JournalDeletion.class);

        assertThat(read).isEqualTo(new JournalDeletion("p-1", 300));
    }

    @Test
    void cutMarkerFrame() {
        byte[] expected = fixture("pekko-journal-v1/cut-marker.hex");

        GoldenHex.assertSameBytes(EntryFrame.cutMarker(EventLog.MAGIC, 0x00004E0500000201L, 0x00004E0500000202L),
                expected, "pekko-journal-v1/cut-marker.hex");
        assertThat(EntryFrame.findDamage(EventLog.MAGIC, expected, expected.length)).isNull();
        assertThat(EntryFrame.cutMarkerFirst(expected)).isEqualTo(0x00004E0500000201L);
        assertThat(EntryFrame.cutMarkerLast(expected)).isEqualTo(0x00004E0500000202L);
    }

    @Test
    void snapshotFrame() {
        StoredSnapshot read = assertGolden("pekko-snapshot-v1/snapshot.hex", SnapshotLog.MAGIC, SnapshotLog.SNAPSHOT,
                new StoredSnapshot("p-1", 40, 1_700_000_000_000L, HI), StoredSnapshot.class);

        assertThat(read.persistenceId()).isEqualTo("p-1");
        assertThat(read.sequenceNr()).isEqualTo(40);
        assertThat(read.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(read.payload().bytes()).isEqualTo(utf8("hi"));
    }

    @Test
    void snapshotDeletionFrame() {
        SnapshotDeletion deletion = new SnapshotDeletion("p-1", new SnapshotRange(10, 40, 0, Long.MAX_VALUE));

        SnapshotDeletion read = assertGolden("pekko-snapshot-v1/deletion.hex", SnapshotLog.MAGIC, SnapshotLog.DELETION,
                deletion, SnapshotDeletion.class);

        assertThat(read).isEqualTo(deletion);
    }
}
