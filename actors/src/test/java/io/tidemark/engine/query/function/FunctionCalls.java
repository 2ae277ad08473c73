package io.tidemark.engine.query.function;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Binds the function families of this package and applies them to hand-built vectors. */
final class FunctionCalls {

    static final ScalarFunctionRegistry REGISTRY = ScalarFunctionRegistry.build(List.of(new MathFunctions(), new BitwiseFunctions(),
            new GreatestLeastFunctions(), new ArrayFunctions(), new ArraySetFunctions(), new SequenceFunctions(), new MapFunctions(),
            new LambdaFunctions(), new TimeSeriesFunctions()));

    static final EvalContext CONTEXT = EvalContext.utc(0);

    /** One typed argument value. */
    record Arg(SqlType type, Object value) {
    }

    private FunctionCalls() {
    }

    static Arg arg(SqlType type, Object value) {
        return new Arg(type, value);
    }

    static ScalarFunction bind(String name, SqlType returnType, SqlType... argumentTypes) {
        BoundSignature signature = new BoundSignature(name, Arrays.asList(argumentTypes), returnType);
        return REGISTRY.bind(signature).orElseThrow(() -> new AssertionError("no implementation of " + signature));
    }

    /** Applies the function to whole vectors of {@code rowCount} rows. */
    static Vector apply(String name, SqlType returnType, int rowCount, Vector... arguments) {
        SqlType[] types = Arrays.stream(arguments).map(Vector::type).toArray(SqlType[]::new);
        Vector result = bind(name, returnType, types).apply(arguments, rowCount, CONTEXT);
        if (result.size() != rowCount || !result.type().equals(returnType)) {
            throw new AssertionError("wrong result shape: " + result + " for " + rowCount + " rows of " + returnType.displayName());
        }
        return result;
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
        VectorBuilder builder = new VectorBuilder(type, values.length);
        for (Object value : values) {
            builder.append(value);
        }
        return builder.build();
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
