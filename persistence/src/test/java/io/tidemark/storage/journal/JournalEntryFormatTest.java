package io.tidemark.storage.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import io.tidemark.storage.queue.EntryFrame;
import io.tidemark.storage.testing.GoldenHex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Freezes the journal entry format: header layout, entry type ids and golden entries. */
class JournalEntryFormatTest {

    private static final String FIXTURES = "/fixtures/journal-entry-v2/";

    /** The batch frozen in {@code batch-entry.hex}: every column type, one absent value each. */
    static WriteBatch goldenBatch() {
        WriteBatchBuilder b = WriteBatch.builder("tbl", 1);
        int s = b.series(SeriesKey.of(List.of(new Dimension("host", "a")), "cpu"));
        int d = b.column("d", MeasureType.DOUBLE);
        int n = b.column("n", MeasureType.BIGINT);
        int v = b.column("v", MeasureType.VARCHAR);
        int f = b.column("f", MeasureType.BOOLEAN);
        int t = b.column("t", MeasureType.TIMESTAMP);
        b.addRow(s, 1_000L, 1L);
        b.setDouble(d, 1.5).setLong(n, -2L).setString(v, "x").setBoolean(f, true);
        b.addRow(s, 2_000L, 2L);
        b.setLong(t, 3L);
        return b.build();
    }

    @Test
    void journalFramesUseTheSharedTwentyByteHeader() {
        assertThat(EntryFrame.HEADER_BYTES).isEqualTo(20);
        assertThat(BatchEntryCodec.MAGIC).isEqualTo(0x454A4D54);
    }

    @Test
    void entryTypeIdsArePinned() {
        assertThat(EntryFrame.CUT_MARKER).isZero();
        assertThat(JournalEntryType.BATCH.id()).isEqualTo(1);
        assertThat(JournalEntryType.MIGRATION_FROZEN.id()).isEqualTo(2);
        assertThat(JournalEntryType.MIGRATION_COMMITTED.id()).isEqualTo(3);
        assertThat(JournalEntryType.values()).hasSize(3);
        for (JournalEntryType t : JournalEntryType.values()) {
            assertThat(JournalEntryType.fromId(t.id())).isSameAs(t);
        }
        assertThat(JournalEntryType.fromId(EntryFrame.CUT_MARKER)).isNull();
        assertThat(JournalEntryType.fromId(4)).isNull();
    }

    @Test
    void magicSpellsTmjeOnDisk() {
        byte[] marker = EntryFrame.cutMarker(BatchEntryCodec.MAGIC, 0, 0);
        assertThat(new String(marker, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("TMJE");
        assertThat(marker[EntryFrame.VERSION_OFFSET]).isEqualTo((byte) 1);
        assertThat(BatchEntryCodec.FORMAT_VERSION).isEqualTo(2);
        assertThat(marker[EntryFrame.ENCRYPTION_OFFSET]).isZero();
    }

    @Test
    void batchEntryMatchesTheGoldenBytes() {
        byte[] golden = fixture("batch-entry.hex");
        BatchEntryCodec codec = new BatchEntryCodec(TestBatches.kryo());
        Output frame = codec.encode(goldenBatch(), 1L);
        GoldenHex.assertSameBytes(Arrays.copyOf(frame.getBuffer(), frame.position()), golden, "batch-entry.hex");
        // again, now from the series entries kept by the first encoding
        frame = codec.encode(goldenBatch(), 1L);
        GoldenHex.assertSameBytes(Arrays.copyOf(frame.getBuffer(), frame.position()), golden, "batch-entry.hex");
        assertThat(EntryFrame.findDamage(BatchEntryCodec.MAGIC, golden, golden.length)).isNull();
        assertThat(codec.decode(golden, golden.length)).isEqualTo(goldenBatch());
    }

    @Test
    void cutMarkerEntryMatchesTheGoldenBytes() {
        byte[] golden = fixture("cut-marker-entry.hex");
        byte[] marker = EntryFrame.cutMarker(BatchEntryCodec.MAGIC, BatchEntryCodec.FORMAT_VERSION,
                0x0102030405060708L, 0x0102030405060709L);
        GoldenHex.assertSameBytes(marker, golden, "cut-marker-entry.hex");
        assertThat(EntryFrame.findDamage(BatchEntryCodec.MAGIC, golden, golden.length)).isNull();
        assertThat(EntryFrame.cutMarkerFirst(golden)).isEqualTo(0x0102030405060708L);
        assertThat(EntryFrame.cutMarkerLast(golden)).isEqualTo(0x0102030405060709L);
    }

    @Test
    void theJournalStoresExactlyTheGoldenBytesAsOneExcerpt(@TempDir Path dir) {
        try (ShardJournal journal = ShardJournal.open(dir, JournalOptions.defaults(), TestBatches.kryo())) {
            journal.append(goldenBatch());
        }
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(dir).build();
             ExcerptTailer tailer = queue.createTailer();
             DocumentContext dc = tailer.readingDocument()) {
            assertThat(dc.isPresent()).isTrue();
            byte[] stored = dc.wire().bytes().toByteArray();
            GoldenHex.assertSameBytes(stored, fixture("batch-entry.hex"), "stored excerpt");
        }
    }

    @Test
    void migrationMarksAreStoredAsTheGoldenBytes(@TempDir Path dir) {
        try (ShardJournal journal = ShardJournal.open(dir, JournalOptions.defaults(), TestBatches.kryo())) {
            journal.append(goldenBatch());
            journal.appendMigrationFrozen(0x0102030405060708L, 1_700_000_000_000_000_000L);
            journal.appendMigrationCommitted(0x0102030405060708L);
        }
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(dir).build();
             ExcerptTailer tailer = queue.createTailer()) {
            for (String name : List.of("batch-entry.hex", "migration-frozen-entry.hex", "migration-committed-entry.hex")) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    assertThat(dc.isPresent()).isTrue();
                    GoldenHex.assertSameBytes(dc.wire().bytes().toByteArray(), fixture(name), name);
                }
            }
        }
    }

    @Test
    void versionOneEntriesAreRefusedAsUnsupportedNotCut(@TempDir Path dir) {
        byte[] v1 = GoldenHex.read("/fixtures/journal-entry-v1/batch-entry.hex");
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(dir).build()) {
            queue.createAppender().writeBytes(b -> b.write(v1));
        }
        assertThatThrownBy(() -> ShardJournal.open(dir, JournalOptions.defaults(), TestBatches.kryo()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("unsupported entry: formatVersion=1")
                .hasMessageContaining("supported formatVersion=2");
    }

    private static byte[] fixture(String name) {
        return GoldenHex.read(FIXTURES + name);
    }
}
