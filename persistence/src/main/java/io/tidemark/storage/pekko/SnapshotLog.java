package io.tidemark.storage.pekko;

import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.queue.FrameReader;
import io.tidemark.storage.queue.FramedQueue;
import io.tidemark.storage.queue.QueueSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshot store's storage: snapshots and deletion tombstones in a {@link FramedQueue}, and per
 * persistence id the live snapshots' (sequence number, timestamp, queue index), rebuilt by scanning
 * the queue when opened. Knows nothing of Pekko actors; {@link ChronicleSnapshotStore} adapts it.
 * Thread-safe: every method holds the instance lock.
 */
final class SnapshotLog implements AutoCloseable {

    /** "TMPS" read as a little-endian u32: the first bytes of every snapshot frame. */
    static final int MAGIC = 0x53504D54;
    /** Entry type: a {@link StoredSnapshot}. */
    static final int SNAPSHOT = 1;
    /** Entry type: a {@link SnapshotDeletion} tombstone. */
    static final int DELETION = 2;

    /** Where a live snapshot is. */
    record Location(long sequenceNr, long timestamp, long queueIndex) {}

    private static final Comparator<Location> OLDEST_FIRST =
            Comparator.comparingLong(Location::sequenceNr).thenComparingLong(Location::timestamp);

    private final Path dir;
    private final FramedQueue queue;
    /** Per persistence id, sorted oldest first; at most one location per (sequenceNr, timestamp). */
    private final Map<String, List<Location>> live = new HashMap<>();

    SnapshotLog(Path dir, boolean fsyncEachAppend, FileIo fileIo) {
        this.dir = dir;
        this.queue = FramedQueue.openAndReplay(dir, QueueSettings.of(MAGIC, fsyncEachAppend).withFileIo(fileIo),
                this::index);
    }

    private void index(FrameReader frame) {
        switch (frame.type()) {
            case SNAPSHOT -> {
                StoredSnapshot s = FrameBodies.decode(dir, frame, StoredSnapshot.class);
                add(s.persistenceId(), new Location(s.sequenceNr(), s.timestamp(), frame.index()));
            }
            case DELETION -> {
                SnapshotDeletion d = FrameBodies.decode(dir, frame, SnapshotDeletion.class);
                remove(d.persistenceId(), d.range());
            }
            default -> throw FrameBodies.unknownType(dir, frame, "snapshot");
        }
    }

    /** A snapshot saved again with the same sequence number and timestamp replaces the earlier one. */
    private void add(String persistenceId, Location location) {
        List<Location> locations = live.computeIfAbsent(persistenceId, id -> new ArrayList<>());
        int at = Collections.binarySearch(locations, location, OLDEST_FIRST);
        if (at >= 0) {
            locations.set(at, location);
        } else {
            locations.add(-at - 1, location);
        }
    }

    private boolean remove(String persistenceId, SnapshotRange range) {
        List<Location> locations = live.get(persistenceId);
        return locations != null && locations.removeIf(l -> range.contains(l.sequenceNr(), l.timestamp()));
    }

    synchronized void save(StoredSnapshot snapshot) {
        long queueIndex = queue.append(SNAPSHOT, PluginKryo.POOL.writeClassAndObject(snapshot));
        queue.sync();
        add(snapshot.persistenceId(), new Location(snapshot.sequenceNr(), snapshot.timestamp(), queueIndex));
    }

    /** Deletes the snapshots in {@code range}; writes a tombstone only if one was live. */
    synchronized void delete(String persistenceId, SnapshotRange range) {
        List<Location> locations = live.getOrDefault(persistenceId, List.of());
        if (locations.stream().anyMatch(l -> range.contains(l.sequenceNr(), l.timestamp()))) {
            queue.append(DELETION, PluginKryo.POOL.writeClassAndObject(new SnapshotDeletion(persistenceId, range)));
            queue.sync();
            remove(persistenceId, range);
        }
    }

    /** Live snapshots in {@code range}, newest (highest sequence number, then timestamp) first. */
    synchronized List<Location> newestFirst(String persistenceId, SnapshotRange range) {
        List<Location> out = new ArrayList<>();
        List<Location> locations = live.getOrDefault(persistenceId, List.of());
        for (int i = locations.size() - 1; i >= 0; i--) {
            Location l = locations.get(i);
            if (range.contains(l.sequenceNr(), l.timestamp())) {
                out.add(l);
            }
        }
        return out;
    }

    synchronized StoredSnapshot read(Location location) {
        return FrameBodies.decode(dir, queue.read(location.queueIndex()), StoredSnapshot.class);
    }

    @Override
    public synchronized void close() {
        queue.close();
    }
}
