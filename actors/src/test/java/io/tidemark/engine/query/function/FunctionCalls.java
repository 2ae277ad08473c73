package io.tidemark.engine.query.function;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One-row calls and list helpers for the math, array, map, lambda and time-series families, over a
 * {@link FunctionHarness} that binds them through a real registry.
 */
final class FunctionCalls {

    private static final FunctionHarness HARNESS = new FunctionHarness(new MathFunctions(), new BitwiseFunctions(),
            new GreatestLeastFunctions(), new ArrayFunctions(), new ArraySetFunctions(), new SequenceFunctions(), new MapFunctions(),
            new LambdaFunctions(), new TimeSeriesFunctions());

    static final ScalarFunctionRegistry REGISTRY = HARNESS.registry();

    static final EvalContext CONTEXT = HARNESS.context();

    /** One typed argument value. */
    record Arg(SqlType type, Object value) {
    }

    private FunctionCalls() {
    }

    static Arg arg(SqlType type, Object value) {
        return new Arg(type, value);
    }

    /** Applies the function to whole vectors of {@code rowCount} rows. */
    static Vector apply(String name, SqlType returnType, int rowCount, Vector... arguments) {
        return HARNESS.apply(name, returnType, rowCount, arguments);
    }

    /** Applies the function to one row and returns the boxed result. */
    static Object call(String name, SqlType returnType, Arg... arguments) {
        Vector[] vectors = new Vector[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            vectors[i] = Vector.constant(arguments[i].type(), arguments[i].value(), 1);
        }
        return apply(name, returnType, 1, vectors).get(0);
    }

    /** A vector of boxed values (nulls allowed). */
    static Vector vector(SqlType type, Object... values) {
        return FunctionHarness.column(type, values);
    }

    /** A boxed array or series result, for list assertions. */
    @SuppressWarnings("unchecked")
    static List<Object> listOf(Object value) {
        return (List<Object>) value;
    }

    /** A mutable list (nulls allowed), as functions return them. */
    static List<Object> list(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }
}
