package io.tidemark.engine.shard.checkpoint;

import io.tidemark.engine.shard.MemoryStore;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.checkpoint.CheckpointChunkFile;
import io.tidemark.storage.checkpoint.CheckpointLayout;
import io.tidemark.storage.checkpoint.CheckpointManifest;
import io.tidemark.storage.checkpoint.ChunkKind;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of one shard's memory store, in the shard's checkpoint directory
 * (<a href="../../../../../../../../../docs/formats/checkpoint.md">docs/formats/checkpoint.md</a>).
 *
 * <p>Incremental: sealed chunks are immutable, so a checkpoint writes only the chunks no earlier
 * checkpoint file holds (new sealed chunks, the parts of split chunks, open chunks that took points
 * since), plus the live chunks of files that became mostly garbage (their chunks were committed to
 * magnetic segments, or were open chunks since re-encoded); then a new manifest listing every
 * chunk. Open chunks go to a chunk file of their own, apart from the sealed and frozen ones: the
 * next checkpoint of a series that took points makes its open chunk garbage, and sharing a file
 * with it would have sealed chunks that never change rewritten by compaction, checkpoint after
 * checkpoint. The newest manifest and the one before it are kept, with every file either refers
 * to, so a damaged newest manifest falls back to the previous one (if the journal still reaches
 * back to it); everything else is deleted once the new manifest is durable.
 *
 * <p>A replicated shard's checkpoints live in a directory every node reaches, which the shard's
 * next owner (on another node) loads from and then writes to. There the checkpoints are
 * {@linkplain #open(FileIo, Path, double, boolean) fenced}: before writing, an instance checks that
 * the newest manifest in the directory is one it loaded or wrote itself, and refuses otherwise
 * (a newer owner has written since; an owner writes a checkpoint as soon as it has caught up,
 * before it serves), so a node that lost the shard never overwrites its new owner's state.
 *
 * <p>Not thread-safe: the shard actor owns it.
 */
public final class ShardCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(ShardCheckpoints.class);

    /** The sequence number a shard without a checkpoint has covered. */
    public static final long NONE = 0L;

    private record Location(long fileId, long offset, int length) {
    }

    private final FileIo io;
    private final Path dir;
    private final double compactBelow;
    private CheckpointManifest current;
    private CheckpointManifest previous;
    /** Where each chunk of the current checkpoint is, by identity: the store hands out the same objects. */
    private Map<SealedChunk, Location> located = new IdentityHashMap<>();
    private final Map<Long, Long> fileSizes = new HashMap<>();
    private long nextFileId = 1;
    private long nextGeneration = 1;
    private boolean foundManifest;
    private final boolean fenced;

    private ShardCheckpoints(FileIo io, Path dir, double compactBelow, boolean fenced) {
        this.io = io;
        this.dir = dir;
        this.compactBelow = compactBelow;
        this.fenced = fenced;
    }

    /** The checkpoints in {@code dir} (which may not exist yet); nothing is loaded until {@link #load}. */
    public static ShardCheckpoints open(FileIo io, Path dir, double compactBelow) {
        return new ShardCheckpoints(io, dir, compactBelow, false);
    }

    /**
     * The checkpoints in {@code dir}; with {@code fenced} (a directory the shard's later owners on
     * other nodes write to) {@link #write} refuses once a manifest this instance did not load or
     * write is the newest.
     */
    public static ShardCheckpoints open(FileIo io, Path dir, double compactBelow, boolean fenced) {
        return new ShardCheckpoints(io, dir, compactBelow, fenced);
    }

    public Path directory() {
        return dir;
    }

    /**
     * Loads the newest intact checkpoint into the empty {@code store}, trying older manifests when
     * a newer one or its chunk files fail their checks (logged).
     *
     * @param journalIndex the journal index restored chunks are recorded as needing (see {@link MemoryStore#restore})
     * @return the journal sequence number the loaded checkpoint covers, {@link #NONE} when none loaded
     * @throws IOException if the directory cannot be listed
     */
    public long load(MemoryStore store, long journalIndex) throws IOException {
        List<Long> generations = new ArrayList<>();
        if (io.exists(dir)) {
            for (Path file : io.list(dir, "*")) {
                long generation = CheckpointLayout.number(file, CheckpointLayout.MANIFEST_PREFIX,
                        CheckpointLayout.MANIFEST_SUFFIX);
                if (generation >= 0) {
                    generations.add(generation);
                }
                long fileId = CheckpointLayout.number(file, CheckpointLayout.CHUNK_PREFIX, CheckpointLayout.CHUNK_SUFFIX);
                nextFileId = Math.max(nextFileId, fileId + 1);
                String name = file.getFileName().toString();
                if (name.endsWith(CheckpointLayout.TEMP_SUFFIX)) {
                    fileId = CheckpointLayout.number(file, CheckpointLayout.CHUNK_PREFIX,
                            CheckpointLayout.CHUNK_SUFFIX + CheckpointLayout.TEMP_SUFFIX);
                    nextFileId = Math.max(nextFileId, fileId + 1);
                }
            }
        }
        generations.sort(null);
        foundManifest = !generations.isEmpty();
        for (int i = generations.size() - 1; i >= 0; i--) {
            long generation = generations.get(i);
            nextGeneration = Math.max(nextGeneration, generation + 1);
            Path file = CheckpointLayout.manifestFile(dir, generation);
            try {
                CheckpointManifest manifest = CheckpointManifest.read(io, file);
                Map<SealedChunk, Location> chunks = new IdentityHashMap<>();
                List<SeriesImage> images = readImages(manifest, chunks);
                store.restore(new MigrationState(manifest.lastMigrationId(), manifest.pendingMigrationId(),
                        manifest.pendingCutoffNanos(), manifest.magneticCeilingNanos()), images, journalIndex);
                current = manifest;
                located = chunks;
                for (CheckpointManifest.FileEntry entry : manifest.files()) {
                    fileSizes.put(entry.fileId(), entry.size());
                }
                return manifest.coveredSequence();
            } catch (CorruptionException | IOException e) {
                LOG.warn("checkpoint unusable, trying an older one: file={}", file, e);
            }
        }
        return NONE;
    }

    /** Whether {@link #load} found any manifest, usable or not. */
    public boolean foundManifest() {
        return foundManifest;
    }

    /** Whether a checkpoint is loaded or was written. */
    public boolean exists() {
        return current != null;
    }

    /** The sequence number the current checkpoint covers, {@link #NONE} when there is none. */
    public long coveredSequence() {
        return current == null ? NONE : current.coveredSequence();
    }

    private List<SeriesImage> readImages(CheckpointManifest manifest, Map<SealedChunk, Location> chunks)
            throws IOException {
        List<CheckpointChunkFile> files = new ArrayList<>(manifest.files().size());
        for (CheckpointManifest.FileEntry entry : manifest.files()) {
            files.add(CheckpointChunkFile.open(io, dir, entry.fileId(), entry.size()));
        }
        List<SeriesImage> images = new ArrayList<>(manifest.series().size());
        for (CheckpointManifest.SeriesEntry series : manifest.series()) {
            List<SealedChunk> sealed = new ArrayList<>();
            List<SealedChunk> frozen = new ArrayList<>();
            SealedChunk open = null;
            for (CheckpointManifest.ChunkRef ref : series.chunks()) {
                SealedChunk chunk = files.get(ref.file()).read(ref.offset(), ref.length());
                chunks.put(chunk, new Location(manifest.files().get(ref.file()).fileId(), ref.offset(), ref.length()));
                switch (ref.kind()) {
                    case SEALED:
                        sealed.add(chunk);
                        break;
                    case FROZEN:
                        frozen.add(chunk);
                        break;
                    default:
                        if (open != null) {
                            throw new CorruptionException(files.get(ref.file()).file(), ref.offset(),
                                    "checkpoint lists two open chunks for one series: series=" + series.key());
                        }
                        open = chunk;
                        break;
                }
            }
            images.add(new SeriesImage(series.key(), series.columns(), series.lastSealedRows(), sealed, frozen, open));
        }
        return images;
    }

    /**
     * Writes a checkpoint of {@code store}, which holds exactly the journal entries up to
     * {@code coveredSequence}, and makes it durable; then deletes the files no kept manifest needs
     * (failures there are logged: the garbage goes with a later checkpoint).
     *
     * @return the checkpoint's work in bytes: the open chunks it encoded, counted as the arrays
     *     the encoder read ({@link #rawBytes}), plus every byte it wrote (chunk files and manifest)
     * @throws IOException if a file cannot be written; the previous checkpoint stays the current one
     */
    public long write(MemoryStore store, long coveredSequence) throws IOException {
        if (fenced) {
            requireNewestIsOwn();
        }
        List<SeriesImage> images = store.images();
        Set<Long> rewrite = filesToCompact(images);
        Map<SealedChunk, Location> next = new IdentityHashMap<>();
        List<SealedChunk> sealedToWrite = new ArrayList<>();
        List<SealedChunk> openToWrite = new ArrayList<>();
        long work = 0;
        for (SeriesImage image : images) {
            for (SealedChunk chunk : image.sealed()) {
                place(chunk, rewrite, next, sealedToWrite);
            }
            for (SealedChunk chunk : image.frozen()) {
                place(chunk, rewrite, next, sealedToWrite);
            }
            SealedChunk open = image.open();
            if (open != null && place(open, rewrite, next, openToWrite) && !located.containsKey(open)) {
                // not in any checkpoint yet, so the store encoded it for this one
                work += rawBytes(open);
            }
        }
        work += writeChunkFile(sealedToWrite, next) + writeChunkFile(openToWrite, next);
        CheckpointManifest manifest = manifest(store.migrationState(), images, next, coveredSequence);
        work += io.size(manifest.write(io, dir));
        previous = current;
        current = manifest;
        located = next;
        deleteUnneeded();
        return work;
    }

    /**
     * What encoding {@code open} read: a time and a version per row, and per column a value and a
     * presence flag (the open chunk's arrays, as the memory store estimates their heap use).
     */
    private static long rawBytes(SealedChunk open) {
        return (long) open.count() * (16 + 9L * open.columns().size());
    }

    /** Writes {@code chunks} (if any) as a new chunk file and records where each is; returns the file's size. */
    private long writeChunkFile(List<SealedChunk> chunks, Map<SealedChunk, Location> next) throws IOException {
        if (chunks.isEmpty()) {
            return 0;
        }
        long fileId = nextFileId++;
        long size = CheckpointChunkFile.write(io, dir, fileId, chunks);
        fileSizes.put(fileId, size);
        long offset = CheckpointChunkFile.HEADER_BYTES;
        for (SealedChunk chunk : chunks) {
            next.put(chunk, new Location(fileId, offset, chunk.bytes().length));
            offset += chunk.bytes().length;
        }
        return size;
    }

    /**
     * Refuses when the directory's newest manifest is newer than any this instance loaded or wrote.
     *
     * @throws CheckpointTakenOverException if it is: another owner has checkpointed since
     */
    private void requireNewestIsOwn() throws IOException {
        long own = nextGeneration - 1;
        if (!io.exists(dir)) {
            return;
        }
        for (Path file : io.list(dir, "*")) {
            long generation = CheckpointLayout.number(file, CheckpointLayout.MANIFEST_PREFIX,
                    CheckpointLayout.MANIFEST_SUFFIX);
            if (generation > own) {
                throw new CheckpointTakenOverException("cannot checkpoint: another owner of the shard wrote a newer"
                        + " checkpoint, dir=" + dir + ", newest=" + generation + ", own=" + own);
            }
        }
    }

    /**
     * Keeps {@code chunk} where it is, or adds it to {@code toWrite} when no file holds it or its file
     * is being compacted.
     *
     * @return whether it was added to {@code toWrite}
     */
    private boolean place(SealedChunk chunk, Set<Long> rewrite, Map<SealedChunk, Location> next,
                          List<SealedChunk> toWrite) {
        Location at = located.get(chunk);
        if (at != null && !rewrite.contains(at.fileId())) {
            next.put(chunk, at);
            return false;
        }
        if (next.containsKey(chunk)) {
            return false;
        }
        next.put(chunk, null);
        toWrite.add(chunk);
        return true;
    }

    /** The current files whose live chunks fill less than {@code compactBelow} of their chunk bytes. */
    private Set<Long> filesToCompact(List<SeriesImage> images) {
        Map<Long, Long> live = new HashMap<>();
        for (SeriesImage image : images) {
            for (SealedChunk chunk : image.sealed()) {
                countLive(chunk, live);
            }
            for (SealedChunk chunk : image.frozen()) {
                countLive(chunk, live);
            }
            if (image.open() != null) {
                countLive(image.open(), live);
            }
        }
        Set<Long> rewrite = new HashSet<>();
        if (current != null) {
            for (CheckpointManifest.FileEntry file : current.files()) {
                long chunkBytes = file.size() - CheckpointChunkFile.HEADER_BYTES;
                if (live.getOrDefault(file.fileId(), 0L) < compactBelow * chunkBytes) {
                    rewrite.add(file.fileId());
                }
            }
        }
        return rewrite;
    }

    private void countLive(SealedChunk chunk, Map<Long, Long> live) {
        Location at = located.get(chunk);
        if (at != null) {
            live.merge(at.fileId(), (long) at.length(), Long::sum);
        }
    }

    private CheckpointManifest manifest(MigrationState state, List<SeriesImage> images, Map<SealedChunk, Location> at,
                                        long coveredSequence) {
        TreeMap<Long, Integer> fileIndex = new TreeMap<>();
        for (Location location : at.values()) {
            fileIndex.put(location.fileId(), 0);
        }
        List<CheckpointManifest.FileEntry> files = new ArrayList<>(fileIndex.size());
        for (Map.Entry<Long, Integer> entry : fileIndex.entrySet()) {
            entry.setValue(files.size());
            files.add(new CheckpointManifest.FileEntry(entry.getKey(), fileSizes.get(entry.getKey())));
        }
        List<CheckpointManifest.SeriesEntry> series = new ArrayList<>(images.size());
        for (SeriesImage image : images) {
            List<CheckpointManifest.ChunkRef> refs = new ArrayList<>(image.sealed().size() + image.frozen().size() + 1);
            for (SealedChunk chunk : image.sealed()) {
                refs.add(ref(ChunkKind.SEALED, at.get(chunk), fileIndex));
            }
            for (SealedChunk chunk : image.frozen()) {
                refs.add(ref(ChunkKind.FROZEN, at.get(chunk), fileIndex));
            }
            if (image.open() != null) {
                refs.add(ref(ChunkKind.OPEN, at.get(image.open()), fileIndex));
            }
            series.add(new CheckpointManifest.SeriesEntry(image.key(), image.columns(), image.lastSealedRows(), refs));
        }
        return new CheckpointManifest(nextGeneration++, coveredSequence, state.lastMigrationId(),
                state.pendingMigrationId(), state.pendingCutoffNanos(), state.magneticCeilingNanos(), files, series);
    }

    private static CheckpointManifest.ChunkRef ref(ChunkKind kind, Location at, Map<Long, Integer> fileIndex) {
        return new CheckpointManifest.ChunkRef(kind, fileIndex.get(at.fileId()), at.offset(), at.length());
    }

    /** Deletes manifests other than the current and previous one, and chunk files neither refers to. */
    private void deleteUnneeded() {
        Set<Long> keptFiles = new HashSet<>();
        Set<Long> keptGenerations = new HashSet<>();
        for (CheckpointManifest kept : new CheckpointManifest[] {current, previous}) {
            if (kept != null) {
                keptGenerations.add(kept.generation());
                for (CheckpointManifest.FileEntry file : kept.files()) {
                    keptFiles.add(file.fileId());
                }
            }
        }
        fileSizes.keySet().retainAll(keptFiles);
        try {
            for (Path file : io.list(dir, "*")) {
                long generation = CheckpointLayout.number(file, CheckpointLayout.MANIFEST_PREFIX,
                        CheckpointLayout.MANIFEST_SUFFIX);
                long fileId = CheckpointLayout.number(file, CheckpointLayout.CHUNK_PREFIX, CheckpointLayout.CHUNK_SUFFIX);
                boolean unneeded = (generation >= 0 && !keptGenerations.contains(generation))
                        || (fileId >= 0 && !keptFiles.contains(fileId))
                        || file.getFileName().toString().endsWith(CheckpointLayout.TEMP_SUFFIX);
                if (unneeded) {
                    io.delete(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot delete unneeded checkpoint files, a later checkpoint retries: dir={}", dir, e);
        }
    }
}
