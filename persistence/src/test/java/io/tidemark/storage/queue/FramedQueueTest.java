package io.tidemark.storage.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.testing.QueueFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frames in a real Chronicle Queue: round trip, every check of a frame, damaged entries and the lock. */
class FramedQueueTest {

    /** "TMTQ": a magic of its own, so nothing here depends on a real user's. */
    private static final int MAGIC = 0x51544D54;
    private static final int OTHER_MAGIC = 0x52544D54;

    @TempDir
    Path dir;

    private FramedQueue open() {
        return FramedQueue.open(dir, QueueSettings.of(MAGIC, false));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Opens the queue and returns the bodies of the entries a replay visits, as strings. */
    private List<String> replayBodies() {
        List<String> bodies = new ArrayList<>();
        try (FramedQueue queue = open()) {
            queue.replay(FramedQueue.NO_INDEX, f -> bodies.add(new String(f.copyBody(), StandardCharsets.UTF_8)));
        }
        return bodies;
    }

    /** The little-endian u32 at {@code position} of {@code file}: a frame's magic if the position is right. */
    private static int frameMagicAt(Path file, long position) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(buffer, position);
            return buffer.getInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void headerFieldsAreAtTheirFrozenOffsetsAndCutMarkerIsTypeZero() {
        assertThat(EntryFrame.MAGIC_OFFSET).isZero();
        assertThat(EntryFrame.VERSION_OFFSET).isEqualTo(4);
        assertThat(EntryFrame.ENCRYPTION_OFFSET).isEqualTo(5);
        assertThat(EntryFrame.TYPE_OFFSET).isEqualTo(6);
        assertThat(EntryFrame.RESERVED_OFFSET).isEqualTo(7);
        assertThat(EntryFrame.KEY_ID_OFFSET).isEqualTo(8);
        assertThat(EntryFrame.BODY_LENGTH_OFFSET).isEqualTo(12);
        assertThat(EntryFrame.CRC_OFFSET).isEqualTo(16);
        assertThat(EntryFrame.HEADER_BYTES).isEqualTo(20);
        assertThat(EntryFrame.FORMAT_VERSION).isEqualTo(1);
        assertThat(EntryFrame.ENCRYPTION_NONE).isZero();
        assertThat(EntryFrame.CUT_MARKER).isZero();
        assertThat(EntryFrame.CUT_MARKER_BODY_BYTES).isEqualTo(16);
        assertThat(EntryFrame.MAX_BODY_BYTES).isEqualTo(8 << 20);
        assertThat(EntryFrame.cutMarker(MAGIC, 1, 2)).hasSize(EntryFrame.HEADER_BYTES + 16);
    }

    @Test
    void readsBackWhatWasAppendedByIndexAndByReplay() {
        long second;
        try (FramedQueue queue = open()) {
            queue.append(1, utf8("one"));
            second = queue.append(2, utf8("two"));
            FrameReader frame = queue.read(second);
            assertThat(frame.type()).isEqualTo(2);
            assertThat(frame.index()).isEqualTo(second);
            assertThat(frame.copyBody()).isEqualTo(utf8("two"));
        }
        List<Integer> types = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        try (FramedQueue queue = open()) {
            queue.replay(FramedQueue.NO_INDEX, f -> {
                types.add(f.type());
                indexes.add(f.index());
            });
        }
        assertThat(types).containsExactly(1, 2);
        assertThat(indexes.get(1)).isEqualTo(second);
    }

    @Test
    void findDamageRejectsAFrameThatFailsAnyCheck() {
        byte[] good = EntryFrame.encode(MAGIC, 1, utf8("body"));
        assertThat(EntryFrame.findDamage(MAGIC, good, good.length)).isNull();

        assertThat(EntryFrame.findDamage(OTHER_MAGIC, good, good.length)).as("other magic").startsWith("bad magic");
        assertThat(EntryFrame.findDamage(MAGIC, new byte[EntryFrame.HEADER_BYTES - 1], EntryFrame.HEADER_BYTES - 1))
                .as("short").startsWith("entry shorter than its header");
        byte[] truncated = Arrays.copyOf(good, good.length - 1);
        assertThat(EntryFrame.findDamage(MAGIC, truncated, truncated.length)).as("truncated")
                .startsWith("body length does not match excerpt");
        for (int at : new int[] {0, 4, 5, 6, 7, 8, 12, 16, EntryFrame.HEADER_BYTES}) {
            byte[] damaged = good.clone();
            damaged[at] ^= 1;
            assertThat(EntryFrame.findDamage(MAGIC, damaged, damaged.length)).as("byte %d flipped", at).isNotNull();
        }
    }

    /** A sound frame (correct CRC) with the given version and encryption bytes. */
    private static byte[] soundFrame(int version, int encryption) {
        byte[] frame = EntryFrame.encode(MAGIC, 1, utf8("body"));
        frame[4] = (byte) version;
        frame[5] = (byte) encryption;
        CRC32C crc = new CRC32C();
        crc.update(frame, 0, 16);
        crc.update(frame, EntryFrame.HEADER_BYTES, frame.length - EntryFrame.HEADER_BYTES);
        ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(16, (int) crc.getValue());
        return frame;
    }

    @Test
    void refusesASoundFrameOfAnotherVersionOrWithEncryptionInsteadOfDiscardingIt() {
        byte[] current = soundFrame(1, 0);
        assertThat(EntryFrame.findDamage(MAGIC, current, current.length)).isNull();
        EntryFrame.requireSupported(current, dir, 64, 0x2A);
        byte[] newer = soundFrame(2, 0);
        assertThat(EntryFrame.findDamage(MAGIC, newer, newer.length)).as("sound, so not damage").isNull();
        assertThatThrownBy(() -> EntryFrame.requireSupported(newer, dir, 64, 0x2A))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("unsupported entry: formatVersion=2, encryption=0, supported formatVersion=1")
                .hasMessageContaining("index=42");
        assertThatThrownBy(() -> EntryFrame.requireSupported(soundFrame(1, 1), dir, 64, 0))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("unsupported entry: formatVersion=1, encryption=1");
    }

    @Test
    void aQueueEndingInAnEntryOfANewerVersionIsRefusedNotTruncated() {
        long newerIndex;
        try (ChronicleQueue raw = ChronicleQueue.singleBuilder(dir).build(); ExcerptAppender appender = raw.createAppender()) {
            appender.writeBytes(b -> b.write(EntryFrame.encode(MAGIC, 1, utf8("one"))));
            appender.writeBytes(b -> b.write(soundFrame(2, 0)));
            newerIndex = appender.lastIndexAppended();
        }

        assertThatThrownBy(this::replayBodies)
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("unsupported entry: formatVersion=2");
        try (FramedQueue queue = open()) {
            assertThat(queue.lastIndex()).as("nothing was cut").isEqualTo(newerIndex);
        }
        assertThatThrownBy(this::replayBodies).as("still refused on the next open").isInstanceOf(CorruptionException.class);
    }

    @Test
    void aSecondQueueOnTheSameDirectoryIsRefusedUntilTheFirstCloses() {
        FramedQueue first = open();
        assertThatThrownBy(this::open)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot open queue: dir=" + dir + ", in use by another journal or process (lockFile="
                        + dir.resolve(DirectoryLock.FILE_NAME) + ")");
        first.close();
        open().close();
    }

    @Test
    void refusesABodyAboveTheLimitWithoutWriting() {
        try (FramedQueue queue = open()) {
            assertThatThrownBy(() -> queue.append(1, new byte[EntryFrame.MAX_BODY_BYTES + 1]))
                    .isInstanceOf(RejectedEntryException.class)
                    .hasMessageContaining("cannot append entry: dir=" + dir + ", type=1, bodyBytes=8388609");
            assertThat(queue.lastIndex()).isEqualTo(FramedQueue.NO_INDEX);
        }
        assertThat(replayBodies()).isEmpty();
    }

    @Test
    void aDamagedTailIsSkippedAndCutSoLaterAppendsKeepTheQueueOpenable() throws Exception {
        try (FramedQueue queue = open()) {
            queue.append(1, utf8("one"));
            queue.append(1, utf8("two-DAMAGED"));
        }
        QueueFiles.flipByteOf(dir, "two-DAMAGED");

        assertThat(replayBodies()).containsExactly("one");

        try (FramedQueue queue = open()) {
            queue.append(1, utf8("three"));
        }
        assertThat(replayBodies()).containsExactly("one", "three");
    }

    @Test
    void aDamagedEntryFollowedByGoodOnesFailsTheReplay() throws Exception {
        long damaged;
        long next;
        try (FramedQueue queue = open()) {
            queue.append(1, utf8("one"));
            damaged = queue.append(1, utf8("two-DAMAGED"));
            next = queue.append(1, utf8("three"));
        }
        QueueFiles.flipByteOf(dir, "two-DAMAGED");

        assertThatThrownBy(this::replayBodies)
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("damaged entry followed by intact entries")
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("index=" + damaged)
                .hasMessageContaining("nextIntactIndex=" + next)
                .satisfies(e -> {
                    CorruptionException corruption = (CorruptionException) e;
                    assertThat(corruption.file().getParent()).isEqualTo(dir);
                    assertThat(corruption.file().getFileName().toString()).endsWith(".cq4");
                    assertThat(frameMagicAt(corruption.file(), corruption.offset())).isEqualTo(MAGIC);
                });
    }
}
