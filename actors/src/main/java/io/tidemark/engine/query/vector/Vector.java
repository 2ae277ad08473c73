package io.tidemark.engine.query.vector;

import io.tidemark.sql.type.SqlType;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable column of {@link #size()} values of one SQL type: exactly one primitive or object
 * array, chosen by {@link Storage#of(SqlType)}, and a null mask. Arrays may be longer than
 * {@code size}; rows past it are meaningless. The arrays are shared, never copied, so no one
 * writes to an array after it became a vector's.
 *
 * <p>A vector made by {@link #constant} (or {@link #nulls}) knows that every row holds the same
 * value: its slices and selections of at most its size share its arrays instead of copying
 * rows (a scan's dimension columns, and the columns a lazy AND selects but never reads).
 */
public final class Vector {

    private final SqlType type;
    private final Storage storage;
    private final int size;
    private final boolean[] nulls;
    private final long[] longs;
    private final double[] doubles;
    private final boolean[] booleans;
    private final Object[] objects;
    /** True when every row holds the same value (the arrays' first {@code size} elements are equal). */
    private final boolean uniform;

    private Vector(SqlType type, int size, boolean[] nulls, long[] longs, double[] doubles, boolean[] booleans, Object[] objects) {
        this(type, size, nulls, longs, doubles, booleans, objects, false);
    }

    private Vector(SqlType type, int size, boolean[] nulls, long[] longs, double[] doubles, boolean[] booleans, Object[] objects,
            boolean uniform) {
        this.uniform = uniform;
        this.type = Objects.requireNonNull(type, "type");
        this.storage = Storage.of(type);
        this.size = size;
        this.nulls = nulls;
        this.longs = longs;
        this.doubles = doubles;
        this.booleans = booleans;
        this.objects = objects;
    }

    /** A LONG-stored vector; {@code nulls} may be null when no row is null. */
    public static Vector ofLongs(SqlType type, long[] values, boolean[] nulls, int size) {
        requireStorage(type, Storage.LONG);
        return new Vector(type, size, nulls, values, null, null, null);
    }

    public static Vector ofDoubles(SqlType type, double[] values, boolean[] nulls, int size) {
        requireStorage(type, Storage.DOUBLE);
        return new Vector(type, size, nulls, null, values, null, null);
    }

    public static Vector ofBooleans(SqlType type, boolean[] values, boolean[] nulls, int size) {
        requireStorage(type, Storage.BOOLEAN);
        return new Vector(type, size, nulls, null, null, values, null);
    }

    /** An OBJECT-stored vector; a null element is a null row (the mask is derived). */
    public static Vector ofObjects(SqlType type, Object[] values, int size) {
        requireStorage(type, Storage.OBJECT);
        boolean[] nulls = null;
        for (int i = 0; i < size; i++) {
            if (values[i] == null) {
                if (nulls == null) {
                    nulls = new boolean[size];
                }
                nulls[i] = true;
            }
        }
        return new Vector(type, size, nulls, null, null, null, values);
    }

    /**
     * {@code size} copies of one boxed value (null for a vector of nulls), converted as
     * {@link VectorBuilder#append(Object)} converts it, filled array-wide: every literal of an
     * expression becomes one of these per batch.
     */
    public static Vector constant(SqlType type, Object value, int size) {
        Storage storage = Storage.of(type);
        boolean[] nulls = null;
        if (value == null) {
            nulls = new boolean[size];
            Arrays.fill(nulls, true);
        }
        switch (storage) {
            case LONG: {
                long[] values = new long[size];
                if (value != null) {
                    Arrays.fill(values, ((Number) value).longValue());
                }
                return new Vector(type, size, nulls, values, null, null, null, true);
            }
            case DOUBLE: {
                double[] values = new double[size];
                if (value != null) {
                    Arrays.fill(values, ((Number) value).doubleValue());
                }
                return new Vector(type, size, nulls, null, values, null, null, true);
            }
            case BOOLEAN: {
                boolean[] values = new boolean[size];
                if (value != null) {
                    Arrays.fill(values, (Boolean) value);
                }
                return new Vector(type, size, nulls, null, null, values, null, true);
            }
            default: {
                Object[] values = new Object[size];
                if (value != null) {
                    Arrays.fill(values, value);
                }
                return new Vector(type, size, nulls, null, null, null, values, true);
            }
        }
    }

    public static Vector nulls(SqlType type, int size) {
        return constant(type, null, size);
    }

    private static void requireStorage(SqlType type, Storage expected) {
        if (Storage.of(type) != expected) {
            throw new IllegalArgumentException("cannot store " + type.displayName() + " as " + expected + ": it is stored as " + Storage.of(type));
        }
    }

    public SqlType type() {
        return type;
    }

    public Storage storage() {
        return storage;
    }

    public int size() {
        return size;
    }

    public boolean isNull(int row) {
        return nulls != null && nulls[row];
    }

    /** True if some row may be null; false guarantees none is. */
    public boolean mayHaveNulls() {
        return nulls != null;
    }

    /** The null mask, or null when no row is null. Read only. */
    public boolean[] nullMask() {
        return nulls;
    }

    /** The LONG array. Read only. */
    public long[] longs() {
        return longs;
    }

    public double[] doubles() {
        return doubles;
    }

    public boolean[] booleans() {
        return booleans;
    }

    public Object[] objects() {
        return objects;
    }

    public long getLong(int row) {
        return longs[row];
    }

    public double getDouble(int row) {
        return doubles[row];
    }

    public boolean getBoolean(int row) {
        return booleans[row];
    }

    public Object getObject(int row) {
        return objects[row];
    }

    /** The row's value boxed as {@link Storage} describes, or null. */
    public Object get(int row) {
        if (isNull(row)) {
            return null;
        }
        switch (storage) {
            case LONG:
                return longs[row];
            case DOUBLE:
                return doubles[row];
            case BOOLEAN:
                return booleans[row];
            default:
                return objects[row];
        }
    }

    /** The rows at {@code positions[0..count)}, in that order. */
    public Vector select(int[] positions, int count) {
        if (uniform && count <= size) {
            return new Vector(type, count, nulls, longs, doubles, booleans, objects, true);
        }
        boolean[] selectedNulls = null;
        if (nulls != null) {
            selectedNulls = new boolean[count];
            for (int i = 0; i < count; i++) {
                selectedNulls[i] = nulls[positions[i]];
            }
        }
        switch (storage) {
            case LONG: {
                long[] out = new long[count];
                for (int i = 0; i < count; i++) {
                    out[i] = longs[positions[i]];
                }
                return new Vector(type, count, selectedNulls, out, null, null, null);
            }
            case DOUBLE: {
                double[] out = new double[count];
                for (int i = 0; i < count; i++) {
                    out[i] = doubles[positions[i]];
                }
                return new Vector(type, count, selectedNulls, null, out, null, null);
            }
            case BOOLEAN: {
                boolean[] out = new boolean[count];
                for (int i = 0; i < count; i++) {
                    out[i] = booleans[positions[i]];
                }
                return new Vector(type, count, selectedNulls, null, null, out, null);
            }
            default: {
                Object[] out = new Object[count];
                for (int i = 0; i < count; i++) {
                    out[i] = objects[positions[i]];
                }
                return new Vector(type, count, selectedNulls, null, null, null, out);
            }
        }
    }

    /** Rows {@code [from, to)}. */
    public Vector slice(int from, int to) {
        int count = to - from;
        if (uniform) {
            return new Vector(type, count, nulls, longs, doubles, booleans, objects, true);
        }
        boolean[] slicedNulls = nulls == null ? null : Arrays.copyOfRange(nulls, from, to);
        switch (storage) {
            case LONG:
                return new Vector(type, count, slicedNulls, Arrays.copyOfRange(longs, from, to), null, null, null);
            case DOUBLE:
                return new Vector(type, count, slicedNulls, null, Arrays.copyOfRange(doubles, from, to), null, null);
            case BOOLEAN:
                return new Vector(type, count, slicedNulls, null, null, Arrays.copyOfRange(booleans, from, to), null);
            default:
                return new Vector(type, count, slicedNulls, null, null, null, Arrays.copyOfRange(objects, from, to));
        }
    }

    /** The vectors' rows one after another ({@code rows} in total), copied array by array; all have {@code type}'s storage. */
    public static Vector concat(SqlType type, List<Vector> parts, int rows) {
        Storage storage = Storage.of(type);
        boolean anyNull = false;
        for (Vector part : parts) {
            anyNull |= part.nulls != null || part.storage != storage;
        }
        boolean[] nulls = anyNull ? new boolean[rows] : null;
        long[] longs = storage == Storage.LONG ? new long[rows] : null;
        double[] doubles = storage == Storage.DOUBLE ? new double[rows] : null;
        boolean[] booleans = storage == Storage.BOOLEAN ? new boolean[rows] : null;
        Object[] objects = storage == Storage.OBJECT ? new Object[rows] : null;
        int at = 0;
        for (Vector part : parts) {
            int n = part.size;
            if (part.storage != storage) {
                // Only a column of bare NULLs (type unknown) may differ in storage: its rows are nulls.
                if (part.type != io.tidemark.sql.type.PrimitiveType.UNKNOWN) {
                    throw new IllegalArgumentException("cannot concatenate a " + part.type.displayName() + " vector into " + type.displayName());
                }
                java.util.Arrays.fill(nulls, at, at + n, true);
                at += n;
                continue;
            }
            if (part.nulls != null) {
                System.arraycopy(part.nulls, 0, nulls, at, n);
            }
            switch (storage) {
                case LONG:
                    System.arraycopy(part.longs, 0, longs, at, n);
                    break;
                case DOUBLE:
                    System.arraycopy(part.doubles, 0, doubles, at, n);
                    break;
                case BOOLEAN:
                    System.arraycopy(part.booleans, 0, booleans, at, n);
                    break;
                default:
                    System.arraycopy(part.objects, 0, objects, at, n);
            }
            at += n;
        }
        return new Vector(type, rows, nulls, longs, doubles, booleans, objects);
    }

    /** The same values seen as another type of the same storage (e.g. integer as bigint). */
    public Vector withType(SqlType newType) {
        requireStorage(newType, storage);
        return new Vector(newType, size, nulls, longs, doubles, booleans, objects, uniform);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(type.displayName()).append('[');
        for (int i = 0; i < Math.min(size, 20); i++) {
            text.append(i == 0 ? "" : ", ").append(get(i));
        }
        return text.append(size > 20 ? ", ...]" : "]").toString();
    }
}
