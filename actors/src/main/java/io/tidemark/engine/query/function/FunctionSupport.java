package io.tidemark.engine.query.function;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

/**
 * Building blocks for scalar functions: primitive loops for the common one-argument shapes, and a
 * boxed row-by-row adapter for the long tail (strings, arrays, maps) where a value is an object
 * anyway. All propagate nulls: a null argument gives a null result unless said otherwise.
 */
public final class FunctionSupport {

    private FunctionSupport() {
    }

    /** {@code f(long) → long} over a LONG-stored vector. */
    public static Vector mapLongs(Vector input, SqlType resultType, LongUnaryOperator f, int rowCount) {
        long[] in = input.longs();
        long[] out = new long[rowCount];
        boolean[] nulls = input.nullMask();
        for (int i = 0; i < rowCount; i++) {
            if (nulls == null || !nulls[i]) {
                out[i] = f.applyAsLong(in[i]);
            }
        }
        return Vector.ofLongs(resultType, out, nulls, rowCount);
    }

    /** {@code f(double) → double} over a DOUBLE-stored vector. */
    public static Vector mapDoubles(Vector input, DoubleUnaryOperator f, int rowCount) {
        double[] in = input.doubles();
        double[] out = new double[rowCount];
        boolean[] nulls = input.nullMask();
        for (int i = 0; i < rowCount; i++) {
            if (nulls == null || !nulls[i]) {
                out[i] = f.applyAsDouble(in[i]);
            }
        }
        return Vector.ofDoubles(PrimitiveType.DOUBLE, out, nulls, rowCount);
    }

    /**
     * A function of boxed arguments applied row by row: {@code f} gets the row's boxed arguments
     * (never null ones: a row with a null argument is null) and returns the boxed result or null.
     */
    public static ScalarFunction rowWise(SqlType resultType, Function<Object[], Object> f) {
        return (arguments, rowCount, context) -> {
            VectorBuilder out = new VectorBuilder(resultType, rowCount);
            Object[] row = new Object[arguments.length];
            for (int i = 0; i < rowCount; i++) {
                boolean anyNull = false;
                for (int a = 0; a < arguments.length; a++) {
                    row[a] = arguments[a].get(i);
                    anyNull |= row[a] == null;
                }
                out.append(anyNull ? null : f.apply(row));
            }
            return out.build();
        };
    }

    /** Like {@link #rowWise} but {@code f} also sees null arguments (for functions defined on nulls). */
    public static ScalarFunction rowWiseWithNulls(SqlType resultType, Function<Object[], Object> f) {
        return (arguments, rowCount, context) -> {
            VectorBuilder out = new VectorBuilder(resultType, rowCount);
            for (int i = 0; i < rowCount; i++) {
                Object[] row = new Object[arguments.length];
                for (int a = 0; a < arguments.length; a++) {
                    row[a] = arguments[a].get(i);
                }
                out.append(f.apply(row));
            }
            return out.build();
        };
    }
}
