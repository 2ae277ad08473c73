package io.tidemark.engine.shard;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.tier.MagneticReader;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.journal.ValueColumn;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.model.MeasureType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Applies Timestream's record identity and version rules to a write batch before it is journaled,
 * so only accepted rows reach the journal. Identity is (series, time). Against the current point
 * (the highest version stored, or written earlier in the same batch): new → store; higher version
 * → store (an upsert, reads keep the higher version); same version and the same attribute set and
 * values → accept without storing again; same version, other values → reject; lower version →
 * reject, naming the stored version.
 *
 * <p>Fast path, allocation-free: a row newer than every point its series holds in memory, every
 * earlier row of the series in the batch, and the last migration's cutoff is new; a batch whose
 * rows all are is checked by one small loop. Otherwise the point is looked up in the open chunk
 * (its times sorted once per batch, its rows visited only when it holds the time), in sealed and
 * frozen chunks covering its time (their times decoded once per batch, the whole chunk only when
 * it holds the time, the last one cached), in earlier rows of the batch, and when none of those
 * has it, in the magnetic store (migrated points, and the first points of a series the memory
 * store does not hold), read once per series and batch.
 */
final class DuplicateChecker {

    private final MemoryStore store;
    private final MagneticReader magnetic;
    private ChunkRows decoded;
    /**
     * The times of each chunk looked into during the batch, decoded once: rows of one call arriving
     * after a later call's rows fall inside a chunk's time range without being in it, and finding
     * that needs only the times. Rows of different series interleave, so one cached chunk would be
     * decoded again for nearly every row.
     */
    private final IdentityHashMap<SealedChunk, long[]> chunkTimes = new IdentityHashMap<>();
    /**
     * The times of each open chunk looked into during the batch, sorted once: a row that falls
     * inside an open chunk's time range without being in it (rows arriving behind a later write)
     * is then told apart by a binary search instead of a pass over the chunk's rows. The open
     * chunks do not change during a check: the batch is applied after it.
     */
    private final IdentityHashMap<OpenChunk, long[]> openTimes = new IdentityHashMap<>();
    // the current point found by the last lookup
    private boolean found;
    private long foundVersion;
    private PointRows foundRows;
    private int foundRow;

    DuplicateChecker(MemoryStore store, MagneticReader magnetic) {
        this.store = store;
        this.magnetic = magnetic;
    }

    /**
     * @throws EngineException VALIDATION when a row has no value, or a column's type differs from
     *     the type the series stores under that name; nothing is accepted then
     */
    CheckedBatch check(WriteBatch batch) {
        int seriesCount = batch.seriesCount();
        SeriesSlot[] slots = new SeriesSlot[seriesCount];
        for (int s = 0; s < seriesCount; s++) {
            slots[s] = store.slot(batch.series(s));
        }
        checkColumnTypes(batch, store.layout(batch), slots);
        long[] newestInBatch = new long[seriesCount];
        Arrays.fill(newestInBatch, Long.MIN_VALUE);
        int firstLookup = newRows(batch, slots, newestInBatch, store.magneticCeilingNanos());
        if (firstLookup == batch.rowCount()) {
            return new CheckedBatch(batch, List.of());
        }
        return checkFrom(batch, slots, newestInBatch, firstLookup);
    }

    /**
     * The fast path on its own, a small loop the JIT compiles early and cheaply: the index of the
     * first row that is not new by the fast-path rule (every row before it is new, and
     * {@code newestInBatch} holds their newest time per series), or the row count when all are.
     */
    private static int newRows(WriteBatch batch, SeriesSlot[] slots, long[] newestInBatch, long magneticCeiling) {
        int rows = batch.rowCount();
        for (int row = 0; row < rows; row++) {
            int s = batch.seriesIndex(row);
            SeriesSlot slot = slots[s];
            long time = batch.timeNanos(row);
            if (!isNew(slot, time, newestInBatch[s], magneticCeiling)) {
                return row;
            }
            newestInBatch[s] = time;
        }
        return rows;
    }

    /**
     * The fast-path rule: a row at {@code time} is new when it is later than every point its series
     * holds in memory ({@code slot}), than every earlier row of the series in the batch
     * ({@code newestInBatch}), and not before the last migration's cutoff.
     */
    private static boolean isNew(SeriesSlot slot, long time, long newestInBatch, long magneticCeiling) {
        return slot != null && slot.hasPoints() && time > slot.maxTime && time > newestInBatch
                && time >= magneticCeiling;
    }

    /**
     * Checks rows {@code first} on, every earlier row being new (see {@link #newRows}): each row on
     * the fast path when it can, otherwise by looking up the current point.
     */
    private CheckedBatch checkFrom(WriteBatch batch, SeriesSlot[] slots, long[] newestInBatch, int first) {
        int rows = batch.rowCount();
        // open chunks have changed since the last batch, even if that one's check failed half-way
        openTimes.clear();
        BitSet keep = new BitSet(rows);
        keep.set(0, first);
        List<RowRejection> rejections = new ArrayList<>(0);
        PointRows batchRows = null;
        MagneticChunks magneticChunks = null;
        long magneticCeiling = store.magneticCeilingNanos();
        for (int row = first; row < rows; row++) {
            int s = batch.seriesIndex(row);
            SeriesSlot slot = slots[s];
            long time = batch.timeNanos(row);
            long version = batch.version(row);
            boolean keepRow;
            if (isNew(slot, time, newestInBatch[s], magneticCeiling)) {
                keepRow = true;
            } else {
                if (batchRows == null) {
                    batchRows = PointRows.of(batch);
                }
                if (magneticChunks == null) {
                    magneticChunks = new MagneticChunks(batch);
                }
                findCurrent(batch, batchRows, magneticChunks, keep, row, slot, newestInBatch[s]);
                if (!found || version > foundVersion) {
                    keepRow = true;
                } else if (version == foundVersion && PointRows.sameValues(batchRows, row, foundRows, foundRow)) {
                    keepRow = false;
                } else {
                    keepRow = false;
                    rejections.add(new RowRejection(row, foundVersion, version < foundVersion));
                }
            }
            if (keepRow) {
                keep.set(row);
                newestInBatch[s] = Math.max(newestInBatch[s], time);
            }
        }
        // a decoded chunk is ~8 bytes per value: kept past the batch, it would outweigh the chunks themselves
        decoded = null;
        foundRows = null;
        chunkTimes.clear();
        openTimes.clear();
        return new CheckedBatch(keep.isEmpty() ? null : batch.retainRows(keep), rejections);
    }

    /**
     * Fails on the first row (in row order) with no value or with a value in a column whose type
     * differs from the one its series stores under that name. The stored types are looked up once
     * per series and column, not per row, and not at all for a series whose slot remembers that
     * the batch's layout agrees with it; when no series conflicts with any column and every row
     * has a value (checked a word of rows at a time), no row is visited.
     */
    private static void checkColumnTypes(WriteBatch batch, ColumnLayout layout, SeriesSlot[] slots) {
        int columns = batch.columnCount();
        ValueColumn[] valueColumns = new ValueColumn[columns];
        for (int c = 0; c < columns; c++) {
            valueColumns[c] = batch.column(c);
        }
        // conflicting[s * columns + c]: the stored type of series s under column c's name, when it differs
        MeasureType[] conflicting = null;
        for (int s = 0; s < slots.length; s++) {
            if (slots[s] == null || slots[s].typesAgree(layout)) {
                continue;
            }
            boolean agree = true;
            for (int c = 0; c < columns; c++) {
                MeasureType stored = slots[s].columnType(layout.name(c));
                if (stored != null && stored != layout.type(c)) {
                    if (conflicting == null) {
                        conflicting = new MeasureType[slots.length * columns];
                    }
                    conflicting[s * columns + c] = stored;
                    agree = false;
                }
            }
            if (agree) {
                slots[s].rememberTypesAgree(layout);
            }
        }
        if (conflicting == null && everyRowHasAValue(batch, valueColumns)) {
            return;
        }
        for (int row = 0; row < batch.rowCount(); row++) {
            int s = batch.seriesIndex(row);
            boolean any = false;
            for (int c = 0; c < columns; c++) {
                ValueColumn column = valueColumns[c];
                if (!column.isPresent(row)) {
                    continue;
                }
                any = true;
                MeasureType stored = conflicting == null ? null : conflicting[s * columns + c];
                if (stored != null) {
                    throw EngineException.validation("cannot write batch: column type differs from the series' stored"
                            + " type, table=" + batch.tableId() + ", series=" + slots[s].key + ", column="
                            + column.name() + ", stored=" + stored + ", written=" + column.type() + ", row=" + row);
                }
            }
            if (!any) {
                throw EngineException.validation("cannot write batch: row has no value, table=" + batch.tableId()
                        + ", series=" + batch.series(s) + ", row=" + row);
            }
        }
    }

    private static boolean everyRowHasAValue(WriteBatch batch, ValueColumn[] columns) {
        int rows = batch.rowCount();
        int words = (rows + 63) >>> 6;
        for (int w = 0; w < words; w++) {
            long any = 0;
            for (ValueColumn column : columns) {
                any |= column.presenceWord(w);
            }
            long wanted = w == words - 1 && (rows & 63) != 0 ? (1L << rows) - 1 : -1L;
            if ((any & wanted) != wanted) {
                return false;
            }
        }
        return true;
    }

    /** Finds the current point at the row's series and time; sets {@link #found} and its fields. */
    private void findCurrent(WriteBatch batch, PointRows batchRows, MagneticChunks magneticChunks, BitSet kept,
                             int row, SeriesSlot slot, long newestInBatch) {
        found = false;
        long time = batch.timeNanos(row);
        if (slot != null && slot.hasPoints() && time >= slot.minTime && time <= slot.maxTime) {
            findInMemory(slot, time);
        }
        if (time <= newestInBatch) {
            int s = batch.seriesIndex(row);
            for (int earlier = kept.nextSetBit(0); earlier >= 0 && earlier < row; earlier = kept.nextSetBit(earlier + 1)) {
                if (batch.seriesIndex(earlier) == s && batch.timeNanos(earlier) == time
                        && (!found || batch.version(earlier) >= foundVersion)) {
                    offer(batch.version(earlier), batchRows, earlier);
                }
            }
        }
        if (!found) {
            for (SealedChunk chunk : magneticChunks.of(batch.seriesIndex(row))) {
                findInChunk(chunk, time);
            }
        }
    }

    private void findInMemory(SeriesSlot slot, long time) {
        for (StoredChunk c : slot.frozen) {
            findInChunk(c.chunk(), time);
        }
        for (StoredChunk c : slot.sealed) {
            findInChunk(c.chunk(), time);
        }
        OpenChunk open = slot.open;
        if (open != null && time >= open.minTime() && time <= open.maxTime()
                && Arrays.binarySearch(openTimes.computeIfAbsent(open, DuplicateChecker::sortedTimes), time) >= 0) {
            PointRows openRows = null;
            for (int r = 0; r < open.size(); r++) {
                // a later row wins a tie, as when the open chunk is sealed
                if (open.timeAt(r) == time && (!found || open.versionAt(r) >= foundVersion)) {
                    if (openRows == null) {
                        openRows = PointRows.of(open);
                    }
                    offer(open.versionAt(r), openRows, r);
                }
            }
        }
    }

    private void findInChunk(SealedChunk chunk, long time) {
        if (time < chunk.minTime() || time > chunk.maxTime()) {
            return;
        }
        if (decoded == null || decoded.chunk() != chunk) {
            if (Arrays.binarySearch(chunkTimes.computeIfAbsent(chunk, DuplicateChecker::times), time) < 0) {
                return;
            }
            decoded = new ChunkRows(chunk);
        }
        int r = decoded.find(time);
        if (r >= 0 && (!found || decoded.versionAt(r) > foundVersion)) {
            offer(decoded.versionAt(r), decoded, r);
        }
    }

    private static long[] sortedTimes(OpenChunk open) {
        long[] times = new long[open.size()];
        for (int r = 0; r < times.length; r++) {
            times[r] = open.timeAt(r);
        }
        Arrays.sort(times);
        return times;
    }

    private static long[] times(SealedChunk chunk) {
        long[] times = new long[chunk.count()];
        chunk.decodeTimes(times);
        return times;
    }

    private void offer(long version, PointRows rows, int row) {
        found = true;
        foundVersion = version;
        foundRows = rows;
        foundRow = row;
    }

    /**
     * The magnetic chunks of each series of a batch over the batch's time range of that series, read
     * once per series when a row first needs them ({@link #findInChunk} filters by time), rather than
     * asking the magnetic store again for every row of a series it does not hold.
     */
    private final class MagneticChunks {
        private final WriteBatch batch;
        private final List<List<SealedChunk>> bySeries;
        private long[] from;
        private long[] to;

        MagneticChunks(WriteBatch batch) {
            this.batch = batch;
            this.bySeries = new ArrayList<>(Collections.nCopies(batch.seriesCount(), null));
        }

        List<SealedChunk> of(int series) {
            List<SealedChunk> chunks = bySeries.get(series);
            if (chunks == null) {
                if (from == null) {
                    timeRanges();
                }
                chunks = magnetic.read(store.tableId(), batch.series(series), from[series], to[series]);
                bySeries.set(series, chunks);
            }
            return chunks;
        }

        private void timeRanges() {
            from = new long[batch.seriesCount()];
            to = new long[batch.seriesCount()];
            Arrays.fill(from, Long.MAX_VALUE);
            Arrays.fill(to, Long.MIN_VALUE);
            for (int row = 0; row < batch.rowCount(); row++) {
                int s = batch.seriesIndex(row);
                from[s] = Math.min(from[s], batch.timeNanos(row));
                to[s] = Math.max(to[s], batch.timeNanos(row));
            }
        }
    }
}
