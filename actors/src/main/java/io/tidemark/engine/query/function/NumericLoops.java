package io.tidemark.engine.query.function;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoublePredicate;
import java.util.function.LongBinaryOperator;

/**
 * Primitive loops over several LONG- or DOUBLE-stored arguments that {@link FunctionSupport} does
 * not cover (two-argument shapes, predicates, nullary producers). A row with a null argument is
 * null and its function is not called, so a check that throws never sees a null row's leftovers.
 */
final class NumericLoops {

    /** A function of one row producing a long; for the shapes the fixed loops below do not cover. */
    @FunctionalInterface
    interface RowToLong {
        long apply(int row);
    }

    /** A function of one row producing a double. */
    @FunctionalInterface
    interface RowToDouble {
        double apply(int row);
    }

    private NumericLoops() {
    }

    /** The union of the arguments' null masks, or null when no row of any argument is null. */
    static boolean[] unionNulls(int rowCount, Vector... arguments) {
        boolean[] union = null;
        for (Vector argument : arguments) {
            boolean[] mask = argument.nullMask();
            if (mask == null) {
                continue;
            }
            if (union == null) {
                union = new boolean[rowCount];
            }
            for (int i = 0; i < rowCount; i++) {
                union[i] |= mask[i];
            }
        }
        return union;
    }

    /** {@code f(long, long) → long} over two LONG-stored vectors. */
    static Vector longs(Vector left, Vector right, SqlType resultType, LongBinaryOperator f, int rowCount) {
        long[] l = left.longs();
        long[] r = right.longs();
        return longsByRow(resultType, row -> f.applyAsLong(l[row], r[row]), rowCount, unionNulls(rowCount, left, right));
    }

    /** {@code f(double, double) → double} over two DOUBLE-stored vectors. */
    static Vector doubles(Vector left, Vector right, DoubleBinaryOperator f, int rowCount) {
        double[] l = left.doubles();
        double[] r = right.doubles();
        return doublesByRow(row -> f.applyAsDouble(l[row], r[row]), rowCount, unionNulls(rowCount, left, right));
    }

    /** {@code p(double) → boolean} over a DOUBLE-stored vector. */
    static Vector doublePredicate(Vector input, DoublePredicate p, int rowCount) {
        double[] in = input.doubles();
        boolean[] nulls = input.nullMask();
        boolean[] out = new boolean[rowCount];
        for (int i = 0; i < rowCount; i++) {
            if (nulls == null || !nulls[i]) {
                out[i] = p.test(in[i]);
            }
        }
        return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, nulls, rowCount);
    }

    /** Fills a LONG vector row by row, skipping rows marked in {@code nulls} (which may be null). */
    static Vector longsByRow(SqlType resultType, RowToLong f, int rowCount, boolean[] nulls) {
        long[] out = new long[rowCount];
        for (int i = 0; i < rowCount; i++) {
            if (nulls == null || !nulls[i]) {
                out[i] = f.apply(i);
            }
        }
        return Vector.ofLongs(resultType, out, nulls, rowCount);
    }

    /** Fills a DOUBLE vector row by row, skipping rows marked in {@code nulls} (which may be null). */
    static Vector doublesByRow(RowToDouble f, int rowCount, boolean[] nulls) {
        double[] out = new double[rowCount];
        for (int i = 0; i < rowCount; i++) {
            if (nulls == null || !nulls[i]) {
                out[i] = f.apply(i);
            }
        }
        return Vector.ofDoubles(PrimitiveType.DOUBLE, out, nulls, rowCount);
    }
}
