package io.tidemark.storage.magnetic;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link MagneticStore} finds when it lists its table directory: the segments to serve, in
 * serving order, and the highest segment id on disk (-1 for none). Listing as the writer cleans up
 * what an interrupted writer left (temporary files, inputs of unfinished compactions, damaged
 * segments, see the store's class comment); listing as a reader only skips those.
 */
record SegmentListing(List<SegmentReader> readers, long maxId) {

    /** Under the store's name: operators know these messages as the store's. */
    private static final Logger LOG = LoggerFactory.getLogger(MagneticStore.class);

    /**
     * Lists the table directory. {@code current} readers are reused for the files they map. As the
     * writer, temporary files are deleted, damaged segments quarantined and the inputs of
     * interrupted compactions deleted; as a reader, all three are only skipped.
     */
    static SegmentListing list(FileIo io, MagneticLayout layout, Map<Path, SegmentReader> current, boolean writer)
            throws IOException {
        if (!writer && !io.exists(layout.tableDir())) {
            return new SegmentListing(List.of(), -1);
        }
        List<SegmentReader> readers = new ArrayList<>();
        long maxId = -1;
        for (Path dir : listOrEmpty(io, layout.tableDir())) {
            LocalDate partition = MagneticLayout.partitionOf(dir);
            if (partition == null) {
                continue;
            }
            for (Path temp : listOrEmpty(io, dir, MagneticLayout.TEMP_GLOB)) {
                if (writer) {
                    LOG.info("Removing temporary file of an interrupted segment write: file={}", temp);
                    io.delete(temp);
                } else {
                    maxId = Math.max(maxId, MagneticLayout.tempSegmentIdOf(temp));
                }
            }
            List<SegmentReader> partitionReaders = new ArrayList<>();
            for (Path file : listOrEmpty(io, dir, MagneticLayout.SEGMENT_GLOB)) {
                long id = MagneticLayout.segmentIdOf(file);
                if (id < 0) {
                    LOG.warn("Ignoring file with a name the magnetic store does not make: file={}", file);
                    continue;
                }
                maxId = Math.max(maxId, id);
                SegmentReader reader = current.get(file);
                if (reader == null) {
                    reader = writer ? openVerified(io, layout, partition, file, id) : openShared(io, layout, partition,
                            file, id);
                }
                if (reader != null) {
                    partitionReaders.add(reader);
                }
            }
            readers.addAll(writer ? finishInterruptedCompactions(io, partitionReaders)
                    : withoutReplaced(partitionReaders));
        }
        // Quarantined ids stay taken, so a later quarantine of the same partition cannot overwrite one.
        for (Path quarantined : listOrEmpty(io, layout.quarantineDir(), MagneticLayout.SEGMENT_GLOB)) {
            maxId = Math.max(maxId, MagneticLayout.quarantinedSegmentIdOf(quarantined));
        }
        readers.sort(MagneticStore.BY_PARTITION_AND_ID);
        return new SegmentListing(List.copyOf(readers), maxId);
    }

    /** A directory's entries; none when it does not exist (a reader may list while the writer deletes). */
    private static List<Path> listOrEmpty(FileIo io, Path dir, String glob) throws IOException {
        try {
            return io.list(dir, glob);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private static List<Path> listOrEmpty(FileIo io, Path dir) throws IOException {
        return listOrEmpty(io, dir, "*");
    }

    /**
     * Opens a segment for a reader that shares the directory: one that fails verification or
     * vanished meanwhile (the writer deleted it) is skipped, and left where it is.
     */
    private static SegmentReader openShared(FileIo io, MagneticLayout layout, LocalDate partition, Path file, long id)
            throws IOException {
        try {
            return verify(SegmentReader.open(io, file), layout, partition, file, id);
        } catch (NoSuchFileException e) {
            return null;
        } catch (CorruptionException e) {
            LOG.warn("Skipping segment that failed verification; its writer quarantines it: file={}, reason={}",
                    file, e.getMessage());
            return null;
        }
    }

    /** Opens a segment, or quarantines it and returns null when it fails verification. */
    private static SegmentReader openVerified(FileIo io, MagneticLayout layout, LocalDate partition, Path file, long id)
            throws IOException {
        try {
            return verify(SegmentReader.open(io, file), layout, partition, file, id);
        } catch (CorruptionException e) {
            LOG.error("Quarantining segment that failed verification: file={}, reason={}", file, e.getMessage());
            quarantine(io, layout, partition, file);
            return null;
        }
    }

    private static SegmentReader verify(SegmentReader reader, MagneticLayout layout, LocalDate partition, Path file,
            long id) throws CorruptionException {
        SegmentHeader header = reader.header();
        if (!header.tableId().equals(layout.tableId()) || header.segmentId() != id
                || header.partitionStart() != MagneticLayout.partitionStartNanos(partition)
                || header.partitionEnd() != MagneticLayout.partitionEndNanos(partition)) {
            reader.close();
            throw new CorruptionException(file, 0, "segment does not belong here: tableId=" + header.tableId()
                    + ", segmentId=" + header.segmentId() + ", partitionStart=" + header.partitionStart()
                    + ", expected tableId=" + layout.tableId() + ", segmentId=" + id + ", partition=" + partition);
        }
        return reader;
    }

    private static void quarantine(FileIo io, MagneticLayout layout, LocalDate partition, Path file) {
        Path target = layout.quarantineFile(partition, file);
        try {
            io.createDirectories(layout.quarantineDir());
            io.moveAtomically(file, target);
            io.fsyncDirectory(layout.quarantineDir());
            io.fsyncDirectory(file.getParent());
        } catch (IOException e) {
            LOG.error("Cannot move segment to quarantine; it stays in place and is not served: file={}, target={}",
                    file, target, e);
        }
    }

    /** The ids named in the "replaces" lists of a partition's segments. */
    private static Set<Long> replacedIds(List<SegmentReader> readers) {
        Set<Long> replaced = new HashSet<>();
        for (SegmentReader reader : readers) {
            for (long id : reader.replaces()) {
                replaced.add(id);
            }
        }
        return replaced;
    }

    /** A reader's view of a compaction its writer has not finished: the output serves, the inputs are skipped. */
    private static List<SegmentReader> withoutReplaced(List<SegmentReader> readers) {
        Set<Long> replaced = replacedIds(readers);
        List<SegmentReader> kept = new ArrayList<>(readers.size());
        for (SegmentReader reader : readers) {
            if (!replaced.contains(reader.segmentId())) {
                kept.add(reader);
            }
        }
        return kept;
    }

    private static List<SegmentReader> finishInterruptedCompactions(FileIo io, List<SegmentReader> readers)
            throws IOException {
        Set<Long> replaced = replacedIds(readers);
        List<SegmentReader> kept = new ArrayList<>(readers.size());
        for (SegmentReader reader : readers) {
            if (replaced.contains(reader.segmentId())) {
                // not closed: a reader reused from before may still serve a query's older snapshot
                LOG.info("Deleting compaction input left by an interrupted compaction: file={}", reader.file());
                io.delete(reader.file());
            } else {
                kept.add(reader);
            }
        }
        if (kept.size() != readers.size()) {
            io.fsyncDirectory(readers.get(0).file().getParent());
        }
        return kept;
    }
}
