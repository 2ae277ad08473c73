package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;

/**
 * Assembles a result vector from pieces evaluated on disjoint subsets of the rows (CASE branches,
 * lazy logical terms). Rows no piece covers are null.
 */
final class Scatter {

    private final SqlType type;
    private final Storage storage;
    private final int rowCount;
    private final boolean[] nulls;
    private long[] longs;
    private double[] doubles;
    private boolean[] booleans;
    private Object[] objects;

    Scatter(SqlType type, int rowCount) {
        this.type = type;
        this.storage = Storage.of(type);
        this.rowCount = rowCount;
        this.nulls = new boolean[rowCount];
        java.util.Arrays.fill(nulls, true);
        switch (storage) {
            case LONG:
                longs = new long[rowCount];
                break;
            case DOUBLE:
                doubles = new double[rowCount];
                break;
            case BOOLEAN:
                booleans = new boolean[rowCount];
                break;
            default:
                objects = new Object[rowCount];
        }
    }

    /** Row {@code i} of {@code values} goes to row {@code selection.positions()[i]}. */
    Scatter put(Vector values, Selection selection) {
        int[] positions = selection.positions();
        for (int i = 0; i < selection.count(); i++) {
            int row = positions[i];
            if (values.isNull(i)) {
                nulls[row] = true;
                continue;
            }
            nulls[row] = false;
            switch (storage) {
                case LONG:
                    longs[row] = values.getLong(i);
                    break;
                case DOUBLE:
                    doubles[row] = values.getDouble(i);
                    break;
                case BOOLEAN:
                    booleans[row] = values.getBoolean(i);
                    break;
                default:
                    objects[row] = values.getObject(i);
            }
        }
        return this;
    }

    /** Sets one row to a boolean (for logical operators deciding a row early). */
    void setBoolean(int row, boolean value) {
        nulls[row] = false;
        booleans[row] = value;
    }

    Vector build() {
        boolean anyNull = false;
        for (int i = 0; i < rowCount && !anyNull; i++) {
            anyNull = nulls[i];
        }
        boolean[] mask = anyNull ? nulls : null;
        switch (storage) {
            case LONG:
                return Vector.ofLongs(type, longs, mask, rowCount);
            case DOUBLE:
                return Vector.ofDoubles(type, doubles, mask, rowCount);
            case BOOLEAN:
                return Vector.ofBooleans(type, booleans, mask, rowCount);
            default:
                return Vector.ofObjects(type, objects, rowCount);
        }
    }
}
