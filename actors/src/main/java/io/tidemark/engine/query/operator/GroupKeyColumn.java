package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Values;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.Arrays;

/**
 * The distinct values of one key column of a multi-column {@link GroupByHash}, indexed by group id,
 * with the column-at-a-time hashing and the row-against-group comparison for that column's storage.
 * Nulls are a value like any other (one group), so grouping is IS NOT DISTINCT FROM.
 */
abstract class GroupKeyColumn {

    /** What a null contributes to a row hash. */
    static final long NULL_HASH = 0x5bd1e995L;

    protected final SqlType type;
    protected boolean[] nulls = new boolean[16];

    GroupKeyColumn(SqlType type) {
        this.type = type;
    }

    static GroupKeyColumn of(SqlType type) {
        switch (Storage.of(type)) {
            case LONG:
                return new Longs(type);
            case DOUBLE:
                return new Doubles(type);
            case BOOLEAN:
                return new Booleans(type);
            default:
                return type == PrimitiveType.VARCHAR ? new Strings(type) : new Generic(type);
        }
    }

    /** Folds this column's value hash of each row {@code rows[j]} ({@code j < count}) into {@code hashes[j]}. */
    abstract void hash(Vector keys, int[] rows, int count, long[] hashes);

    /**
     * Sets {@code changed[i]} for each row {@code 1 <= i < rowCount} whose value may differ from row
     * {@code i - 1}'s; leaves the others as they are. Unset means the two rows are one group here
     * (a reference test for objects may set it for equal values: that costs a probe, not a wrong group).
     */
    abstract void markChanges(Vector keys, int rowCount, boolean[] changed);

    /** Marks the rows whose null flag differs from the row before's. */
    protected static void markNullChanges(boolean[] mask, int rowCount, boolean[] changed) {
        if (mask != null) {
            for (int i = 1; i < rowCount; i++) {
                changed[i] |= mask[i] != mask[i - 1];
            }
        }
    }

    /** True if row {@code row} of {@code keys} equals this column's value of {@code group}. */
    abstract boolean matches(int group, Vector keys, int row);

    /** Stores row {@code row} of {@code keys} as the value of the next group, {@code group}. */
    abstract void add(int group, Vector keys, int row);

    /** The values of groups {@code 0..groupCount}, copied. */
    abstract Vector build(int groupCount);

    /** Estimated bytes held per group. */
    abstract long bytesPerGroup();

    protected final boolean[] nullsFor(int groupCount) {
        for (int g = 0; g < groupCount; g++) {
            if (nulls[g]) {
                return Arrays.copyOf(nulls, groupCount);
            }
        }
        return null;
    }

    protected final void growNulls(int group) {
        if (group == nulls.length) {
            nulls = Arrays.copyOf(nulls, group * 2);
        }
    }

    protected static long fold(long hash, long valueHash) {
        return hash * 31 + valueHash;
    }

    private static final class Longs extends GroupKeyColumn {
        private long[] values = new long[16];

        Longs(SqlType type) {
            super(type);
        }

        @Override
        void hash(Vector keys, int[] rows, int count, long[] hashes) {
            long[] in = keys.longs();
            boolean[] mask = keys.nullMask();
            for (int j = 0; j < count; j++) {
                int i = rows[j];
                hashes[j] = fold(hashes[j], mask != null && mask[i] ? NULL_HASH : in[i]);
            }
        }

        @Override
        void markChanges(Vector keys, int rowCount, boolean[] changed) {
            long[] in = keys.longs();
            for (int i = 1; i < rowCount; i++) {
                changed[i] |= in[i] != in[i - 1];
            }
            markNullChanges(keys.nullMask(), rowCount, changed);
        }

        @Override
        boolean matches(int group, Vector keys, int row) {
            boolean isNull = keys.isNull(row);
            return isNull == nulls[group] && (isNull || keys.getLong(row) == values[group]);
        }

        @Override
        void add(int group, Vector keys, int row) {
            growNulls(group);
            if (group == values.length) {
                values = Arrays.copyOf(values, group * 2);
            }
            nulls[group] = keys.isNull(row);
            values[group] = nulls[group] ? 0 : keys.getLong(row);
        }

        @Override
        Vector build(int groupCount) {
            return Vector.ofLongs(type, Arrays.copyOf(values, groupCount), nullsFor(groupCount), groupCount);
        }

        @Override
        long bytesPerGroup() {
            return 9;
        }
    }

    private static final class Doubles extends GroupKeyColumn {
        private double[] values = new double[16];

        Doubles(SqlType type) {
            super(type);
        }

        @Override
        void hash(Vector keys, int[] rows, int count, long[] hashes) {
            double[] in = keys.doubles();
            boolean[] mask = keys.nullMask();
            for (int j = 0; j < count; j++) {
                int i = rows[j];
                hashes[j] = fold(hashes[j], mask != null && mask[i] ? NULL_HASH : HashMixing.doubleKeyBits(in[i]));
            }
        }

        @Override
        void markChanges(Vector keys, int rowCount, boolean[] changed) {
            double[] in = keys.doubles();
            for (int i = 1; i < rowCount; i++) {
                changed[i] |= Double.doubleToRawLongBits(in[i]) != Double.doubleToRawLongBits(in[i - 1]);
            }
            markNullChanges(keys.nullMask(), rowCount, changed);
        }

        @Override
        boolean matches(int group, Vector keys, int row) {
            boolean isNull = keys.isNull(row);
            if (isNull || nulls[group]) {
                return isNull == nulls[group];
            }
            double value = keys.getDouble(row);
            double stored = values[group];
            return value == stored || (value != value && stored != stored);
        }

        @Override
        void add(int group, Vector keys, int row) {
            growNulls(group);
            if (group == values.length) {
                values = Arrays.copyOf(values, group * 2);
            }
            nulls[group] = keys.isNull(row);
            values[group] = nulls[group] ? 0 : keys.getDouble(row);
        }

        @Override
        Vector build(int groupCount) {
            return Vector.ofDoubles(type, Arrays.copyOf(values, groupCount), nullsFor(groupCount), groupCount);
        }

        @Override
        long bytesPerGroup() {
            return 9;
        }
    }

    private static final class Booleans extends GroupKeyColumn {
        private boolean[] values = new boolean[16];

        Booleans(SqlType type) {
            super(type);
        }

        @Override
        void hash(Vector keys, int[] rows, int count, long[] hashes) {
            boolean[] in = keys.booleans();
            boolean[] mask = keys.nullMask();
            for (int j = 0; j < count; j++) {
                int i = rows[j];
                hashes[j] = fold(hashes[j], mask != null && mask[i] ? NULL_HASH : in[i] ? 1 : 2);
            }
        }

        @Override
        void markChanges(Vector keys, int rowCount, boolean[] changed) {
            boolean[] in = keys.booleans();
            for (int i = 1; i < rowCount; i++) {
                changed[i] |= in[i] != in[i - 1];
            }
            markNullChanges(keys.nullMask(), rowCount, changed);
        }

        @Override
        boolean matches(int group, Vector keys, int row) {
            boolean isNull = keys.isNull(row);
            return isNull == nulls[group] && (isNull || keys.getBoolean(row) == values[group]);
        }

        @Override
        void add(int group, Vector keys, int row) {
            growNulls(group);
            if (group == values.length) {
                values = Arrays.copyOf(values, group * 2);
            }
            nulls[group] = keys.isNull(row);
            values[group] = !nulls[group] && keys.getBoolean(row);
        }

        @Override
        Vector build(int groupCount) {
            return Vector.ofBooleans(type, Arrays.copyOf(values, groupCount), nullsFor(groupCount), groupCount);
        }

        @Override
        long bytesPerGroup() {
            return 2;
        }
    }

    /** Object-stored values; nulls are null references, so the null mask is not used. */
    private abstract static class References extends GroupKeyColumn {
        protected Object[] values = new Object[16];

        References(SqlType type) {
            super(type);
        }

        abstract long valueHash(Object value);

        abstract boolean valuesEqual(Object left, Object right);

        @Override
        final void hash(Vector keys, int[] rows, int count, long[] hashes) {
            Object[] in = keys.objects();
            for (int j = 0; j < count; j++) {
                Object value = in[rows[j]];
                hashes[j] = fold(hashes[j], value == null ? NULL_HASH : valueHash(value));
            }
        }

        /** Only the same reference (or null twice) counts as unchanged: a scan repeats one instance per series. */
        @Override
        final void markChanges(Vector keys, int rowCount, boolean[] changed) {
            Object[] in = keys.objects();
            for (int i = 1; i < rowCount; i++) {
                changed[i] |= in[i] != in[i - 1];
            }
        }

        @Override
        final boolean matches(int group, Vector keys, int row) {
            Object value = keys.getObject(row);
            Object stored = values[group];
            if (value == null || stored == null) {
                return value == stored;
            }
            return valuesEqual(value, stored);
        }

        @Override
        final void add(int group, Vector keys, int row) {
            if (group == values.length) {
                values = Arrays.copyOf(values, group * 2);
            }
            values[group] = keys.getObject(row);
        }

        @Override
        final Vector build(int groupCount) {
            return Vector.ofObjects(type, Arrays.copyOf(values, groupCount), groupCount);
        }

        @Override
        final long bytesPerGroup() {
            return 48;
        }
    }

    private static final class Strings extends References {
        Strings(SqlType type) {
            super(type);
        }

        @Override
        long valueHash(Object value) {
            return value.hashCode();
        }

        @Override
        boolean valuesEqual(Object left, Object right) {
            return left.equals(right);
        }
    }

    private static final class Generic extends References {
        Generic(SqlType type) {
            super(type);
        }

        @Override
        long valueHash(Object value) {
            return Values.hash(type, value);
        }

        @Override
        boolean valuesEqual(Object left, Object right) {
            return Values.equal(type, left, right);
        }
    }
}
