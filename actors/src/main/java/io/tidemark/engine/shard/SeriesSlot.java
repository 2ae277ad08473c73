package io.tidemark.engine.shard;

import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.List;

/**
 * One series in a memory store: its open chunk (null between a seal and the next point), its
 * sealed chunks, and the chunks frozen for a pending migration. Mutated only by {@link MemoryStore}.
 */
final class SeriesSlot {

    final SeriesKey key;
    /** Every column the series has had, in first-seen order: a new open chunk starts with all of them. */
    List<ColumnSpec> columns = List.of();
    OpenChunk open;
    /** Lowest journal index that contributed rows to {@link #open}. */
    long openLowestIndex;
    /** Rows of the last chunk sealed, the capacity the next open chunk starts with. */
    int lastSealedRows;
    /** The heap estimate last accounted for {@link #open}. */
    long openBytes;
    /** {@link #open} encoded for the last checkpoint, valid while it is the same chunk with as many rows. */
    SealedChunk openSnapshot;
    OpenChunk openSnapshotOf;
    int openSnapshotRows;
    final List<StoredChunk> sealed = new ArrayList<>();
    final List<StoredChunk> frozen = new ArrayList<>();
    /** Oldest and newest point held in memory (open, sealed and frozen); MAX/MIN when none. */
    long minTime = Long.MAX_VALUE;
    long maxTime = Long.MIN_VALUE;
    /** The layout last found to store no column under another type, and the {@link #columns} it was checked against. */
    private ColumnLayout typesAgreeLayout;
    private List<ColumnSpec> typesAgreeColumns;
    /** The open chunks' index of each column of {@link #indexedLayout}, for chunks of {@link #indexedColumns}. */
    private ColumnLayout indexedLayout;
    private List<ColumnSpec> indexedColumns;
    private int[] chunkIndexes;

    SeriesSlot(SeriesKey key) {
        this.key = key;
    }

    boolean hasPoints() {
        return minTime <= maxTime;
    }

    /** The stored type of column {@code name}, or null when the series never had it. */
    MeasureType columnType(String name) {
        // an index loop: called per row by the duplicate check, where an iterator would be garbage per point
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec spec = columns.get(i);
            if (spec.name().equals(name)) {
                return spec.type();
            }
        }
        return null;
    }

    /**
     * True when {@link #typesAgree(ColumnLayout) remembered}: no column of {@code layout} is stored
     * by this series under another type. The series' columns only grow (a new list each time), so
     * the answer holds while they are the same list.
     */
    boolean typesAgree(ColumnLayout layout) {
        return typesAgreeLayout == layout && typesAgreeColumns == columns;
    }

    /** Remembers that no column of {@code layout} is stored by this series under another type. */
    void rememberTypesAgree(ColumnLayout layout) {
        typesAgreeLayout = layout;
        typesAgreeColumns = columns;
    }

    /**
     * The index in {@link #open} of each column of {@code layout}, -1 where the chunk lacks it;
     * worked out once per layout and chunk column list, which successive open chunks share. The
     * array is the slot's: read it, do not change it.
     */
    int[] openChunkIndexes(ColumnLayout layout) {
        List<ColumnSpec> chunkColumns = open.columns();
        if (indexedLayout != layout || indexedColumns != chunkColumns) {
            chunkIndexes = layout.indexesIn(chunkColumns);
            indexedLayout = layout;
            indexedColumns = chunkColumns;
        }
        return chunkIndexes;
    }

    void recomputeBounds() {
        minTime = Long.MAX_VALUE;
        maxTime = Long.MIN_VALUE;
        if (open != null) {
            include(open.minTime(), open.maxTime());
        }
        for (StoredChunk c : sealed) {
            include(c.chunk().minTime(), c.chunk().maxTime());
        }
        for (StoredChunk c : frozen) {
            include(c.chunk().minTime(), c.chunk().maxTime());
        }
    }

    void include(long from, long to) {
        minTime = Math.min(minTime, from);
        maxTime = Math.max(maxTime, to);
    }

    /** Lowest journal index any of its chunks needs, or {@code Long.MAX_VALUE}. */
    long lowestJournalIndex() {
        long lowest = open == null ? Long.MAX_VALUE : openLowestIndex;
        for (StoredChunk c : sealed) {
            lowest = Math.min(lowest, c.lowestJournalIndex());
        }
        for (StoredChunk c : frozen) {
            lowest = Math.min(lowest, c.lowestJournalIndex());
        }
        return lowest;
    }
}
