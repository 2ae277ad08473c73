package io.tidemark.storage.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An append that fails because Chronicle cannot create the next cycle file (here: the queue
 * directory replaced by a regular file when the clock crosses into a new day) leaves the queue
 * usable once the cause is gone: the write lock is not left held and nothing partial is replayed.
 */
class FramedQueueAppendFailureTest {

    /** "TMTF": a magic of its own, so nothing here depends on a real user's. */
    private static final int MAGIC = 0x46544D54;

    @TempDir
    Path root;

    private final SetTimeProvider clock = new SetTimeProvider("2026-11-25T10:00:00");

    private Path dir() {
        return root.resolve("queue");
    }

    private FramedQueue open() {
        return open(false);
    }

    private FramedQueue open(boolean durable) {
        return FramedQueue.open(dir(), new QueueSettings(MAGIC, RollCycles.FAST_DAILY, clock, durable, FileIo.DEFAULT));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> replayBodies(FramedQueue queue) {
        List<String> bodies = new ArrayList<>();
        queue.replay(FramedQueue.NO_INDEX, f -> bodies.add(new String(f.copyBody(), StandardCharsets.UTF_8)));
        return bodies;
    }

    /** Moves the queue directory aside and puts a regular file in its place, so no cycle file can be created. */
    private Path replaceDirectoryWithFile() throws IOException {
        Path aside = root.resolve("queue.aside");
        Files.move(dir(), aside);
        Files.writeString(dir(), "not a directory");
        return aside;
    }

    private void restoreDirectory(Path aside) throws IOException {
        Files.delete(dir());
        Files.move(aside, dir());
    }

    /** Appends "lost" on the next day with the directory replaced; the append must fail naming the directory. */
    private void failAppendOnNextDay(FramedQueue queue) throws IOException {
        Path aside = replaceDirectoryWithFile();
        clock.advanceMillis(TimeUnit.DAYS.toMillis(1));
        assertThatThrownBy(() -> queue.append(1, utf8("lost")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot append entry")
                .hasMessageContaining("dir=" + dir());
        restoreDirectory(aside);
    }

    @Test
    void theNextAppendSucceedsOnceTheDirectoryIsBackAndTheFailedOneLeavesNothing() throws IOException {
        try (FramedQueue queue = open()) {
            queue.append(1, utf8("before"));
            failAppendOnNextDay(queue);

            long after = queue.append(1, utf8("after"));

            assertThat(queue.read(after).copyBody()).isEqualTo(utf8("after"));
            assertThat(replayBodies(queue)).containsExactly("before", "after");
        }
        try (FramedQueue reopened = open()) {
            assertThat(replayBodies(reopened)).containsExactly("before", "after");
            reopened.append(1, utf8("later"));
            assertThat(replayBodies(reopened)).containsExactly("before", "after", "later");
        }
    }

    @Test
    void aQueueReopenedInTheSameProcessAfterTheFailureCanAppend() throws IOException {
        FramedQueue queue = open();
        queue.append(1, utf8("before"));
        failAppendOnNextDay(queue);
        queue.close();

        try (FramedQueue reopened = open()) {
            reopened.append(1, utf8("after"));
            assertThat(replayBodies(reopened)).containsExactly("before", "after");
        }
    }

    @Test
    void aDurableQueueSyncsTheEntriesAfterTheFailureAndClosesCleanly() throws IOException {
        try (FramedQueue queue = open(true)) {
            queue.append(1, utf8("before"));
            queue.sync();
            failAppendOnNextDay(queue);

            long after = queue.append(1, utf8("after"));
            queue.sync();

            assertThat(queue.syncedIndex()).isEqualTo(after);
        }
        try (FramedQueue reopened = open(true)) {
            assertThat(replayBodies(reopened)).containsExactly("before", "after");
        }
    }

    @Test
    void aQueueClosedWhileTheCauseLastsClosesAndReopensOnceItIsGone() throws IOException {
        FramedQueue queue = open(true);
        queue.append(1, utf8("before"));
        Path aside = replaceDirectoryWithFile();
        clock.advanceMillis(TimeUnit.DAYS.toMillis(1));
        assertThatThrownBy(() -> queue.append(1, utf8("lost"))).isInstanceOf(UncheckedIOException.class);
        queue.close();
        restoreDirectory(aside);

        try (FramedQueue reopened = open(true)) {
            reopened.append(1, utf8("after"));
            assertThat(replayBodies(reopened)).containsExactly("before", "after");
        }
    }

    @Test
    void repeatedFailuresKeepFailingCleanlyAndTheQueueRecovers() throws IOException {
        try (FramedQueue queue = open()) {
            queue.append(1, utf8("before"));
            Path aside = replaceDirectoryWithFile();
            clock.advanceMillis(TimeUnit.DAYS.toMillis(1));
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThatThrownBy(() -> queue.append(1, utf8("lost")))
                        .isInstanceOf(UncheckedIOException.class)
                        .hasMessageContaining("dir=" + dir());
            }
            restoreDirectory(aside);

            queue.append(1, utf8("after"));
            assertThat(replayBodies(queue)).containsExactly("before", "after");
        }
    }
}
