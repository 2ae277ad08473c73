package io.tidemark.engine.query.window;

import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;

/** A window function's output column, written at input row positions in any order (results are computed in sorted order). */
final class ColumnWriter {

    private final SqlType type;
    private final int size;
    private final boolean[] nulls;
    private long[] longs;
    private double[] doubles;
    private boolean[] booleans;
    private Object[] objects;

    ColumnWriter(SqlType type, int size) {
        this.type = type;
        this.size = size;
        this.nulls = new boolean[size];
        switch (Storage.of(type)) {
            case LONG:
                longs = new long[size];
                break;
            case DOUBLE:
                doubles = new double[size];
                break;
            case BOOLEAN:
                booleans = new boolean[size];
                break;
            default:
                objects = new Object[size];
        }
    }

    /** Bytes a column of {@code size} rows holds (the widest storage plus the null mask). */
    static long bytes(int size) {
        return 9L * size;
    }

    void setNull(int row) {
        nulls[row] = true;
    }

    void setLong(int row, long value) {
        longs[row] = value;
    }

    void setDouble(int row, double value) {
        doubles[row] = value;
    }

    /** Copies row {@code sourceRow} of {@code source}, a vector of this column's storage. */
    void set(int row, Vector source, int sourceRow) {
        if (source.isNull(sourceRow)) {
            nulls[row] = true;
            return;
        }
        switch (source.storage()) {
            case LONG:
                longs[row] = source.getLong(sourceRow);
                break;
            case DOUBLE:
                doubles[row] = source.getDouble(sourceRow);
                break;
            case BOOLEAN:
                booleans[row] = source.getBoolean(sourceRow);
                break;
            default:
                objects[row] = source.getObject(sourceRow);
        }
    }

    Vector build() {
        switch (Storage.of(type)) {
            case LONG:
                return Vector.ofLongs(type, longs, nulls, size);
            case DOUBLE:
                return Vector.ofDoubles(type, doubles, nulls, size);
            case BOOLEAN:
                return Vector.ofBooleans(type, booleans, nulls, size);
            default:
                return Vector.ofObjects(type, objects, size);
        }
    }
}
