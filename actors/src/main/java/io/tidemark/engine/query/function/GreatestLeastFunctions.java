package io.tidemark.engine.query.function;

import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Values;
import io.tidemark.sql.type.SqlType;

/**
 * {@code greatest(v1, ...)} and {@code least(v1, ...)}: the largest / smallest argument, null if
 * any argument is null (Trino). Values order as {@link Values#compare} says, except that a double
 * NaN is passed over unless every argument is NaN, as Trino does since it made NaN consistent for
 * its max/min functions.
 * Numbers and other LONG/DOUBLE-stored types run a primitive loop.
 */
public final class GreatestLeastFunctions implements FunctionGroup {

    @Override
    public void register(ScalarFunctionRegistry.Builder registry) {
        registry.add("greatest", signature -> bind(signature, 1));
        registry.add("least", signature -> bind(signature, -1));
    }

    /** {@code direction} 1 keeps the greatest value, -1 the least. */
    private static ScalarFunction bind(BoundSignature signature, int direction) {
        SqlType type = signature.returnType();
        if (signature.argumentTypes().isEmpty() || !type.isOrderable()
                || !signature.argumentTypes().stream().allMatch(type::equals)) {
            return null;
        }
        switch (Storage.of(type)) {
            case LONG:
                return (arguments, rowCount, context) -> NumericLoops.longsByRow(type, row -> {
                    long best = arguments[0].getLong(row);
                    for (int a = 1; a < arguments.length; a++) {
                        long candidate = arguments[a].getLong(row);
                        if (Long.compare(candidate, best) * direction > 0) {
                            best = candidate;
                        }
                    }
                    return best;
                }, rowCount, NumericLoops.unionNulls(rowCount, arguments));
            case DOUBLE:
                return (arguments, rowCount, context) -> NumericLoops.doublesByRow(row -> {
                    double best = arguments[0].getDouble(row);
                    for (int a = 1; a < arguments.length; a++) {
                        double candidate = arguments[a].getDouble(row);
                        if (Double.isNaN(best) || (!Double.isNaN(candidate) && Values.compareDoubles(candidate, best) * direction > 0)) {
                            best = candidate;
                        }
                    }
                    return best;
                }, rowCount, NumericLoops.unionNulls(rowCount, arguments));
            default:
                return FunctionSupport.rowWise(type, row -> {
                    Object best = row[0];
                    for (int a = 1; a < row.length; a++) {
                        if (Values.compare(type, row[a], best) * direction > 0) {
                            best = row[a];
                        }
                    }
                    return best;
                });
        }
    }
}
