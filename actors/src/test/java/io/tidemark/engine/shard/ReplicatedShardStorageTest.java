package io.tidemark.engine.shard;

import static io.tidemark.engine.shard.TestRows.points;
import static io.tidemark.engine.shard.TestRows.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.shard.checkpoint.CheckpointSettings;
import io.tidemark.engine.shard.checkpoint.CheckpointTakenOverException;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.checkpoint.CheckpointLayout;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.journal.FsyncPolicy;
import io.tidemark.storage.journal.JournalEntry;
import io.tidemark.storage.journal.JournalOptions;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.storage.journal.WriteBatchSerializer;
import io.tidemark.storage.serialization.KryoPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replicated shard's storage on real files: checkpoints in a directory several nodes share,
 * journal cycles released (not the journal restarted) once a checkpoint covers them, and recovery
 * on a node whose copy of the journal ends after, at or before the checkpoint, or has a gap after
 * it. The crash steps: a checkpoint written whose release no copy received, a copy that missed
 * the release, a checkpoint newer than a copy's tail.
 */
class ReplicatedShardStorageTest {

    private static final long HOUR_MILLIS = 3_600_000L;
    private static final CheckpointSettings SETTINGS = new CheckpointSettings(true, true, 1, Duration.ofDays(1), 0.5);

    @TempDir
    Path root;

    private final AtomicLong clock = new AtomicLong(0);
    private final List<ShardStorage> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(ShardStorage::close);
    }

    private JournalOptions options() {
        return new JournalOptions(RollCycles.FAST_HOURLY, FsyncPolicy.os(), clock::get, FileIo.DEFAULT);
    }

    private static KryoPool kryo() {
        return WriteBatchSerializer.register(KryoPool.builder()).build();
    }

    private Path journalDir(String node) {
        return ShardJournal.directory(root.resolve(node), TestRows.TABLE, 0);
    }

    private Path sharedCheckpoints() {
        return root.resolve("shared").resolve("checkpoints").resolve(TestRows.TABLE).resolve("0");
    }

    private ShardStorage.Recovered open(String node, MemoryStore store) {
        ShardStorage.Recovered recovered = ShardStorage.openReplicated(journalDir(node), sharedCheckpoints(), options(),
                kryo(), true, SETTINGS, store);
        opened.add(recovered.storage());
        return recovered;
    }

    private static void write(ShardStorage storage, MemoryStore store, int second) {
        long index = storage.journal().append(new TestRows.Doubles().add("h", second, 1, second).build());
        store.apply(new TestRows.Doubles().add("h", second, 1, second).build(), index);
    }

    private static List<Long> seconds(MemoryStore store) {
        return new ArrayList<>(points(store.scan(Long.MIN_VALUE, Long.MAX_VALUE), series("h")).keySet());
    }

    private static long cycleFiles(Path journalDir) throws IOException {
        try (Stream<Path> files = Files.list(journalDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).count();
        }
    }

    /** A copy of the first node's journal on {@code node}, as its replica keeper would hold it. */
    private void copyJournal(ShardJournal from, String node, long fromSequence, long toSequence) {
        try (ShardJournal copy = ShardJournal.open(journalDir(node), options(), kryo())) {
            for (JournalEntry entry : from.readFirst(1000, 1 << 24).entries()) {
                if (entry.sequence() >= fromSequence && entry.sequence() <= toSequence) {
                    copy.appendReplicated(entry);
                }
            }
            copy.sync();
        }
    }

    @Test
    void aCheckpointReleasesTheCyclesItCoversAndKeepsTheJournalsLastEntry() throws IOException {
        MemoryStore store = CheckpointedShard.newStore();
        ShardStorage storage = open("a", store).storage();
        for (int second = 0; second < 3; second++) {
            write(storage, store, second);
        }
        clock.addAndGet(HOUR_MILLIS);
        write(storage, store, 3);
        int lastChecksum = storage.journal().lastChecksum();
        assertThat(cycleFiles(journalDir("a"))).isEqualTo(2);
        assertThat(storage.checkpointDue()).as("journal-bytes = 1").isTrue();

        assertThat(storage.checkpoint(store)).as("covers the journal's last entry").isEqualTo(4);
        assertThat(CheckpointLayout.manifestFile(sharedCheckpoints(), 1)).as("on the shared root").exists();
        assertThat(cycleFiles(journalDir("a"))).as("the first hour's cycle is released").isEqualTo(1);
        assertThat(storage.journal().firstSequence()).isEqualTo(4);
        assertThat(storage.journal().lastSequence()).isEqualTo(4);
        assertThat(storage.journal().lastChecksum()).as("the copies compare their ends with it").isEqualTo(lastChecksum);
        assertThat(storage.checkpointDue()).isFalse();
        assertThat(storage.checkpoint(store)).as("nothing new").isEqualTo(ShardJournal.NO_SEQUENCE);

        storage.close();
        opened.remove(storage);
        MemoryStore recoveredStore = CheckpointedShard.newStore();
        ShardStorage.Recovered recovered = open("a", recoveredStore);
        assertThat(recovered.coveredSequence()).isEqualTo(4);
        assertThat(recovered.replayedEntries()).isZero();
        assertThat(recovered.storage().journal().lastSequence()).as("a journal ending at the checkpoint is kept")
                .isEqualTo(4);
        assertThat(recovered.storage().journal().lastChecksum()).isEqualTo(lastChecksum);
        assertThat(seconds(recoveredStore)).containsExactly(0L, 1L, 2L, 3L);
    }

    /**
     * The primary checkpointed at entry 3 and crashed before any copy released (or a copy missed
     * the release): the new owner's copy still holds everything; it loads the checkpoint and
     * replays only the entries after it.
     */
    @Test
    void aCopyThatNeverReleasedLoadsTheCheckpointAndReplaysOnlyTheEntriesAfterIt() throws IOException {
        MemoryStore primaryStore = CheckpointedShard.newStore();
        ShardStorage primary = open("a", primaryStore).storage();
        for (int second = 0; second < 3; second++) {
            write(primary, primaryStore, second);
        }
        assertThat(primary.checkpoint(primaryStore)).isEqualTo(3);
        write(primary, primaryStore, 3);
        write(primary, primaryStore, 4);
        copyJournal(primary.journal(), "b", 1, 5);

        MemoryStore store = CheckpointedShard.newStore();
        ShardStorage.Recovered recovered = open("b", store);
        assertThat(recovered.coveredSequence()).isEqualTo(3);
        assertThat(recovered.replayedEntries()).isEqualTo(2);
        assertThat(seconds(store)).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(recovered.storage().journal().lastSequence()).isEqualTo(5);
    }

    /**
     * The new owner finds a checkpoint newer than its copy's tail (the checkpoint covered entries
     * the copy never got): it serves the checkpoint, its journal started afresh after it, holding
     * no entry, so catching up reads the entries after the checkpoint from the other copies.
     */
    @Test
    void aCopyEndingBeforeTheCheckpointIsStartedAfreshAfterIt() throws IOException {
        MemoryStore primaryStore = CheckpointedShard.newStore();
        ShardStorage primary = open("a", primaryStore).storage();
        for (int second = 0; second < 4; second++) {
            write(primary, primaryStore, second);
        }
        copyJournal(primary.journal(), "b", 1, 2);
        assertThat(primary.checkpoint(primaryStore)).isEqualTo(4);

        MemoryStore store = CheckpointedShard.newStore();
        ShardStorage.Recovered recovered = open("b", store);
        assertThat(recovered.coveredSequence()).isEqualTo(4);
        assertThat(recovered.replayedEntries()).isZero();
        assertThat(seconds(store)).containsExactly(0L, 1L, 2L, 3L);
        ShardJournal journal = recovered.storage().journal();
        assertThat(journal.lastSequence()).isEqualTo(4);
        assertThat(journal.firstSequence()).as("holds no entry, continues after the checkpoint").isEqualTo(5);
    }

    @Test
    void aCopyWithAGapAfterTheCheckpointIsRefusedNotServed() throws IOException {
        MemoryStore primaryStore = CheckpointedShard.newStore();
        ShardStorage primary = open("a", primaryStore).storage();
        for (int second = 0; second < 3; second++) {
            write(primary, primaryStore, second);
        }
        assertThat(primary.checkpoint(primaryStore)).isEqualTo(3);
        for (int second = 3; second < 6; second++) {
            write(primary, primaryStore, second);
        }
        copyJournal(primary.journal(), "b", 5, 6);

        assertThatThrownBy(() -> open("b", CheckpointedShard.newStore()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("journal does not continue the checkpoint")
                .hasMessageContaining("firstSequence=5");
    }

    /**
     * Two owners of one shard (the old one still running after the shard started elsewhere): once
     * the new one has checkpointed, the old one's next checkpoint is refused and the shared
     * directory keeps the new owner's state.
     */
    @Test
    void anOwnerThatLostTheShardCannotOverwriteItsNewOwnersCheckpoint() throws IOException {
        MemoryStore oldStore = CheckpointedShard.newStore();
        ShardStorage old = open("a", oldStore).storage();
        write(old, oldStore, 0);
        assertThat(old.checkpoint(oldStore)).isEqualTo(1);
        copyJournal(old.journal(), "b", 1, 1);

        MemoryStore newStore = CheckpointedShard.newStore();
        ShardStorage owner = open("b", newStore).storage();
        assertThat(owner.claim(newStore)).as("the new owner checkpoints before it serves").isEqualTo(1);
        write(old, oldStore, 1);

        assertThatThrownBy(() -> old.checkpoint(oldStore)).isInstanceOf(CheckpointTakenOverException.class)
                .hasMessageContaining("another owner of the shard wrote a newer checkpoint");
        write(owner, newStore, 7);
        assertThat(owner.checkpoint(newStore)).as("the owner goes on checkpointing").isEqualTo(2);

        MemoryStore reloaded = CheckpointedShard.newStore();
        open("c", reloaded);
        assertThat(seconds(reloaded)).as("the new owner's state, not the old one's").containsExactly(0L, 7L);
    }
}
