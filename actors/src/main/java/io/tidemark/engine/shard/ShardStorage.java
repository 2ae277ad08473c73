package io.tidemark.engine.shard;

import io.tidemark.engine.shard.checkpoint.CheckpointSettings;
import io.tidemark.engine.shard.checkpoint.CheckpointTakenOverException;
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
 * <p>A replicated shard ({@link #openReplicated}) checkpoints to a directory every node reaches,
 * so its next owner loads the checkpoint wherever it starts. Its journal is not started afresh
 * (the copies on other nodes compare their last entries with it, and a new owner's catch-up reads
 * the entries after the checkpoint from them): once the checkpoint is durable the journal releases
 * the cycles the checkpoint covers, and the shard has its replicas release the same
 * ({@code releaseBeforeSequence}). Recovery there loads the newest checkpoint; a journal copy
 * that ends before the checkpoint's sequence is started afresh after it, one that ends at or after
 * it is kept and its later entries replayed, and one with a gap after the checkpoint is refused
 * (CorruptionException, never served).
 *
 * <p>When to checkpoint ({@link #checkpointDue}): once the journal has grown by
 * {@code journal-bytes}, or by the last checkpoint's work when that is more (the open chunks it
 * encoded and the bytes it wrote, {@link ShardCheckpoints#write}). A checkpoint re-encodes every
 * open chunk that took points and rewrites the manifest of every chunk, work that grows with the
 * store rather than with what was written; waiting for as many journal bytes keeps that work at
 * most about one byte per journal byte however big the store, and bounds what a restart replays
 * by {@code journal-bytes} or about the store's open data, whichever is more.
 *
 * <p>Without checkpointing a checkpoint already on disk is still loaded, and the journal is never
 * released past it.
 */
final class ShardStorage {

    private final Path journalDir;
    private final JournalOptions options;
    private final KryoPool kryo;
    private final FileIo io;
    private final boolean checkpointing;
    private final boolean replicated;
    private final CheckpointSettings settings;
    private final ShardCheckpoints checkpoints;
    private ShardJournal journal;
    /** The journal's {@link ShardJournal#appendedBytes()} when it was last checkpointed (or opened). */
    private long appendedAtCheckpoint;
    /** How much the journal grows before the next checkpoint is due: journal-bytes or the last checkpoint's work. */
    private long dueAfterBytes;

    private ShardStorage(Path journalDir, Path checkpointDir, boolean replicated, JournalOptions options, KryoPool kryo,
                         boolean checkpointing, CheckpointSettings settings) {
        this.journalDir = journalDir;
        this.options = options;
        this.kryo = kryo;
        this.io = options.fileIo();
        this.checkpointing = checkpointing;
        this.replicated = replicated;
        this.settings = settings;
        this.dueAfterBytes = settings.journalBytes();
        this.checkpoints = ShardCheckpoints.open(io, checkpointDir, settings.compactBelow(), replicated);
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
        return open(new ShardStorage(journalDir, CheckpointLayout.directory(journalDir.getParent()), false, options,
                kryo, checkpointing, settings), store);
    }

    /**
     * Opens a replicated shard's journal copy in {@code journalDir} and recovers as {@link #open}
     * does, from the checkpoints in {@code checkpointDir} (on storage every node reaches, fenced
     * against the shard's other owners: {@link ShardCheckpoints}).
     */
    static Recovered openReplicated(Path journalDir, Path checkpointDir, JournalOptions options, KryoPool kryo,
                                    boolean checkpointing, CheckpointSettings settings, MemoryStore store) {
        return open(new ShardStorage(journalDir, checkpointDir, true, options, kryo, checkpointing, settings), store);
    }

    private static Recovered open(ShardStorage storage, MemoryStore store) {
        ShardJournal.EntryVisitor replay = store.journalReplay();
        storage.journal = ShardJournal.open(storage.journalDir, storage.options, storage.kryo);
        try {
            // restored chunks need no journal entry; NO_INDEX keeps the release after a migration commit
            // (used when not checkpointing) from passing the checkpoint
            long covered = storage.checkpoints.load(store, ShardJournal.NO_INDEX);
            ShardJournal journal = storage.journal;
            if (!storage.checkpoints.exists()) {
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
            // a replicated copy ending exactly at the checkpoint is kept: its last entry is what the
            // other copies and the catch-up compare with
            if (journal.lastSequence() < covered || (!storage.replicated && journal.lastSequence() == covered)) {
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

    /**
     * Whether the journal has grown enough since the last checkpoint (or since it was opened) to
     * checkpoint now: by journal-bytes, or by the last checkpoint's work when that is more.
     */
    boolean checkpointDue() {
        return checkpointing && journal.appendedBytes() - appendedAtCheckpoint >= dueAfterBytes;
    }

    /**
     * Checkpoints {@code store}, which holds exactly the journal's entries, then starts the journal
     * afresh, or, replicated, releases the journal cycles the checkpoint covers. Does nothing when
     * the journal holds nothing new.
     *
     * @return the sequence number the checkpoint covers (the journal's last), or
     *     {@link ShardJournal#NO_SEQUENCE} when nothing was written
     * @throws IOException if the checkpoint cannot be written; the journal is untouched then
     * @throws CheckpointTakenOverException if another owner of a replicated shard has checkpointed since
     * @throws UncheckedIOException if the journal cannot be started afresh (the checkpoint stands;
     *     the shard must restart, and recovery finishes the job)
     */
    long checkpoint(MemoryStore store) throws IOException {
        if (!journalAhead()) {
            return ShardJournal.NO_SEQUENCE;
        }
        return writeCheckpoint(store);
    }

    /**
     * A replicated shard that has caught up, before it serves: checkpoints {@code store} even when
     * the journal holds nothing new, so an earlier owner still running somewhere finds a checkpoint
     * it did not write and stops writing checkpoints ({@link ShardCheckpoints}).
     *
     * @return the sequence number the checkpoint covers
     * @throws IOException if the checkpoint cannot be written
     * @throws CheckpointTakenOverException if another owner has checkpointed since this one loaded
     */
    long claim(MemoryStore store) throws IOException {
        return writeCheckpoint(store);
    }

    private long writeCheckpoint(MemoryStore store) throws IOException {
        long covered = journal.lastSequence();
        long work = checkpoints.write(store, covered);
        dueAfterBytes = Math.max(settings.journalBytes(), work);
        appendedAtCheckpoint = journal.appendedBytes();
        if (replicated) {
            // the current cycle stays: the copies match their ends against its last entry
            journal.releaseBeforeSequence(covered + 1);
        } else {
            restartJournal(covered);
        }
        return covered;
    }

    private void restartJournal(long covered) {
        journal.close();
        ShardFiles.deleteTree(io, journalDir);
        journal = ShardJournal.open(journalDir, options, kryo);
        journal.continueAfterSequence(covered);
        appendedAtCheckpoint = 0;
    }

    /** Where the checkpoints are. */
    Path checkpointDirectory() {
        return checkpoints.directory();
    }

    void close() {
        journal.close();
    }
}
