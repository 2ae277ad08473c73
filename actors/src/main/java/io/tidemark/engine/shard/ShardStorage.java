package io.tidemark.engine.shard;

import io.tidemark.engine.shard.checkpoint.CheckpointSettings;
import io.tidemark.engine.shard.checkpoint.ShardCheckpoints;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.checkpoint.CheckpointLayout;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.journal.JournalOptions;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.storage.serialization.KryoPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A series shard's files: its journal and the checkpoints of its memory store
 * ({@link ShardCheckpoints}). Recovery loads the newest intact checkpoint and replays the journal
 * entries after the sequence number it covers; that gives the state a replay of the whole journal
 * gives.
 *
 * <p>A checkpoint covers every entry of the journal (it is taken on the shard's thread, between
 * entries), so once it is durable the journal is deleted and started afresh, continuing the
 * sequence numbers. A crash at any step leaves either the previous checkpoint and the whole
 * journal, or the new checkpoint and a journal whose entries it covers (skipped on replay, the
 * journal then started afresh).
 *
 * <p>Without checkpointing (a replicated shard: its replicas' copies of the journal are what a new
 * owner catches up from) a checkpoint already on disk is still loaded, and the journal is never
 * released past it.
 */
final class ShardStorage {

    private final Path journalDir;
    private final JournalOptions options;
    private final KryoPool kryo;
    private final FileIo io;
    private final boolean checkpointing;
    private final CheckpointSettings settings;
    private final ShardCheckpoints checkpoints;
    private ShardJournal journal;

    private ShardStorage(Path journalDir, JournalOptions options, KryoPool kryo, boolean checkpointing,
                         CheckpointSettings settings) {
        this.journalDir = journalDir;
        this.options = options;
        this.kryo = kryo;
        this.io = options.fileIo();
        this.checkpointing = checkpointing;
        this.settings = settings;
        this.checkpoints = ShardCheckpoints.open(io, CheckpointLayout.directory(journalDir.getParent()),
                settings.compactBelow());
    }

    /** What {@link #open} recovered. */
    record Recovered(ShardStorage storage, long replayedEntries, long coveredSequence) {
    }

    /**
     * Opens the journal in {@code journalDir}, loads the newest checkpoint into the empty
     * {@code store} and replays the journal after it into {@code store} ({@link MemoryStore#journalReplay}).
     *
     * @param checkpointing whether this shard writes checkpoints
     * @throws CorruptionException if the journal does not continue the loaded checkpoint, or a
     *     checkpoint exists and none is intact while the journal does not start at its first entry
     */
    static Recovered open(Path journalDir, JournalOptions options, KryoPool kryo, boolean checkpointing,
                          CheckpointSettings settings, MemoryStore store) {
        ShardJournal.EntryVisitor replay = store.journalReplay();
        ShardStorage storage = new ShardStorage(journalDir, options, kryo, checkpointing, settings);
        storage.journal = ShardJournal.open(journalDir, options, kryo);
        try {
            // restored chunks need no journal entry; NO_INDEX keeps the release after a migration commit
            // (used when not checkpointing) from passing the checkpoint
            long covered = storage.checkpoints.load(store, ShardJournal.NO_INDEX);
            ShardJournal journal = storage.journal;
            if (covered == ShardCheckpoints.NONE) {
                // a checkpoint was written, so the journal was started afresh after it unless it still
                // begins at the shard's first entry
                if (storage.checkpoints.foundManifest() && (journal.lastSequence() == ShardJournal.NO_SEQUENCE
                        || journal.firstSequence() != 1)) {
                    throw new CorruptionException(storage.checkpoints.directory(), 0, "no intact checkpoint, and the"
                            + " journal does not start at the shard's first entry: firstSequence="
                            + journal.firstSequence() + ", lastSequence=" + journal.lastSequence());
                }
                return new Recovered(storage, journal.replayEntries(ShardJournal.NO_INDEX, replay), covered);
            }
            if (journal.lastSequence() <= covered) {
                storage.restartJournal(covered);
                return new Recovered(storage, 0, covered);
            }
            return new Recovered(storage, journal.replayEntriesAfterSequence(covered, replay), covered);
        } catch (IOException e) {
            storage.journal.close();
            throw new UncheckedIOException("cannot load checkpoint: dir=" + storage.checkpoints.directory(), e);
        } catch (RuntimeException e) {
            storage.journal.close();
            throw e;
        }
    }

    /** The journal; another instance after each checkpoint. */
    ShardJournal journal() {
        return journal;
    }

    boolean checkpointing() {
        return checkpointing;
    }

    /** Whether a checkpoint exists: then nothing but a checkpoint may release journal entries. */
    boolean hasCheckpoint() {
        return checkpoints.exists();
    }

    /** Whether the journal holds entries the last checkpoint does not cover. */
    boolean journalAhead() {
        return journal.lastSequence() > checkpoints.coveredSequence();
    }

    /** Whether the journal has grown enough since it was started (or opened) to checkpoint now. */
    boolean checkpointDue() {
        return checkpointing && journal.appendedBytes() >= settings.journalBytes();
    }

    /**
     * Checkpoints {@code store}, which holds exactly the journal's entries, then starts the journal
     * afresh. Does nothing when the journal holds nothing new.
     *
     * @throws IOException if the checkpoint cannot be written; the journal is untouched then
     * @throws UncheckedIOException if the journal cannot be started afresh (the checkpoint stands;
     *     the shard must restart, and recovery finishes the job)
     */
    void checkpoint(MemoryStore store) throws IOException {
        if (!journalAhead()) {
            return;
        }
        long covered = journal.lastSequence();
        checkpoints.write(store, covered);
        restartJournal(covered);
    }

    private void restartJournal(long covered) {
        journal.close();
        ShardFiles.deleteTree(io, journalDir);
        journal = ShardJournal.open(journalDir, options, kryo);
        journal.continueAfterSequence(covered);
    }

    void close() {
        journal.close();
    }
}
