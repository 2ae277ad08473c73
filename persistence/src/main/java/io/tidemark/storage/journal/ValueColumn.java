package io.tidemark.storage.journal;

import io.tidemark.storage.model.MeasureType;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * One value column of a {@link WriteBatch}: a name, a scalar type, a presence bitmap and one
 * primitive array holding the values of every row. An absent VARCHAR row is null; the builder leaves
 * every other absent row at the type's zero value (0, 0.0, false).
 *
 * <p>Storage per type: DOUBLE in {@code doubles}; BIGINT and TIMESTAMP (nanoseconds) in
 * {@code longs}; BOOLEAN as a bitset in {@code longs} (bit {@code row} of word {@code row >>> 6});
 * VARCHAR in {@code strings}. The arrays of the other types are null.
 *
 * <p>Immutable: the arrays are owned by this column and never leave this package.
 */
public final class ValueColumn {

    private final String name;
    private final MeasureType type;
    private final int rowCount;
    private final long[] presence;
    private final double[] doubles;
    private final long[] longs;
    private final String[] strings;

    /**
     * Takes ownership of the arrays (callers must not keep them) after checking that their shape
     * fits {@code type} and {@code rowCount}.
     *
     * @throws IllegalArgumentException if the type is not scalar or an array has the wrong length
     */
    ValueColumn(String name, MeasureType type, int rowCount, long[] presence,
                double[] doubles, long[] longs, String[] strings) {
        this.name = Objects.requireNonNull(name, "column name");
        this.type = Objects.requireNonNull(type, "column type");
        this.rowCount = rowCount;
        this.presence = presence;
        this.doubles = doubles;
        this.longs = longs;
        this.strings = strings;
        checkShape();
    }

    private void checkShape() {
        if (!type.isScalar()) {
            throw new IllegalArgumentException("cannot build value column: type must be scalar, column=" + name
                    + ", type=" + type);
        }
        if (rowCount < 0) {
            throw new IllegalArgumentException("cannot build value column: column=" + name + ", rowCount=" + rowCount);
        }
        int words = bitsetWords(rowCount);
        requireLength("presence", presence == null ? -1 : presence.length, words);
        requireLength("doubles", doubles == null ? -1 : doubles.length, type == MeasureType.DOUBLE ? rowCount : -1);
        requireLength("longs", longs == null ? -1 : longs.length,
                type.isLongValued() ? rowCount : type == MeasureType.BOOLEAN ? words : -1);
        requireLength("strings", strings == null ? -1 : strings.length, type == MeasureType.VARCHAR ? rowCount : -1);
        if (type == MeasureType.VARCHAR) {
            // only strings have a per-row shape: the other types' columns are built without a visit per row
            for (int row = 0; row < rowCount; row++) {
                if ((strings[row] == null) == isPresent(row)) {
                    throw new IllegalArgumentException("cannot build value column: VARCHAR value must be non-null"
                            + " exactly when present, column=" + name + ", row=" + row);
                }
            }
        }
    }

    private void requireLength(String array, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("cannot build value column: wrong array length, column=" + name
                    + ", type=" + type + ", array=" + array + ", length=" + actual + ", expected=" + expected
                    + " (-1 means absent)");
        }
    }

    /** Words of a bitset holding {@code bits} bits. */
    static int bitsetWords(int bits) {
        return (bits + 63) >>> 6;
    }

    public String name() {
        return name;
    }

    public MeasureType type() {
        return type;
    }

    public int rowCount() {
        return rowCount;
    }

    public boolean isPresent(int row) {
        checkRow(row);
        return (presence[row >>> 6] & (1L << row)) != 0;
    }

    /**
     * Presence of rows {@code 64 * word} to {@code 64 * word + 63}, bit {@code i} for row
     * {@code 64 * word + i}; bits past the last row are 0. For checks over many rows at once.
     */
    public long presenceWord(int word) {
        return presence[word];
    }

    /** The number of rows with a value in this column. */
    public int presentCount() {
        int count = 0;
        for (long word : presence) {
            count += Long.bitCount(word);
        }
        return count;
    }

    public double doubleAt(int row) {
        requireType(MeasureType.DOUBLE == type, "DOUBLE");
        checkRow(row);
        return doubles[row];
    }

    /** The BIGINT value, or for TIMESTAMP the time in nanoseconds since the epoch. */
    public long longAt(int row) {
        requireType(type.isLongValued(), "BIGINT or TIMESTAMP");
        checkRow(row);
        return longs[row];
    }

    public boolean booleanAt(int row) {
        requireType(MeasureType.BOOLEAN == type, "BOOLEAN");
        checkRow(row);
        return (longs[row >>> 6] & (1L << row)) != 0;
    }

    /** The VARCHAR value, or null when the row has none. */
    public String stringAt(int row) {
        requireType(MeasureType.VARCHAR == type, "VARCHAR");
        checkRow(row);
        return strings[row];
    }

    /**
     * Copies the BIGINT or TIMESTAMP values of rows {@code rows[from..to)} to {@code out} from
     * {@code outFrom} on, absent rows as 0: one tight loop for a run of rows rather than a checked
     * call per value.
     */
    public void copyLongs(int[] rows, int from, int to, long[] out, int outFrom) {
        requireType(type.isLongValued(), "BIGINT or TIMESTAMP");
        long[] values = longs;
        for (int i = from; i < to; i++) {
            out[outFrom + i - from] = values[rows[i]];
        }
    }

    /** The DOUBLE values of rows {@code rows[from..to)}, the way of {@link #copyLongs}. */
    public void copyDoubles(int[] rows, int from, int to, double[] out, int outFrom) {
        requireType(MeasureType.DOUBLE == type, "DOUBLE");
        double[] values = doubles;
        for (int i = from; i < to; i++) {
            out[outFrom + i - from] = values[rows[i]];
        }
    }

    private void checkRow(int row) {
        if (row < 0 || row >= rowCount) {
            throw new IndexOutOfBoundsException("cannot read value column: column=" + name + ", row=" + row
                    + ", rowCount=" + rowCount);
        }
    }

    private void requireType(boolean ok, String wanted) {
        if (!ok) {
            throw new IllegalStateException("cannot read value column: column=" + name + ", type=" + type
                    + ", wanted=" + wanted);
        }
    }

    /** The rows whose bit is set in {@code keep} ({@code kept} of them), in order. */
    ValueColumn retainRows(BitSet keep, int kept) {
        long[] newPresence = new long[bitsetWords(kept)];
        double[] newDoubles = doubles == null ? null : new double[kept];
        long[] newLongs = longs == null ? null : new long[type == MeasureType.BOOLEAN ? bitsetWords(kept) : kept];
        String[] newStrings = strings == null ? null : new String[kept];
        int out = 0;
        for (int row = keep.nextSetBit(0); row >= 0 && row < rowCount; row = keep.nextSetBit(row + 1)) {
            if (isPresent(row)) {
                newPresence[out >>> 6] |= 1L << out;
            }
            if (newDoubles != null) {
                newDoubles[out] = doubles[row];
            } else if (newStrings != null) {
                newStrings[out] = strings[row];
            } else if (type == MeasureType.BOOLEAN) {
                if (booleanAt(row)) {
                    newLongs[out >>> 6] |= 1L << out;
                }
            } else {
                newLongs[out] = longs[row];
            }
            out++;
        }
        return new ValueColumn(name, type, kept, newPresence, newDoubles, newLongs, newStrings);
    }

    // Package-private views for the serializer, which writes the arrays in bulk.
    long[] presenceWords() {
        return presence;
    }

    double[] doubleArray() {
        return doubles;
    }

    long[] longArray() {
        return longs;
    }

    String[] stringArray() {
        return strings;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof ValueColumn c
                        && rowCount == c.rowCount
                        && name.equals(c.name)
                        && type == c.type
                        && Arrays.equals(presence, c.presence)
                        && Arrays.equals(doubles, c.doubles)
                        && Arrays.equals(longs, c.longs)
                        && Arrays.equals(strings, c.strings));
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(name, type, rowCount);
        h = 31 * h + Arrays.hashCode(presence);
        h = 31 * h + Arrays.hashCode(doubles);
        h = 31 * h + Arrays.hashCode(longs);
        return 31 * h + Arrays.hashCode(strings);
    }

    @Override
    public String toString() {
        return "ValueColumn{name=" + name + ", type=" + type + ", rows=" + rowCount + "}";
    }
}
