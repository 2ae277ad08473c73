package io.tidemark.storage.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.queue.EntryFrame;
import net.openhft.chronicle.queue.RollCycles;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.queue.FramedQueue;
import io.tidemark.storage.queue.QueueSettings;
import io.tidemark.storage.serialization.KryoPool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Damages journal entries in the cycle file on disk, as a crash or a bad disk would, and checks
 * exactly which batches recovery keeps.
 */
class ShardJournalCorruptionTest {

    private static final KryoPool KRYO = TestBatches.kryo();
    private static final int BATCHES = 5;

    @TempDir
    Path dir;

    private final SetTimeProvider clock = new SetTimeProvider("2026-11-25T10:00:00");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger queueLogger = (Logger) LoggerFactory.getLogger(FramedQueue.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        queueLogger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        queueLogger.detachAppender(logs);
    }

    private ShardJournal open() {
        return ShardJournal.open(dir, JournalOptions.defaults().withClock(clock), KRYO);
    }

    /** One way to damage an entry, given as a buffer over its bytes starting at the header. */
    record Damage(String name, Consumer<ByteBuffer> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> tailDamage() {
        int h = EntryFrame.HEADER_BYTES;
        return Stream.of(
                new Damage("flipped payload byte", b -> b.put(h + 7, (byte) (b.get(h + 7) ^ 0x40))),
                new Damage("body length shorter than excerpt",
                        b -> b.putInt(EntryFrame.BODY_LENGTH_OFFSET, b.getInt(EntryFrame.BODY_LENGTH_OFFSET) - 3)),
                new Damage("body length past excerpt end",
                        b -> b.putInt(EntryFrame.BODY_LENGTH_OFFSET, b.getInt(EntryFrame.BODY_LENGTH_OFFSET) + 100)),
                new Damage("bad magic", b -> b.put(EntryFrame.MAGIC_OFFSET, (byte) 0)),
                new Damage("bad version", b -> b.put(EntryFrame.VERSION_OFFSET, (byte) 3)),
                new Damage("encryption flag set", b -> b.put(EntryFrame.ENCRYPTION_OFFSET, (byte) 1)),
                new Damage("unknown entry type", b -> b.put(EntryFrame.TYPE_OFFSET, (byte) 99)),
                new Damage("reserved byte set", b -> b.put(EntryFrame.RESERVED_OFFSET, (byte) 1)),
                new Damage("key id set", b -> b.putInt(EntryFrame.KEY_ID_OFFSET, 7)),
                new Damage("payload tail never written", b -> {
                    for (int i = h + 20; i < b.limit(); i++) {
                        b.put(i, (byte) 0);
                    }
                }),
                new Damage("whole entry zero", b -> {
                    for (int i = 0; i < b.limit(); i++) {
                        b.put(i, (byte) 0);
                    }
                })).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tailDamage")
    void damagedTailIsCutAndLaterAppendsStillReplay(Damage damage) throws IOException {
        List<Long> indexes = appendBatches(BATCHES);
        damageEntry(BATCHES - 1, damage);

        long markerIndex;
        try (ShardJournal journal = open()) {
            markerIndex = journal.lastIndex();
            assertThat(markerIndex).isGreaterThan(indexes.get(BATCHES - 1));
            assertThat(ShardJournalTest.replay(journal, ShardJournal.NO_INDEX).keySet())
                    .containsExactlyElementsOf(indexes.subList(0, BATCHES - 1));
            indexes.add(journal.append(TestBatches.batch(BATCHES)));
        }
        assertThat(warnings()).anySatisfy(m -> assertThat(m).contains("cut damaged queue tail")
                .contains("firstIndex=" + indexes.get(BATCHES - 1)));
        assertThat(warnings()).anySatisfy(m -> assertThat(m).contains("cutting damaged queue tail entry")
                .contains("file=" + dir).contains("index=" + indexes.get(BATCHES - 1)));

        try (ShardJournal journal = open()) {
            Map<Long, WriteBatch> replayed = ShardJournalTest.replay(journal, ShardJournal.NO_INDEX);
            assertThat(replayed.keySet()).containsExactly(indexes.get(0), indexes.get(1), indexes.get(2), indexes.get(3),
                    indexes.get(BATCHES));
            assertThat(replayed.get(indexes.get(BATCHES))).isEqualTo(TestBatches.batch(BATCHES));
            assertThat(replayed.get(indexes.get(3))).isEqualTo(TestBatches.batch(3));
            assertThat(journal.lastIndex()).isEqualTo(indexes.get(BATCHES));
        }
    }

    @Test
    void aTailCutInAnEarlierCycleStaysCutAfterTheJournalRolls() throws IOException {
        List<Long> indexes = appendBatches(BATCHES);
        damageEntry(BATCHES - 1, new Damage("flip", b -> b.put(40, (byte) ~b.get(40))));
        clock.advanceMillis(3 * 24 * 3600 * 1000L);
        try (ShardJournal journal = open()) {
            indexes.add(journal.append(TestBatches.batch(BATCHES)));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".cq4"))).hasSize(2);
        }
        try (ShardJournal journal = open()) {
            assertThat(ShardJournalTest.replay(journal, ShardJournal.NO_INDEX).keySet())
                    .containsExactly(indexes.get(0), indexes.get(1), indexes.get(2), indexes.get(3), indexes.get(BATCHES));
        }
    }

    @Test
    void reopeningAnAlreadyCutJournalAddsNoSecondMarker() throws IOException {
        appendBatches(BATCHES);
        damageEntry(BATCHES - 1, new Damage("flip", b -> b.put(20, (byte) ~b.get(20))));
        long afterFirstOpen;
        try (ShardJournal journal = open()) {
            afterFirstOpen = journal.lastIndex();
        }
        try (ShardJournal journal = open()) {
            assertThat(journal.lastIndex()).isEqualTo(afterFirstOpen);
        }
    }

    @Test
    void aDamagedRunAtTheTailIsCutWhole() throws IOException {
        List<Long> indexes = appendBatches(BATCHES);
        // The last first: damaging a magic hides that entry from the search by magic.
        damageEntry(BATCHES - 1, new Damage("bad version", b -> b.put(4, (byte) 7)));
        damageEntry(BATCHES - 2, new Damage("bad magic", b -> b.put(0, (byte) 0)));
        try (ShardJournal journal = open()) {
            indexes.add(journal.append(TestBatches.batch(BATCHES)));
        }
        try (ShardJournal journal = open()) {
            assertThat(ShardJournalTest.replay(journal, ShardJournal.NO_INDEX).keySet())
                    .containsExactly(indexes.get(0), indexes.get(1), indexes.get(2), indexes.get(BATCHES));
        }
    }

    @Test
    void damageInTheMiddleStopsReplayWithTheFileAndIndexAfterDeliveringWhatCameBefore() throws IOException {
        List<Long> indexes = appendBatches(BATCHES);
        long offset = damageEntry(2, new Damage("flip", b -> b.put(30, (byte) ~b.get(30))));
        try (ShardJournal journal = open()) {
            assertThat(journal.lastIndex()).as("an intact tail is not cut").isEqualTo(indexes.get(BATCHES - 1));
            List<Long> delivered = new ArrayList<>();
            assertThatThrownBy(() -> journal.replay(ShardJournal.NO_INDEX, (index, batch) -> delivered.add(index)))
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("checksum mismatch")
                    .hasMessageContaining("index=" + indexes.get(2))
                    .hasMessageContaining("nextIntactIndex=" + indexes.get(3))
                    .satisfies(e -> {
                        assertThat(((CorruptionException) e).file().getParent()).isEqualTo(dir);
                        assertThat(((CorruptionException) e).offset()).isEqualTo(offset);
                    });
            assertThat(delivered).containsExactly(indexes.get(0), indexes.get(1));
            // Replaying past the damage still works, so an operator can recover what follows it.
            assertThat(ShardJournalTest.replay(journal, indexes.get(2)).keySet())
                    .containsExactlyElementsOf(indexes.subList(3, BATCHES));
        }
    }

    @Test
    void aSecondJournalOnTheSameDirectoryIsRefusedUntilTheFirstCloses() {
        try (ShardJournal journal = open()) {
            assertThatThrownBy(this::open)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot open queue: dir=" + dir + ", in use by another journal or process");
        }
        open().close();
    }

    @Test
    void aSoundEntryOfATypeThisVersionDoesNotKnowIsRefusedNotCut() {
        List<Long> indexes = appendBatches(1);
        long unknown;
        try (FramedQueue queue = FramedQueue.open(dir, new QueueSettings(BatchEntryCodec.MAGIC, RollCycles.FAST_DAILY,
                clock, false, FileIo.DEFAULT, BatchEntryCodec.FORMAT_VERSION))) {
            unknown = queue.append(9, new byte[] {2, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3});
        }
        try (ShardJournal journal = open()) {
            assertThat(journal.lastIndex()).as("nothing appended: not cut").isEqualTo(unknown);
            List<Long> delivered = new ArrayList<>();
            assertThatThrownBy(() -> journal.replay(ShardJournal.NO_INDEX, (index, batch) -> delivered.add(index)))
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("unknown journal entry type: type=9, index=" + unknown);
            assertThat(delivered).containsExactlyElementsOf(indexes);
        }
    }

    private List<Long> appendBatches(int count) {
        List<Long> indexes = new ArrayList<>();
        try (ShardJournal journal = open()) {
            for (int seq = 0; seq < count; seq++) {
                indexes.add(journal.append(TestBatches.batch(seq)));
            }
        }
        return indexes;
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    /**
     * Applies {@code damage} to the {@code n}th journal entry (0-based) in the single cycle file
     * and returns the entry's offset in that file.
     */
    private long damageEntry(int n, Damage damage) throws IOException {
        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        List<Integer> starts = entryStarts(bytes);
        assertThat(starts).hasSizeGreaterThan(n);
        int start = starts.get(n);
        // Chronicle's 4-byte excerpt header before the entry holds its length in the low 30 bits.
        int length = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(start - 4) & 0x3FFF_FFFF;
        ByteBuffer entry = ByteBuffer.wrap(bytes, start, length).slice().order(ByteOrder.LITTLE_ENDIAN);
        damage.apply().accept(entry);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes, start, length), start);
        }
        return start;
    }

    /** Offsets of every entry header, found by its magic (test payloads never contain it). */
    private static List<Integer> entryStarts(byte[] bytes) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 4; i + 4 <= bytes.length; i++) {
            if (bytes[i] == 'T' && bytes[i + 1] == 'M' && bytes[i + 2] == 'J' && bytes[i + 3] == 'E') {
                starts.add(i);
            }
        }
        return starts;
    }
}
