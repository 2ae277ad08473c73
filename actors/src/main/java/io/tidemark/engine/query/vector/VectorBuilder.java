package io.tidemark.engine.query.vector;

import io.tidemark.sql.type.SqlType;
import java.util.Arrays;

/** Appends values of one type into growable arrays and hands them to a {@link Vector}; used once. */
public final class VectorBuilder {

    private final SqlType type;
    private final Storage storage;
    private int size;
    private boolean[] nulls;
    private long[] longs;
    private double[] doubles;
    private boolean[] booleans;
    private Object[] objects;

    public VectorBuilder(SqlType type, int expectedSize) {
        this.type = type;
        this.storage = Storage.of(type);
        int capacity = Math.max(expectedSize, 4);
        switch (storage) {
            case LONG:
                longs = new long[capacity];
                break;
            case DOUBLE:
                doubles = new double[capacity];
                break;
            case BOOLEAN:
                booleans = new boolean[capacity];
                break;
            default:
                objects = new Object[capacity];
        }
    }

    public SqlType type() {
        return type;
    }

    public int size() {
        return size;
    }

    private void ensureRoom() {
        int capacity = capacity();
        if (size < capacity) {
            return;
        }
        int grown = capacity + (capacity >> 1) + 4;
        switch (storage) {
            case LONG:
                longs = Arrays.copyOf(longs, grown);
                break;
            case DOUBLE:
                doubles = Arrays.copyOf(doubles, grown);
                break;
            case BOOLEAN:
                booleans = Arrays.copyOf(booleans, grown);
                break;
            default:
                objects = Arrays.copyOf(objects, grown);
        }
        if (nulls != null) {
            nulls = Arrays.copyOf(nulls, grown);
        }
    }

    private int capacity() {
        switch (storage) {
            case LONG:
                return longs.length;
            case DOUBLE:
                return doubles.length;
            case BOOLEAN:
                return booleans.length;
            default:
                return objects.length;
        }
    }

    public VectorBuilder appendNull() {
        ensureRoom();
        if (nulls == null) {
            nulls = new boolean[capacity()];
        }
        nulls[size++] = true;
        return this;
    }

    public VectorBuilder appendLong(long value) {
        ensureRoom();
        longs[size++] = value;
        return this;
    }

    public VectorBuilder appendDouble(double value) {
        ensureRoom();
        doubles[size++] = value;
        return this;
    }

    public VectorBuilder appendBoolean(boolean value) {
        ensureRoom();
        booleans[size++] = value;
        return this;
    }

    /** Appends a boxed value as {@link Storage} describes it; null appends a null. */
    public VectorBuilder append(Object value) {
        if (value == null) {
            return appendNull();
        }
        switch (storage) {
            case LONG:
                return appendLong(((Number) value).longValue());
            case DOUBLE:
                return appendDouble(((Number) value).doubleValue());
            case BOOLEAN:
                return appendBoolean((Boolean) value);
            default:
                ensureRoom();
                objects[size++] = value;
                return this;
        }
    }

    /** Appends row {@code row} of {@code source}, which has this builder's storage. */
    public VectorBuilder append(Vector source, int row) {
        if (source.isNull(row)) {
            return appendNull();
        }
        switch (storage) {
            case LONG:
                return appendLong(source.getLong(row));
            case DOUBLE:
                return appendDouble(source.getDouble(row));
            case BOOLEAN:
                return appendBoolean(source.getBoolean(row));
            default:
                ensureRoom();
                objects[size++] = source.getObject(row);
                return this;
        }
    }

    public Vector build() {
        boolean[] mask = nulls == null ? null : Arrays.copyOf(nulls, Math.max(size, 0));
        switch (storage) {
            case LONG:
                return Vector.ofLongs(type, longs, mask, size);
            case DOUBLE:
                return Vector.ofDoubles(type, doubles, mask, size);
            case BOOLEAN:
                return Vector.ofBooleans(type, booleans, mask, size);
            default:
                return Vector.ofObjects(type, objects, size);
        }
    }
}
