package io.tidemark.engine.shard;

import io.tidemark.engine.metering.TableMeter;
import io.tidemark.engine.shard.checkpoint.MigrationState;
import io.tidemark.engine.shard.checkpoint.SeriesImage;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.storage.journal.ValueColumn;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The in-memory data of one series shard: per series an open chunk plus sealed chunks, and the
 * chunks frozen for a pending tier migration. Single-threaded: the shard actor owns it.
 *
 * <p>{@link #apply} takes batches already checked by {@link DuplicateChecker} and journaled, in
 * journal order; replaying the journal through the same calls rebuilds the same state. Applying
 * is columnar: the batch's rows are grouped by series, and each series' rows are appended in runs
 * that fit its open chunk, column by column, allocating nothing per point beyond open-chunk array
 * growth.
 *
 * <p>An open chunk is sealed when it reaches {@code sealPoints}, before a point would make it span
 * more than {@code sealSpanNanos}, and before a point with a column it lacks (the next open chunk
 * has the union of the series' columns). Heap use is reported to the table's {@link TableMeter}:
 * encoded bytes of sealed chunks plus an estimate of open chunks' arrays.
 */
public final class MemoryStore {

    /** Rows a series' first open chunk has room for before it grows. */
    private static final int MIN_OPEN_ROWS = 16;

    /** No migration is pending. */
    public static final long NO_MIGRATION = 0L;

    private final String tableId;
    private final int sealPoints;
    private final long sealSpanNanos;
    private final TableMeter meter;
    private final Map<SeriesKey, SeriesSlot> slots = new HashMap<>();
    private final ColumnLayout.Interned layouts = new ColumnLayout.Interned();
    private long bytes;
    private long points;
    private long unreportedBytes;
    private long unreportedPoints;
    private long pendingMigrationId = NO_MIGRATION;
    private long pendingCutoffNanos = Long.MIN_VALUE;
    private long lastMigrationId = NO_MIGRATION;
    /** Points older than this may be in magnetic segments: the highest cutoff committed. */
    private long magneticCeilingNanos = Long.MIN_VALUE;
    /** Told of each series as the store first holds it ({@link #watchSeries}). */
    private Consumer<SeriesKey> seriesAdded = key -> { };
    /** One run's times, versions and values of a fully present column on their way from a batch to an open chunk. */
    private long[] runTimes = new long[0];
    private long[] runVersions = new long[0];
    private long[] runLongs = new long[0];
    private double[] runDoubles = new double[0];

    public MemoryStore(String tableId, int sealPoints, long sealSpanNanos, TableMeter meter) {
        if (sealPoints < 1 || sealSpanNanos < 1) {
            throw new IllegalArgumentException("cannot create memory store: sealPoints and sealSpanNanos must be"
                    + " positive, sealPoints=" + sealPoints + ", sealSpanNanos=" + sealSpanNanos);
        }
        this.tableId = tableId;
        this.sealPoints = sealPoints;
        this.sealSpanNanos = sealSpanNanos;
        this.meter = meter;
    }

    public String tableId() {
        return tableId;
    }

    /**
     * Tells {@code listener} of every series the store holds now, then of each series as the store
     * first holds it (on the thread that applies to the store, before the apply returns). One
     * listener; a later call replaces it.
     */
    public void watchSeries(Consumer<SeriesKey> listener) {
        slots.keySet().forEach(listener);
        seriesAdded = listener;
    }

    /** The slot of {@code key}, or null when the series has never been applied (or was dropped). */
    SeriesSlot slot(SeriesKey key) {
        return slots.get(key);
    }

    /**
     * The journal visitor that rebuilds this store from a shard's journal exactly as the live calls
     * built it: batches applied, migration marks frozen and committed, in journal order.
     */
    public ShardJournal.EntryVisitor journalReplay() {
        return new ShardJournal.EntryVisitor() {
            @Override
            public void batch(long index, WriteBatch batch) {
                apply(batch, index);
            }

            @Override
            public void migrationFrozen(long index, long migrationId, long cutoffNanos) {
                freeze(migrationId, cutoffNanos);
            }

            @Override
            public void migrationCommitted(long index, long migrationId) {
                commit(migrationId);
            }
        };
    }

    /** Appends every row of {@code batch}, journaled at {@code journalIndex}. */
    public void apply(WriteBatch batch, long journalIndex) {
        int seriesCount = batch.seriesCount();
        ValueColumn[] columns = new ValueColumn[batch.columnCount()];
        // a column with a value in every row is copied a run at a time, without a presence check per value
        boolean[] everyRow = new boolean[columns.length];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = batch.column(c);
            everyRow[c] = columns[c].presentCount() == batch.rowCount();
        }
        ColumnLayout layout = layouts.of(batch);
        // series are independent: applying each one's rows in row order builds what row order would
        int[] first = new int[seriesCount + 1];
        int[] rows = rowsBySeries(batch, first);
        for (int s = 0; s < seriesCount; s++) {
            if (first[s] < first[s + 1]) {
                SeriesSlot slot = slots.get(batch.series(s));
                if (slot == null) {
                    slot = new SeriesSlot(batch.series(s));
                    slots.put(slot.key, slot);
                    seriesAdded.accept(slot.key);
                }
                applySeries(slot, batch, columns, everyRow, layout, rows, first[s], first[s + 1], journalIndex);
            }
        }
        report();
    }

    /** The layout of {@code batch}'s value columns, the object every batch of this store with the same ones gets. */
    ColumnLayout layout(WriteBatch batch) {
        return layouts.of(batch);
    }

    /**
     * The batch's rows grouped by series (a counting sort), in row order within each series; the
     * rows of series {@code s} are at {@code [first[s], first[s + 1])}.
     */
    private static int[] rowsBySeries(WriteBatch batch, int[] first) {
        int rowCount = batch.rowCount();
        for (int row = 0; row < rowCount; row++) {
            first[batch.seriesIndex(row) + 1]++;
        }
        for (int s = 0; s < first.length - 1; s++) {
            first[s + 1] += first[s];
        }
        int[] next = Arrays.copyOf(first, first.length - 1);
        int[] rows = new int[rowCount];
        for (int row = 0; row < rowCount; row++) {
            rows[next[batch.seriesIndex(row)]++] = row;
        }
        return rows;
    }

    /**
     * Appends {@code rows[from..to)}, all of one series, in runs: a run is every following row the
     * open chunk takes as it is (room left, span kept, no column it lacks), copied column by column.
     * Between runs the chunk is sealed or reopened exactly where appending row by row would.
     */
    private void applySeries(SeriesSlot slot, WriteBatch batch, ValueColumn[] columns, boolean[] everyRow,
                             ColumnLayout layout, int[] rows, int from, int to, long journalIndex) {
        OpenChunk mapped = null;
        int[] columnMap = null;
        int i = from;
        while (i < to) {
            int row = rows[i];
            long time = batch.timeNanos(row);
            if (slot.open != null && spanTooLong(slot.open.minTime(), slot.open.maxTime(), time)) {
                seal(slot);
            }
            if (slot.open != null && mapped != slot.open) {
                columnMap = slot.openChunkIndexes(layout);
                mapped = slot.open;
            }
            if (slot.open == null || lacksColumn(columns, columnMap, row)) {
                reopen(slot, columns, row, journalIndex);
                columnMap = slot.openChunkIndexes(layout);
                mapped = slot.open;
            }
            OpenChunk open = slot.open;
            int end = runEnd(open, batch, columns, columnMap, rows, i, to);
            appendRun(slot, batch, columns, everyRow, columnMap, rows, i, end);
            if (open.size() >= sealPoints) {
                seal(slot);
            }
            i = end;
        }
    }

    /**
     * The end of the run starting at {@code rows[from]}, which {@code open} takes: the first row
     * after it that would overfill the chunk, make it span too long or need a column it lacks.
     */
    private int runEnd(OpenChunk open, WriteBatch batch, ValueColumn[] columns, int[] columnMap, int[] rows,
                       int from, int to) {
        int last = Math.min(to, from + sealPoints - open.size());
        long time = batch.timeNanos(rows[from]);
        long lo = Math.min(open.minTime(), time);
        long hi = Math.max(open.maxTime(), time);
        int end = from + 1;
        while (end < last) {
            long next = batch.timeNanos(rows[end]);
            if (spanTooLong(lo, hi, next) || lacksColumn(columns, columnMap, rows[end])) {
                break;
            }
            lo = Math.min(lo, next);
            hi = Math.max(hi, next);
            end++;
        }
        return end;
    }

    /** True when a point at {@code time} would make a chunk holding {@code [lo, hi]} span too long. */
    private boolean spanTooLong(long lo, long hi, long time) {
        long span = Math.max(hi, time) - Math.min(lo, time);
        return span > sealSpanNanos || span < 0;
    }

    private static boolean lacksColumn(ValueColumn[] columns, int[] columnMap, int row) {
        for (int c = 0; c < columns.length; c++) {
            if (columnMap[c] < 0 && columns[c].isPresent(row)) {
                return true;
            }
        }
        return false;
    }

    /** Seals the open chunk (if any) and opens one with the series' columns united with the row's. */
    private void reopen(SeriesSlot slot, ValueColumn[] columns, int row, long journalIndex) {
        if (slot.open != null) {
            seal(slot);
        }
        List<ColumnSpec> union = null;
        for (ValueColumn column : columns) {
            if (column.isPresent(row) && slot.columnType(column.name()) == null) {
                if (union == null) {
                    union = new ArrayList<>(slot.columns);
                }
                union.add(new ColumnSpec(column.name(), column.type()));
            }
        }
        if (union != null) {
            slot.columns = List.copyOf(union);
        }
        // a series that filled its last chunk will fill this one too: size it once instead of doubling;
        // a series' first chunk doubles up to the seal point, not past it
        slot.open = new OpenChunk(slot.columns, Math.max(MIN_OPEN_ROWS, slot.lastSealedRows), sealPoints);
        slot.openLowestIndex = journalIndex;
        slot.openBytes = openBytes(slot.open);
        unreportedBytes += slot.openBytes;
    }

    /**
     * Appends {@code rows[from..to)} to the series' open chunk, which has room and every column
     * they have values in: times and versions first, then one column at a time, the type switch
     * once per column rather than once per value.
     */
    private void appendRun(SeriesSlot slot, WriteBatch batch, ValueColumn[] columns, boolean[] everyRow,
                           int[] columnMap, int[] rows, int from, int to) {
        OpenChunk open = slot.open;
        int capacity = open.capacity();
        int firstRow = open.size();
        runTimes = atLeast(runTimes, to - from);
        runVersions = atLeast(runVersions, to - from);
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            long time = batch.timeNanos(rows[i]);
            runTimes[i - from] = time;
            runVersions[i - from] = batch.version(rows[i]);
            lo = Math.min(lo, time);
            hi = Math.max(hi, time);
        }
        open.append(runTimes, runVersions, to - from);
        for (int c = 0; c < columns.length; c++) {
            int target = columnMap[c];
            if (target < 0) {
                // the chunk lacks the column, so no row of the run has a value in it
                continue;
            }
            ValueColumn column = columns[c];
            int firstTarget = firstRow - from;
            switch (column.type()) {
                case DOUBLE -> {
                    if (everyRow[c]) {
                        copyEveryDouble(column, open, target, rows, from, to, firstRow);
                    } else {
                        copyDoubles(column, open, target, rows, from, to, firstTarget);
                    }
                }
                case BIGINT, TIMESTAMP -> {
                    if (everyRow[c]) {
                        copyEveryLong(column, open, target, rows, from, to, firstRow);
                    } else {
                        copyLongs(column, open, target, rows, from, to, firstTarget);
                    }
                }
                case BOOLEAN -> copyBooleans(column, open, target, rows, from, to, firstTarget);
                default -> copyVarchars(column, open, target, rows, from, to, firstTarget);
            }
        }
        if (open.capacity() != capacity) {
            long grown = openBytes(open);
            unreportedBytes += grown - slot.openBytes;
            slot.openBytes = grown;
        }
        unreportedPoints += to - from;
        slot.include(lo, hi);
    }

    // One small method per column type, each compiled on its own: appendRun stays small, and a type
    // a table never writes is never compiled. Row rows[i] goes to chunk row firstTarget + i (firstRow + i - from).

    /** A run of a column with a value in every row: gathered, then copied into the chunk in one piece. */
    private void copyEveryLong(ValueColumn column, OpenChunk open, int target, int[] rows, int from, int to,
                               int firstRow) {
        runLongs = atLeast(runLongs, to - from);
        column.copyLongs(rows, from, to, runLongs, 0);
        open.setLongs(target, firstRow, runLongs, to - from);
    }

    /** {@code array}, or a larger one when it holds fewer than {@code length} values. */
    private static long[] atLeast(long[] array, int length) {
        return array.length >= length ? array : new long[Math.max(2 * array.length, length)];
    }

    private static double[] atLeast(double[] array, int length) {
        return array.length >= length ? array : new double[Math.max(2 * array.length, length)];
    }

    private void copyEveryDouble(ValueColumn column, OpenChunk open, int target, int[] rows, int from, int to,
                                 int firstRow) {
        runDoubles = atLeast(runDoubles, to - from);
        column.copyDoubles(rows, from, to, runDoubles, 0);
        open.setDoubles(target, firstRow, runDoubles, to - from);
    }

    private static void copyDoubles(ValueColumn column, OpenChunk open, int target, int[] rows, int from, int to,
                                    int firstTarget) {
        for (int i = from; i < to; i++) {
            if (column.isPresent(rows[i])) {
                open.setDouble(target, firstTarget + i, column.doubleAt(rows[i]));
            }
        }
    }

    private static void copyLongs(ValueColumn column, OpenChunk open, int target, int[] rows, int from, int to,
                                  int firstTarget) {
        for (int i = from; i < to; i++) {
            if (column.isPresent(rows[i])) {
                open.setLong(target, firstTarget + i, column.longAt(rows[i]));
            }
        }
    }

    private static void copyBooleans(ValueColumn column, OpenChunk open, int target, int[] rows, int from, int to,
                                     int firstTarget) {
        for (int i = from; i < to; i++) {
            if (column.isPresent(rows[i])) {
                open.setBoolean(target, firstTarget + i, column.booleanAt(rows[i]));
            }
        }
    }

    private static void copyVarchars(ValueColumn column, OpenChunk open, int target, int[] rows, int from, int to,
                                     int firstTarget) {
        for (int i = from; i < to; i++) {
            if (column.isPresent(rows[i])) {
                open.setVarchar(target, firstTarget + i, column.stringAt(rows[i]));
            }
        }
    }

    /** Heap estimate of an open chunk's arrays: time, version and presence, plus 8 bytes per value slot. */
    private static long openBytes(OpenChunk open) {
        return (long) open.capacity() * (16 + 9L * open.columns().size());
    }

    private void seal(SeriesSlot slot) {
        OpenChunk open = slot.open;
        SealedChunk sealed = open.seal();
        slot.sealed.add(new StoredChunk(sealed, slot.openLowestIndex));
        slot.lastSealedRows = open.size();
        unreportedBytes += sealed.bytes().length - slot.openBytes;
        unreportedPoints += sealed.count() - open.size();
        slot.open = null;
        slot.openBytes = 0;
        slot.openSnapshot = null;
        slot.openSnapshotOf = null;
    }

    /** The chunks of every series with points in {@code [fromNanos, toNanos]}; open chunks as snapshots. */
    public List<SeriesChunks> scan(long fromNanos, long toNanos) {
        List<SeriesChunks> out = new ArrayList<>();
        for (SeriesSlot slot : slots.values()) {
            if (!slot.hasPoints() || slot.minTime > toNanos || slot.maxTime < fromNanos) {
                continue;
            }
            List<SealedChunk> chunks = new ArrayList<>();
            addOverlapping(slot.frozen, fromNanos, toNanos, chunks);
            addOverlapping(slot.sealed, fromNanos, toNanos, chunks);
            OpenChunk open = slot.open;
            if (open != null && open.minTime() <= toNanos && open.maxTime() >= fromNanos) {
                chunks.add(open.seal());
            }
            if (!chunks.isEmpty()) {
                out.add(new SeriesChunks(slot.key, chunks));
            }
        }
        return out;
    }

    private static void addOverlapping(List<StoredChunk> stored, long from, long to, List<SealedChunk> out) {
        for (StoredChunk c : stored) {
            if (c.overlaps(from, to)) {
                out.add(c.chunk());
            }
        }
    }

    /**
     * Seals and freezes every point older than {@code cutoffNanos} under {@code migrationId}: chunks
     * straddling the cutoff are split so the frozen part holds exactly those points. Points frozen
     * by a still pending migration stay frozen and join this one, which replaces it.
     */
    public FrozenChunks freeze(long migrationId, long cutoffNanos) {
        if (migrationId == NO_MIGRATION) {
            throw new IllegalArgumentException("cannot freeze: migration id must not be " + NO_MIGRATION);
        }
        for (SeriesSlot slot : slots.values()) {
            if (slot.open != null && slot.open.minTime() < cutoffNanos) {
                seal(slot);
            }
            List<StoredChunk> split = new ArrayList<>();
            for (Iterator<StoredChunk> it = slot.sealed.iterator(); it.hasNext(); ) {
                StoredChunk stored = it.next();
                if (stored.chunk().minTime() >= cutoffNanos) {
                    continue;
                }
                it.remove();
                if (stored.chunk().maxTime() < cutoffNanos) {
                    slot.frozen.add(stored);
                } else {
                    split.add(stored);
                }
            }
            for (StoredChunk stored : split) {
                splitAt(slot, stored, cutoffNanos);
            }
        }
        pendingMigrationId = migrationId;
        pendingCutoffNanos = Math.max(pendingCutoffNanos, cutoffNanos);
        lastMigrationId = Math.max(lastMigrationId, migrationId);
        report();
        return frozen();
    }

    /** Puts the points of {@code stored} older than the cutoff into a frozen chunk, the rest into a sealed one. */
    private void splitAt(SeriesSlot slot, StoredChunk stored, long cutoffNanos) {
        ChunkRows rows = new ChunkRows(stored.chunk());
        int below = 0;
        while (below < rows.count() && rows.timeAt(below) < cutoffNanos) {
            below++;
        }
        OpenChunk older = new OpenChunk(stored.chunk().columns(), below);
        OpenChunk newer = new OpenChunk(stored.chunk().columns(), rows.count() - below);
        for (int row = 0; row < rows.count(); row++) {
            rows.copyRow(row, row < below ? older : newer);
        }
        SealedChunk frozenPart = older.seal();
        SealedChunk keptPart = newer.seal();
        slot.frozen.add(new StoredChunk(frozenPart, stored.lowestJournalIndex()));
        slot.sealed.add(new StoredChunk(keptPart, stored.lowestJournalIndex()));
        unreportedBytes += frozenPart.bytes().length + keptPart.bytes().length - stored.chunk().bytes().length;
    }

    /** The chunks frozen for the pending migration (empty series list when none is pending). */
    public FrozenChunks frozen() {
        List<SeriesChunks> series = new ArrayList<>();
        for (SeriesSlot slot : slots.values()) {
            if (!slot.frozen.isEmpty()) {
                List<SealedChunk> chunks = new ArrayList<>(slot.frozen.size());
                for (StoredChunk c : slot.frozen) {
                    chunks.add(c.chunk());
                }
                series.add(new SeriesChunks(slot.key, chunks));
            }
        }
        return new FrozenChunks(pendingMigrationId, pendingCutoffNanos, series);
    }

    /**
     * Drops the chunks frozen under {@code migrationId}, which are now in magnetic segments.
     *
     * @return false (and nothing changes) when {@code migrationId} is not the pending migration
     */
    public boolean commit(long migrationId) {
        if (migrationId == NO_MIGRATION || migrationId != pendingMigrationId) {
            return false;
        }
        for (Iterator<SeriesSlot> it = slots.values().iterator(); it.hasNext(); ) {
            SeriesSlot slot = it.next();
            if (slot.frozen.isEmpty()) {
                continue;
            }
            for (StoredChunk c : slot.frozen) {
                unreportedBytes -= c.chunk().bytes().length;
                unreportedPoints -= c.chunk().count();
            }
            slot.frozen.clear();
            slot.recomputeBounds();
            if (!slot.hasPoints()) {
                it.remove();
            }
        }
        magneticCeilingNanos = Math.max(magneticCeilingNanos, pendingCutoffNanos);
        pendingMigrationId = NO_MIGRATION;
        pendingCutoffNanos = Long.MIN_VALUE;
        report();
        return true;
    }

    /**
     * The highest cutoff committed to magnetic segments since the journal's oldest remaining entry:
     * a point older than it may be there even when the memory store holds newer points of its series.
     */
    long magneticCeilingNanos() {
        return magneticCeilingNanos;
    }

    public long pendingMigrationId() {
        return pendingMigrationId;
    }

    /** The highest migration id frozen so far (from the journal after a restart), for choosing the next. */
    public long lastMigrationId() {
        return lastMigrationId;
    }

    /** The lowest journal index anything in memory needs, or {@code Long.MAX_VALUE} when memory is empty. */
    public long lowestJournalIndex() {
        long lowest = Long.MAX_VALUE;
        for (SeriesSlot slot : slots.values()) {
            lowest = Math.min(lowest, slot.lowestJournalIndex());
        }
        return lowest;
    }

    /** The migration state a checkpoint records. */
    public MigrationState migrationState() {
        return new MigrationState(lastMigrationId, pendingMigrationId, pendingCutoffNanos, magneticCeilingNanos);
    }

    /**
     * Every series as a checkpoint records it. An open chunk is encoded once per state: until it
     * takes another point, later calls return the same encoded chunk.
     */
    public List<SeriesImage> images() {
        List<SeriesImage> images = new ArrayList<>(slots.size());
        for (SeriesSlot slot : slots.values()) {
            SealedChunk open = null;
            if (slot.open != null) {
                if (slot.openSnapshot == null || slot.openSnapshotOf != slot.open
                        || slot.openSnapshotRows != slot.open.size()) {
                    slot.openSnapshot = slot.open.seal();
                    slot.openSnapshotOf = slot.open;
                    slot.openSnapshotRows = slot.open.size();
                }
                open = slot.openSnapshot;
            }
            images.add(new SeriesImage(slot.key, slot.columns, slot.lastSealedRows, chunks(slot.sealed),
                    chunks(slot.frozen), open));
        }
        return images;
    }

    private static List<SealedChunk> chunks(List<StoredChunk> stored) {
        List<SealedChunk> out = new ArrayList<>(stored.size());
        for (StoredChunk c : stored) {
            out.add(c.chunk());
        }
        return out;
    }

    /**
     * Loads a checkpoint into this empty store: the series' chunks, open chunks re-opened so later
     * points keep appending to them, and the migration state. Every chunk is recorded as needing the
     * journal from {@code journalIndex} on.
     *
     * @throws IllegalStateException if the store is not empty
     */
    public void restore(MigrationState state, List<SeriesImage> series, long journalIndex) {
        if (!slots.isEmpty() || lastMigrationId != NO_MIGRATION) {
            throw new IllegalStateException("cannot restore checkpoint: memory store not empty, " + this);
        }
        for (SeriesImage image : series) {
            SeriesSlot slot = new SeriesSlot(image.key());
            slot.columns = image.columns();
            slot.lastSealedRows = image.lastSealedRows();
            for (SealedChunk chunk : image.sealed()) {
                slot.sealed.add(restored(chunk, journalIndex));
            }
            for (SealedChunk chunk : image.frozen()) {
                slot.frozen.add(restored(chunk, journalIndex));
            }
            if (image.open() != null) {
                SealedChunk open = image.open();
                slot.open = new OpenChunk(open.columns(), Math.max(Math.max(MIN_OPEN_ROWS, slot.lastSealedRows),
                        open.count()), sealPoints);
                slot.open.appendAll(open);
                slot.openLowestIndex = journalIndex;
                slot.openBytes = openBytes(slot.open);
                unreportedBytes += slot.openBytes;
                unreportedPoints += open.count();
                // unchanged since the checkpoint: the next one refers to the same encoded chunk
                slot.openSnapshot = open;
                slot.openSnapshotOf = slot.open;
                slot.openSnapshotRows = slot.open.size();
            }
            slot.recomputeBounds();
            slots.put(slot.key, slot);
            seriesAdded.accept(slot.key);
        }
        lastMigrationId = state.lastMigrationId();
        pendingMigrationId = state.pendingMigrationId();
        pendingCutoffNanos = state.pendingCutoffNanos();
        magneticCeilingNanos = state.magneticCeilingNanos();
        report();
    }

    private StoredChunk restored(SealedChunk chunk, long journalIndex) {
        unreportedBytes += chunk.bytes().length;
        unreportedPoints += chunk.count();
        return new StoredChunk(chunk, journalIndex);
    }

    public ShardStats stats(long journalBytes) {
        return new ShardStats(slots.size(), points, bytes, journalBytes);
    }

    /** Removes this store's bytes and points from the table's meter; the store is being discarded. */
    public void release() {
        // the meter holds exactly the reported totals: take them back, and forget the unreported deltas
        unreportedBytes = -bytes;
        unreportedPoints = -points;
        report();
        slots.clear();
    }

    private void report() {
        if (unreportedBytes != 0 || unreportedPoints != 0) {
            bytes += unreportedBytes;
            points += unreportedPoints;
            meter.addMemory(unreportedBytes, unreportedPoints);
            unreportedBytes = 0;
            unreportedPoints = 0;
        }
    }

    @Override
    public String toString() {
        return "MemoryStore{table=" + tableId + ", series=" + slots.size() + ", points=" + points + ", bytes=" + bytes
                + ", pendingMigration=" + pendingMigrationId + "}";
    }
}
