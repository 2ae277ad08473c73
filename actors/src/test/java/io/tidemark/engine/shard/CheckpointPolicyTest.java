package io.tidemark.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.shard.TestRows.Doubles;
import io.tidemark.engine.shard.checkpoint.CheckpointSettings;
import io.tidemark.storage.checkpoint.CheckpointLayout;
import io.tidemark.storage.checkpoint.CheckpointManifest;
import io.tidemark.storage.checkpoint.ChunkKind;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.journal.FsyncPolicy;
import io.tidemark.storage.journal.JournalOptions;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.journal.WriteBatchSerializer;
import io.tidemark.storage.serialization.KryoPool;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a shard checkpoints ({@link ShardStorage#checkpointDue}: after journal-bytes of journal, or
 * after as many bytes as the last checkpoint encoded and wrote) and what a checkpoint writes
 * again. Real journal and checkpoint files, driven as the shard drives them: journal, apply, and
 * checkpoint whenever one is due.
 */
class CheckpointPolicyTest {

    private static final long JOURNAL_BYTES = 16 << 10;
    /** What a checkpoint encodes per row of an open chunk of one double column: time, version, value, presence. */
    private static final long RAW_BYTES_PER_ROW = 16 + 9;

    @TempDir
    Path dataDir;

    private MemoryStore store;
    private ShardStorage storage;

    private void open(int sealPoints, Duration sealSpan) {
        store = new MemoryStore(TestRows.TABLE, sealPoints, sealSpan.toNanos(), new EngineMeters().table(TestRows.TABLE));
        JournalOptions options = new JournalOptions(RollCycles.FAST_DAILY, FsyncPolicy.os(), () -> 0L, FileIo.DEFAULT);
        storage = ShardStorage.open(CheckpointedShard.journalDir(dataDir), options,
                WriteBatchSerializer.register(KryoPool.builder()).build(), true,
                new CheckpointSettings(true, JOURNAL_BYTES, Duration.ofDays(1), 0.5), store).storage();
    }

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
        }
    }

    /** Journals and applies one row per series {@code h0..h<series-1>} at {@code second}. */
    private void writeRound(int series, long second) {
        Doubles rows = new Doubles();
        for (int s = 0; s < series; s++) {
            rows.add("h" + s, second, 1, second % 10 + s);
        }
        WriteBatch batch = rows.build();
        store.apply(batch, storage.journal().append(batch));
    }

    /** A checkpoint the policy took: the journal bytes since the previous one, and the rounds written by then. */
    private record Taken(long journalBytes, int rounds) {
    }

    /** Writes {@code rounds} rounds, checkpointing whenever one is due, as the shard does after each write. */
    private List<Taken> writeCheckpointingWhenDue(int series, int rounds) throws IOException {
        List<Taken> taken = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            writeRound(series, round);
            if (storage.checkpointDue()) {
                // the journal is started afresh after each checkpoint: its bytes are those since the last
                taken.add(new Taken(storage.journal().appendedBytes(), round + 1));
                storage.checkpoint(store);
            }
        }
        return taken;
    }

    @Test
    void aSmallStoreCheckpointsOnceTheJournalHasGrownByJournalBytes() throws IOException {
        open(100, Duration.ofDays(1));
        long roundBytes = journalBytesOfOneRound(1);
        List<Taken> taken = writeCheckpointingWhenDue(1, 3_000);

        assertThat(taken).hasSizeGreaterThanOrEqualTo(3);
        assertThat(taken).allSatisfy(t -> assertThat(t.journalBytes())
                .as("its checkpoints encode and write less than journal-bytes")
                .isBetween(JOURNAL_BYTES, JOURNAL_BYTES + roundBytes));
    }

    @Test
    void aBigStoreCheckpointsLessOftenPerJournalByteSoCheckpointWorkStaysProportionalToWrites() throws IOException {
        int series = 200;
        open(100_000, Duration.ofDays(1));
        List<Taken> taken = writeCheckpointingWhenDue(series, 300);

        long journal = 0;
        long encoded = 0;
        long previousOpen = 0;
        for (Taken t : taken) {
            assertThat(t.journalBytes()).as("the journal grows by what the last checkpoint encoded before the next")
                    .isGreaterThanOrEqualTo(Math.max(JOURNAL_BYTES, previousOpen));
            // every series took points since, so the checkpoint encodes every open chunk whole
            previousOpen = (long) series * t.rounds() * RAW_BYTES_PER_ROW;
            encoded += previousOpen;
            journal += t.journalBytes();
        }
        assertThat(taken).hasSizeGreaterThanOrEqualTo(3);
        assertThat(taken.get(taken.size() - 1).journalBytes()).as("far past journal-bytes").isGreaterThan(
                8 * JOURNAL_BYTES);
        assertThat(encoded).as("open chunks encoded in all, against %s journal bytes", journal)
                .isLessThanOrEqualTo(3 * journal);
    }

    @Test
    void aCheckpointWritesOnlyWhatChangedAndKeepsSealedChunksWhereTheyAre() throws IOException {
        open(1_000, Duration.ofMinutes(1));
        int series = 20;
        // a small sealed chunk per series (its span closed), then open chunks several times its size
        for (long second = 0; second < 4; second++) {
            writeRound(series, second);
        }
        for (long second = 100; second < 150; second++) {
            writeRound(series, second);
        }
        storage.checkpoint(store);
        CheckpointManifest first = manifest(1);
        for (int round = 0; round < 4; round++) {
            writeRound(series, 150 + round);
            storage.checkpoint(store);
        }
        CheckpointManifest last = manifest(5);

        assertThat(sealedLocations(last)).as("sealed chunks stay in the first checkpoint's file, never rewritten")
                .isEqualTo(sealedLocations(first)).hasSize(series);
        assertThat(last.files()).as("the sealed chunks' file and the newest open chunks' file").hasSize(2);
        assertThat(last.files().get(1).fileId()).as("one file per checkpoint holds the open chunks")
                .isEqualTo(first.files().get(1).fileId() + 4);
    }

    private long journalBytesOfOneRound(int series) {
        long before = storage.journal().appendedBytes();
        writeRound(series, -1);
        return storage.journal().appendedBytes() - before;
    }

    private CheckpointManifest manifest(long generation) throws IOException {
        return CheckpointManifest.read(FileIo.DEFAULT,
                CheckpointLayout.manifestFile(storage.checkpointDirectory(), generation));
    }

    /** Per sealed chunk: the id of the file holding it and its offset there. */
    private static List<String> sealedLocations(CheckpointManifest manifest) {
        List<String> out = new ArrayList<>();
        for (CheckpointManifest.SeriesEntry series : manifest.series()) {
            for (CheckpointManifest.ChunkRef ref : series.chunks()) {
                if (ref.kind() == ChunkKind.SEALED) {
                    out.add(series.key() + "@" + manifest.files().get(ref.file()).fileId() + ":" + ref.offset());
                }
            }
        }
        out.sort(null);
        return out;
    }
}
