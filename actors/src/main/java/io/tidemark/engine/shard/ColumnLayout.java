package io.tidemark.engine.shard;

import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.model.MeasureType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The value columns of a write batch, by name and type, one object for every batch of a shard with
 * the same ones ({@link Interned}). Per series the shard remembers what it worked out for a layout
 * (that the series stores no column under another type, the open chunk's index of each column),
 * so a series written call after call with the same columns costs an identity check, not a match
 * of column names per series and batch.
 */
final class ColumnLayout {

    private final String[] names;
    private final MeasureType[] types;
    private final int hash;

    private ColumnLayout(String[] names, MeasureType[] types) {
        this.names = names;
        this.types = types;
        this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(types);
    }

    int size() {
        return names.length;
    }

    String name(int column) {
        return names[column];
    }

    MeasureType type(int column) {
        return types[column];
    }

    /** Each column's index among {@code chunkColumns} (an open chunk's), or -1 when it lacks the column. */
    int[] indexesIn(List<ColumnSpec> chunkColumns) {
        int[] indexes = new int[names.length];
        for (int c = 0; c < names.length; c++) {
            indexes[c] = -1;
            for (int i = 0; i < chunkColumns.size(); i++) {
                if (chunkColumns.get(i).name().equals(names[c])) {
                    indexes[c] = i;
                    break;
                }
            }
        }
        return indexes;
    }

    private boolean sameColumns(WriteBatch batch) {
        if (batch.columnCount() != names.length) {
            return false;
        }
        for (int c = 0; c < names.length; c++) {
            if (batch.column(c).type() != types[c] || !batch.column(c).name().equals(names[c])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ColumnLayout l && hash == l.hash && Arrays.equals(names, l.names)
                && Arrays.equals(types, l.types));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "ColumnLayout" + Arrays.toString(names);
    }

    /**
     * The layouts of one shard's batches. Bounded: when it holds {@link #MAX_LAYOUTS} it is emptied;
     * a layout made afterwards is a new object, which the series' remembered results do not match,
     * so they are worked out again. Single-threaded, like the shard.
     */
    static final class Interned {

        static final int MAX_LAYOUTS = 256;

        private final Map<ColumnLayout, ColumnLayout> layouts = new HashMap<>();
        /** The layout returned last: batches of one writer nearly always repeat it. */
        private ColumnLayout last;

        ColumnLayout of(WriteBatch batch) {
            if (last != null && last.sameColumns(batch)) {
                return last;
            }
            String[] names = new String[batch.columnCount()];
            MeasureType[] types = new MeasureType[names.length];
            for (int c = 0; c < names.length; c++) {
                names[c] = batch.column(c).name();
                types[c] = batch.column(c).type();
            }
            ColumnLayout probe = new ColumnLayout(names, types);
            ColumnLayout known = layouts.get(probe);
            if (known == null) {
                if (layouts.size() >= MAX_LAYOUTS) {
                    layouts.clear();
                }
                layouts.put(probe, probe);
                known = probe;
            }
            last = known;
            return known;
        }
    }
}
