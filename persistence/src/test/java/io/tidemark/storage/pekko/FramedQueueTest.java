package io.tidemark.storage.pekko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frames in a real Chronicle Queue: round trip, every check of a frame, and damaged entries. */
class FramedQueueTest {

    private static final int MAGIC = EventLog.MAGIC;

    @TempDir
    Path dir;

    private FramedQueue open() {
        return new FramedQueue(dir, MAGIC, false, FileIo.DEFAULT);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Opens the queue and returns the bodies of the frames a scan visits, as strings. */
    private List<String> scanBodies() {
        List<String> bodies = new ArrayList<>();
        try (FramedQueue queue = open()) {
            queue.scan(f -> bodies.add(new String(f.body(), StandardCharsets.UTF_8)));
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
    void readsBackWhatWasAppendedByIndexAndByScan() {
        long second;
        try (FramedQueue queue = open()) {
            queue.scan(f -> {});
            queue.append(1, utf8("one"));
            second = queue.append(2, utf8("two"));
            FramedQueue.Frame frame = queue.read(second);
            assertThat(frame.type()).isEqualTo(2);
            assertThat(frame.index()).isEqualTo(second);
            assertThat(frame.body()).isEqualTo(utf8("two"));
        }
        List<FramedQueue.Frame> frames = new ArrayList<>();
        try (FramedQueue queue = open()) {
            queue.scan(frames::add);
        }
        assertThat(frames).extracting(FramedQueue.Frame::type).containsExactly(1, 2);
        assertThat(frames.get(1).index()).isEqualTo(second);
    }

    @Test
    void decodeRejectsAFrameThatFailsAnyCheck() {
        byte[] good = FramedQueue.encode(MAGIC, 1, utf8("body"));
        assertThat(FramedQueue.decode(MAGIC, 0, good, null, 0)).isNotNull();

        assertThat(FramedQueue.decode(SnapshotLog.MAGIC, 0, good, null, 0)).as("other magic").isNull();
        assertThat(FramedQueue.decode(MAGIC, 0, new byte[FramedQueue.HEADER_BYTES - 1], null, 0)).as("short").isNull();
        assertThat(FramedQueue.decode(MAGIC, 0, java.util.Arrays.copyOf(good, good.length - 1), null, 0)).as("truncated").isNull();
        for (int at : new int[] {0, 4, 5, 6, 7, 8, 12, 16, FramedQueue.HEADER_BYTES}) {
            byte[] damaged = good.clone();
            damaged[at] ^= 1;
            assertThat(FramedQueue.decode(MAGIC, 0, damaged, null, 0)).as("byte %d flipped", at).isNull();
        }
    }

    /** A sound frame (correct CRC) with the given version and encryption bytes. */
    private static byte[] soundFrame(int version, int encryption) {
        byte[] frame = FramedQueue.encode(MAGIC, 1, utf8("body"));
        frame[4] = (byte) version;
        frame[5] = (byte) encryption;
        CRC32C crc = new CRC32C();
        crc.update(frame, 0, 16);
        crc.update(frame, FramedQueue.HEADER_BYTES, frame.length - FramedQueue.HEADER_BYTES);
        ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(16, (int) crc.getValue());
        return frame;
    }

    @Test
    void refusesASoundFrameOfAnotherVersionOrWithEncryptionInsteadOfDiscardingIt() {
        assertThat(FramedQueue.decode(MAGIC, 0, soundFrame(1, 0), null, 0)).isNotNull();
        assertThatThrownBy(() -> FramedQueue.decode(MAGIC, 0x2A, soundFrame(2, 0), dir, 64))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("unsupported entry: formatVersion=2, encryption=0, supported formatVersion=1")
                .hasMessageContaining("queueIndex=2a");
        assertThatThrownBy(() -> FramedQueue.decode(MAGIC, 0, soundFrame(1, 1), dir, 64))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("unsupported entry: formatVersion=1, encryption=1");
    }

    @Test
    void aQueueEndingInAnEntryOfANewerVersionIsRefusedNotTruncated() {
        try (ChronicleQueue raw = ChronicleQueue.singleBuilder(dir).build(); ExcerptAppender appender = raw.createAppender()) {
            appender.writeBytes(b -> b.write(FramedQueue.encode(MAGIC, 1, utf8("one"))));
            appender.writeBytes(b -> b.write(soundFrame(2, 0)));
        }

        assertThatThrownBy(this::scanBodies)
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("unsupported entry: formatVersion=2");
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
            queue.scan(f -> {});
            assertThatThrownBy(() -> queue.append(1, new byte[FramedQueue.MAX_BODY_BYTES + 1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot append entry: dir=" + dir + ", type=1, bodyBytes=8388609");
        }
        assertThat(scanBodies()).isEmpty();
    }

    @Test
    void aDamagedTailIsSkippedAndMarkedSoLaterAppendsKeepTheQueueOpenable() throws Exception {
        try (FramedQueue queue = open()) {
            queue.scan(f -> {});
            queue.append(1, utf8("one"));
            queue.append(1, utf8("two-DAMAGED"));
        }
        PluginTestSupport.flipByteOf(dir, "two-DAMAGED");

        assertThat(scanBodies()).containsExactly("one");

        try (FramedQueue queue = open()) {
            queue.scan(f -> {});
            queue.append(1, utf8("three"));
        }
        assertThat(scanBodies()).containsExactly("one", "three");
    }

    @Test
    void aDamagedEntryFollowedByGoodOnesFailsTheOpen() throws Exception {
        long damaged;
        try (FramedQueue queue = open()) {
            queue.scan(f -> {});
            queue.append(1, utf8("one"));
            damaged = queue.append(1, utf8("two-DAMAGED"));
            queue.append(1, utf8("three"));
        }
        PluginTestSupport.flipByteOf(dir, "two-DAMAGED");

        assertThatThrownBy(this::scanBodies)
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("damaged entry followed by good entries")
                .hasMessageContaining("queueIndex=" + Long.toHexString(damaged))
                .satisfies(e -> {
                    CorruptionException corruption = (CorruptionException) e;
                    assertThat(corruption.file().getParent()).isEqualTo(dir);
                    assertThat(corruption.file().getFileName().toString()).endsWith(".cq4");
                    assertThat(frameMagicAt(corruption.file(), corruption.offset())).isEqualTo(MAGIC);
                });
    }
}
