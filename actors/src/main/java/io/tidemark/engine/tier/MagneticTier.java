package io.tidemark.engine.tier;

import com.typesafe.config.Config;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.magnetic.CompactionPolicy;
import io.tidemark.storage.magnetic.MagneticLayout;
import io.tidemark.storage.magnetic.MagneticStore;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The magnetic tier of this node: one {@link MagneticStore} per table under
 * {@code <root>/magnetic/<table-id>/} ({@code tidemark.magnetic.root-dir}, see {@link #rootDir}),
 * opened on first use and kept open until the table is deleted or the tier closed. The tier
 * migrator writes into it, the retention janitor expires and compacts it, and shards and queries
 * read it, all concurrently: reads are lock-free snapshots and the changes to one table are
 * serialized.
 *
 * <p>In a cluster every node reaches the same root and one node at a time changes it (the one
 * hosting the {@link TierSingleton}). Stores are therefore opened as readers that never change the
 * disk; the writer calls {@link #takeOverWrites} when it starts, and each table's first change after
 * that takes the directory over from the previous writer. After every change the tier tells
 * {@code onChange} the table's id, which the cluster broadcasts ({@link MagneticNotices}) so that
 * the other nodes {@link #refresh} the table.
 *
 * <p>Each table's segment bytes and points are reported to {@code EngineMeters.table(id)} as
 * segments appear and disappear, starting with what a store holds when it is opened; closing the
 * tier or deleting the table takes them off again.
 */
public final class MagneticTier implements MagneticReader, AutoCloseable {

    private final FileIo io;
    private final Path rootDir;
    private final Clock clock;
    private final EngineMeters meters;
    private final CompactionPolicy policy;
    private final Consumer<String> onChange;
    private final AtomicLong writerEpoch = new AtomicLong();
    private volatile boolean writing;
    private final ConcurrentMap<String, TableTier> tables = new ConcurrentHashMap<>();
    /** Serializes opening, deleting and closing stores, so each table has at most one open store. */
    private final Object lifecycleLock = new Object();
    private boolean closed;

    /**
     * A tier nobody else watches (a single process).
     *
     * @param rootDir the directory holding {@code magnetic/}
     * @param policy when small segments are merged, and the block size of every segment written
     */
    public MagneticTier(FileIo io, Path rootDir, Clock clock, EngineMeters meters, CompactionPolicy policy) {
        this(io, rootDir, clock, meters, policy, tableId -> { });
    }

    /**
     * @param rootDir the directory holding {@code magnetic/}, shared by every node of a cluster
     * @param policy when small segments are merged, and the block size of every segment written
     * @param onChange told the table id after this tier added, rewrote or deleted a table's segments
     */
    public MagneticTier(FileIo io, Path rootDir, Clock clock, EngineMeters meters, CompactionPolicy policy,
            Consumer<String> onChange) {
        this.io = io;
        this.rootDir = rootDir;
        this.clock = clock;
        this.meters = meters;
        this.policy = policy;
        this.onChange = onChange;
    }

    /** {@code tidemark.magnetic.root-dir}: where the magnetic store lives (the data directory by default). */
    public static Path rootDir(Config config) {
        return Path.of(config.getString("tidemark.magnetic.root-dir")).toAbsolutePath();
    }

    /**
     * {@inheritDoc}
     *
     * @throws EngineException INTERNAL if the table's store cannot be opened
     */
    @Override
    public List<SealedChunk> read(String tableId, SeriesKey series, long fromNanos, long toNanos) {
        TableTier table;
        try {
            table = table(tableId, false);
        } catch (IOException e) {
            throw EngineException.internal("cannot open magnetic store: tableId=" + tableId, e);
        }
        return table == null ? List.of() : table.read(series, fromNanos, toNanos);
    }

    /**
     * The magnetic chunks of every series with points possibly in {@code [fromNanos, toNanos]}; per
     * series in segment order, so {@code SealedChunk.merge} resolves duplicates as {@link #read} does.
     *
     * @throws EngineException INTERNAL if the table's store cannot be opened
     */
    public List<SeriesChunks> scan(String tableId, long fromNanos, long toNanos) {
        return scan(tableId, fromNanos, toNanos, series -> true);
    }

    /**
     * {@link #scan(String, long, long)} restricted to the series {@code wanted} accepts; the
     * blocks of the others are not read.
     *
     * @throws EngineException INTERNAL if the table's store cannot be opened
     */
    public List<SeriesChunks> scan(String tableId, long fromNanos, long toNanos, Predicate<SeriesKey> wanted) {
        TableTier table;
        try {
            table = table(tableId, false);
        } catch (IOException e) {
            throw EngineException.internal("cannot open magnetic store: tableId=" + tableId, e);
        }
        return table == null ? List.of() : table.scan(fromNanos, toNanos, wanted);
    }

    /**
     * Writes the chunks durably (fsynced) as one new segment per UTC-day partition, splitting chunks
     * that span midnight; all or nothing.
     *
     * @return how many segments were written
     * @throws IOException if a segment cannot be written; then none of this call's segments remain
     */
    public int write(String tableId, List<SeriesChunks> series) throws IOException {
        if (series.isEmpty()) {
            return 0;
        }
        int written = table(tableId, true).write(series);
        changed(tableId, written > 0);
        return written;
    }

    /**
     * Deletes every point before {@code expiryNanos}: whole segments, and the expired points of the
     * segments straddling it (rewritten). See {@link RetentionJanitor} for when this runs.
     */
    public ExpiryResult expire(String tableId, long expiryNanos) throws IOException {
        TableTier table = table(tableId, false);
        ExpiryResult result = table == null ? ExpiryResult.NOTHING : table.expire(expiryNanos);
        changed(tableId, !result.equals(ExpiryResult.NOTHING));
        return result;
    }

    /** Merges small segments of the table's partitions under the compaction policy; returns how many were written. */
    public int compact(String tableId) throws IOException {
        TableTier table = table(tableId, false);
        int written = table == null ? 0 : table.compact();
        changed(tableId, written > 0);
        return written;
    }

    /** Bytes and points of the table's segments; none when the table has no magnetic data. */
    public MagneticUsage usage(String tableId) throws IOException {
        TableTier table = table(tableId, false);
        return table == null ? MagneticUsage.NONE : table.usage();
    }

    /**
     * Closes the table's store and deletes its magnetic directory; the table is being deleted.
     * Queries still reading it fail.
     */
    public void deleteTable(String tableId) throws IOException {
        MagneticLayout layout = new MagneticLayout(rootDir, tableId);
        synchronized (lifecycleLock) {
            TableTier table = tables.remove(tableId);
            if (table != null) {
                table.close();
            }
            io.deleteTree(layout.tableDir());
        }
        changed(tableId, true);
    }

    /**
     * This node becomes the writer of the magnetic root (the previous writer has stopped): each
     * table's next change first takes its directory over, cleaning up what the previous writer may
     * have left half done.
     */
    public void takeOverWrites() {
        writerEpoch.incrementAndGet();
        writing = true;
    }

    /** This node stopped writing the magnetic root (the writer singleton left it). */
    public void stopWriting() {
        writing = false;
    }

    /** True between {@link #takeOverWrites} and {@link #stopWriting}: this node's view is the writer's own. */
    public boolean writing() {
        return writing;
    }

    /** The ids of the tables whose stores are open now. */
    public List<String> openTables() {
        return List.copyOf(tables.keySet());
    }

    /**
     * Another node changed the table's segments: an open store reads its directory again, and one
     * whose directory is gone (the table was deleted) is closed. A store not open yet reads the
     * directory when it opens.
     *
     * @throws IOException if the directory cannot be read; the store keeps serving what it had
     */
    public void refresh(String tableId) throws IOException {
        TableTier table = tables.get(tableId);
        if (table == null) {
            return;
        }
        MagneticLayout layout = new MagneticLayout(rootDir, tableId);
        synchronized (lifecycleLock) {
            if (tables.get(tableId) != table) {
                return;
            }
            if (!io.exists(layout.tableDir())) {
                tables.remove(tableId);
                table.close();
                return;
            }
        }
        table.reload();
    }

    private void changed(String tableId, boolean anything) {
        if (anything) {
            onChange.accept(tableId);
        }
    }

    @Override
    public void close() {
        synchronized (lifecycleLock) {
            closed = true;
            for (TableTier table : tables.values()) {
                table.close();
            }
            tables.clear();
        }
    }

    /**
     * The open store of a table; opened on first use. With {@code create} false, null when the
     * table has no magnetic directory (nothing was ever migrated), so reads do not create one.
     */
    private TableTier table(String tableId, boolean create) throws IOException {
        TableTier table = tables.get(tableId);
        if (table != null) {
            return table;
        }
        MagneticLayout layout = new MagneticLayout(rootDir, tableId);
        synchronized (lifecycleLock) {
            if (closed) {
                throw new IllegalStateException("cannot open magnetic store: tier closed, tableId=" + tableId);
            }
            table = tables.get(tableId);
            if (table == null) {
                if (!create && !io.exists(layout.tableDir())) {
                    return null;
                }
                table = TableTier.of(MagneticStore.openShared(io, layout, clock), meters.table(tableId), policy,
                        writerEpoch::get);
                tables.put(tableId, table);
            }
            return table;
        }
    }
}
