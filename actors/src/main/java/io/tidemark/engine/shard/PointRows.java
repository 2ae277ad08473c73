package io.tidemark.engine.shard;

import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.model.MeasureType;

/**
 * Rows of named value columns, whatever holds them (a write batch, an open chunk, a decoded sealed
 * chunk), so a duplicate check compares a batch row with a stored point the same way wherever the
 * point lives. Used on the duplicate check's slow path only.
 */
interface PointRows {

    int columnCount();

    String columnName(int col);

    MeasureType columnType(int col);

    boolean isPresent(int col, int row);

    double doubleAt(int col, int row);

    /** BIGINT or TIMESTAMP. */
    long longAt(int col, int row);

    boolean booleanAt(int col, int row);

    String varcharAt(int col, int row);

    /**
     * True when row {@code ra} of {@code a} and row {@code rb} of {@code b} have values in the same
     * columns (by name) and equal values there: the whole attribute set of a multi-measure record.
     * Doubles compare by bits, so NaN equals itself and 0.0 differs from -0.0.
     */
    static boolean sameValues(PointRows a, int ra, PointRows b, int rb) {
        int matched = 0;
        for (int ca = 0; ca < a.columnCount(); ca++) {
            if (!a.isPresent(ca, ra)) {
                continue;
            }
            int cb = b.columnIndex(a.columnName(ca));
            if (cb < 0 || b.columnType(cb) != a.columnType(ca) || !b.isPresent(cb, rb) || !sameValue(a, ca, ra, b, cb, rb)) {
                return false;
            }
            matched++;
        }
        int presentInB = 0;
        for (int cb = 0; cb < b.columnCount(); cb++) {
            if (b.isPresent(cb, rb)) {
                presentInB++;
            }
        }
        return presentInB == matched;
    }

    private static boolean sameValue(PointRows a, int ca, int ra, PointRows b, int cb, int rb) {
        switch (a.columnType(ca)) {
            case DOUBLE:
                return Double.doubleToRawLongBits(a.doubleAt(ca, ra)) == Double.doubleToRawLongBits(b.doubleAt(cb, rb));
            case BIGINT:
            case TIMESTAMP:
                return a.longAt(ca, ra) == b.longAt(cb, rb);
            case BOOLEAN:
                return a.booleanAt(ca, ra) == b.booleanAt(cb, rb);
            default:
                return a.varcharAt(ca, ra).equals(b.varcharAt(cb, rb));
        }
    }

    /** The index of the column named {@code name}, or -1. */
    default int columnIndex(String name) {
        for (int c = 0; c < columnCount(); c++) {
            if (columnName(c).equals(name)) {
                return c;
            }
        }
        return -1;
    }

    static PointRows of(WriteBatch batch) {
        return new PointRows() {
            @Override
            public int columnCount() {
                return batch.columnCount();
            }

            @Override
            public String columnName(int col) {
                return batch.column(col).name();
            }

            @Override
            public MeasureType columnType(int col) {
                return batch.column(col).type();
            }

            @Override
            public boolean isPresent(int col, int row) {
                return batch.column(col).isPresent(row);
            }

            @Override
            public double doubleAt(int col, int row) {
                return batch.column(col).doubleAt(row);
            }

            @Override
            public long longAt(int col, int row) {
                return batch.column(col).longAt(row);
            }

            @Override
            public boolean booleanAt(int col, int row) {
                return batch.column(col).booleanAt(row);
            }

            @Override
            public String varcharAt(int col, int row) {
                return batch.column(col).stringAt(row);
            }
        };
    }

    static PointRows of(OpenChunk chunk) {
        return new PointRows() {
            @Override
            public int columnCount() {
                return chunk.columns().size();
            }

            @Override
            public String columnName(int col) {
                return chunk.columns().get(col).name();
            }

            @Override
            public MeasureType columnType(int col) {
                return chunk.columns().get(col).type();
            }

            @Override
            public int columnIndex(String name) {
                return chunk.columnIndex(name);
            }

            @Override
            public boolean isPresent(int col, int row) {
                return chunk.isPresent(col, row);
            }

            @Override
            public double doubleAt(int col, int row) {
                return chunk.doubleAt(col, row);
            }

            @Override
            public long longAt(int col, int row) {
                return chunk.longAt(col, row);
            }

            @Override
            public boolean booleanAt(int col, int row) {
                return chunk.booleanAt(col, row);
            }

            @Override
            public String varcharAt(int col, int row) {
                return chunk.varcharAt(col, row);
            }
        };
    }
}
