package io.tidemark.engine.query.function;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.util.List;

/** Binders that match argument types exactly, and the null mask the time functions' two-argument loops share. */
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
