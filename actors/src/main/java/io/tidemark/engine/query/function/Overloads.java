package io.tidemark.engine.query.function;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.util.List;
import java.util.function.LongBinaryOperator;

/** Binders that match argument types exactly, and the two-argument primitive loop the time functions share. */
final class Overloads {

    private Overloads() {
    }

    /** Binds {@code function} when the call's argument types are exactly {@code argumentTypes}. */
    static ScalarFunctionRegistry.Binder exact(List<SqlType> argumentTypes, ScalarFunction function) {
        List<SqlType> expected = List.copyOf(argumentTypes);
        return signature -> signature.argumentTypes().equals(expected) ? function : null;
    }

    /** Binds {@code function} when the call has at least one argument and every argument is {@code type}. */
    static ScalarFunctionRegistry.Binder repeated(SqlType type, ScalarFunction function) {
        return signature -> !signature.argumentTypes().isEmpty()
                && signature.argumentTypes().stream().allMatch(type::equals) ? function : null;
    }

    /** {@code f(long, long) → long} over two LONG-stored vectors; a row is null if either argument is. */
    static Vector mapLongPairs(Vector left, Vector right, SqlType resultType, LongBinaryOperator f, int rowCount) {
        long[] a = left.longs();
        long[] b = right.longs();
        boolean[] nulls = unionNulls(rowCount, left, right);
        long[] out = new long[rowCount];
        for (int i = 0; i < rowCount; i++) {
            if (nulls == null || !nulls[i]) {
                out[i] = f.applyAsLong(a[i], b[i]);
            }
        }
        return Vector.ofLongs(resultType, out, nulls, rowCount);
    }

    /** The rows where any of {@code vectors} is null: a shared mask when only one has nulls, null when none has. */
    static boolean[] unionNulls(int rowCount, Vector... vectors) {
        boolean[] only = null;
        int withNulls = 0;
        for (Vector vector : vectors) {
            if (vector.mayHaveNulls()) {
                only = vector.nullMask();
                withNulls++;
            }
        }
        if (withNulls <= 1) {
            return only;
        }
        boolean[] union = new boolean[rowCount];
        for (Vector vector : vectors) {
            boolean[] mask = vector.nullMask();
            if (mask != null) {
                for (int i = 0; i < rowCount; i++) {
                    union[i] |= mask[i];
                }
            }
        }
        return union;
    }
}
