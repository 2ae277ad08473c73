package io.tidemark.engine.shard;

import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.shard.checkpoint.CheckpointSettings;
import io.tidemark.engine.tier.MagneticReader;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.journal.FsyncPolicy;
import io.tidemark.storage.journal.JournalOptions;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.journal.WriteBatchSerializer;
import io.tidemark.storage.serialization.KryoPool;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.openhft.chronicle.queue.RollCycles;

/**
 * What {@link SeriesShard} does with its journal, memory store and checkpoints, without the actor:
 * check, journal, apply; journal a migration mark, then apply it; checkpoint after a commit.
 * {@link #reference} is the same without any file, the never-restarted store answers are compared with.
 */
final class CheckpointedShard {

    static final int SEAL_POINTS = 8;
    static final Duration SEAL_SPAN = Duration.ofSeconds(60);

    final MemoryStore store;
    private final DuplicateChecker checker;
    /** Null for the reference. */
    final ShardStorage storage;
    final long replayed;
    private long nextIndex;

    private CheckpointedShard(MemoryStore store, MagneticReader magnetic, ShardStorage.Recovered recovered) {
        this.store = store;
        this.checker = new DuplicateChecker(store, magnetic);
        this.storage = recovered == null ? null : recovered.storage();
        this.replayed = recovered == null ? 0 : recovered.replayedEntries();
    }

    static MemoryStore newStore() {
        return new MemoryStore(TestRows.TABLE, SEAL_POINTS, SEAL_SPAN.toNanos(), new EngineMeters().table(TestRows.TABLE));
    }

    static CheckpointedShard reference(MagneticReader magnetic) {
        return new CheckpointedShard(newStore(), magnetic, null);
    }

    static Path journalDir(Path dataDir) {
        return ShardJournal.directory(dataDir, TestRows.TABLE, 0);
    }

    /** Opens (recovers) the shard in {@code dataDir}, its files accessed through {@code io}. */
    static CheckpointedShard open(Path dataDir, FileIo io, MagneticReader magnetic) {
        MemoryStore store = newStore();
        JournalOptions options = new JournalOptions(RollCycles.FAST_DAILY, FsyncPolicy.os(), () -> 0L, io);
        ShardStorage.Recovered recovered = ShardStorage.open(journalDir(dataDir), options,
                WriteBatchSerializer.register(KryoPool.builder()).build(), true,
                new CheckpointSettings(true, 1L << 40, Duration.ofDays(1), 0.5), store);
        return new CheckpointedShard(store, magnetic, recovered);
    }

    ShardWriteResult write(WriteBatch batch) {
        CheckedBatch checked = checker.check(batch);
        if (checked.toStore() != null) {
            long index = storage == null ? nextIndex++ : storage.journal().append(checked.toStore());
            store.apply(checked.toStore(), index);
        }
        return new ShardWriteResult(checked.rejections());
    }

    void freeze(long migrationId, long cutoffNanos) {
        if (storage != null) {
            storage.journal().appendMigrationFrozen(migrationId, cutoffNanos);
        }
        store.freeze(migrationId, cutoffNanos);
    }

    void commit(long migrationId) throws IOException {
        if (storage != null) {
            storage.journal().appendMigrationCommitted(migrationId);
        }
        store.commit(migrationId);
        if (storage != null) {
            storage.checkpoint(store);
        }
    }

    void checkpoint() throws IOException {
        storage.checkpoint(store);
    }

    /** Closes the files without a checkpoint: what a crash leaves, but for the page cache. */
    void close() {
        if (storage != null) {
            storage.close();
        }
        store.release();
    }

    /**
     * Everything a reader or a writer can observe: per series the current rows (merged, highest
     * version wins), the frozen rows of the pending migration and the migration state.
     */
    String answers() {
        Map<String, String> out = new TreeMap<>();
        for (SeriesChunks series : store.scan(Long.MIN_VALUE, Long.MAX_VALUE)) {
            out.put("rows " + series.series(), rows(series.chunks()));
        }
        FrozenChunks frozen = store.frozen();
        for (SeriesChunks series : frozen.series()) {
            out.put("frozen " + series.series(), rows(series.chunks()));
        }
        return out + " " + store.migrationState() + " pending=" + frozen.migrationId() + "/" + frozen.cutoffNanos();
    }

    private static String rows(List<SealedChunk> chunks) {
        ChunkRows rows = new ChunkRows(SealedChunk.merge(new ArrayList<>(chunks)));
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.count(); r++) {
            out.append((rows.timeAt(r) - TestRows.T0) / TestRows.SECOND).append(" v").append(rows.versionAt(r));
            for (int c = 0; c < rows.columnCount(); c++) {
                if (rows.isPresent(c, r)) {
                    out.append(' ').append(rows.columnName(c)).append('=');
                    switch (rows.columnType(c)) {
                        case DOUBLE:
                            out.append(rows.doubleAt(c, r));
                            break;
                        case BIGINT:
                            out.append(rows.longAt(c, r));
                            break;
                        default:
                            out.append(rows.varcharAt(c, r));
                    }
                }
            }
            out.append("; ");
        }
        return out.toString();
    }
}
