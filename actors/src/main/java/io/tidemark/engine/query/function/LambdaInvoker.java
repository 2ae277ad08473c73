package io.tidemark.engine.query.function;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.LambdaValue;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.SqlType;

/**
 * Calls the lambdas of a FUNCTION vector in bulk. The caller gathers the parameter tuples of many
 * rows into one set of parameter vectors (tuples {@code [offsets[i], offsets[i + 1])} belong to
 * row {@code rows[i]}); each run of consecutive rows that share one {@link LambdaValue} (a lambda
 * that captures nothing is the same value on every row) is evaluated by a single
 * {@link LambdaValue#invoke} call, so a batch costs one call, not one per element.
 */
final class LambdaInvoker {

    private LambdaInvoker() {
    }

    /**
     * Returns the results of all tuples, in tuple order ({@code offsets[rowsCount]} rows of
     * {@code resultType}).
     */
    static Vector invoke(Vector lambdas, int[] rows, int[] offsets, int rowsCount, Vector[] parameters, SqlType resultType, EvalContext context) {
        int total = offsets[rowsCount];
        if (rowsCount == 0 || total == 0) {
            return new VectorBuilder(resultType, 0).build();
        }
        int runStart = 0;
        VectorBuilder results = null;
        while (runStart < rowsCount) {
            LambdaValue lambda = (LambdaValue) lambdas.getObject(rows[runStart]);
            int runEnd = runStart + 1;
            while (runEnd < rowsCount && lambdas.getObject(rows[runEnd]) == lambda) {
                runEnd++;
            }
            int from = offsets[runStart];
            int to = offsets[runEnd];
            if (runStart == 0 && runEnd == rowsCount) {
                return checked(lambda.invoke(parameters, total, context), total);
            }
            if (to > from) {
                Vector[] slices = new Vector[parameters.length];
                for (int p = 0; p < parameters.length; p++) {
                    slices[p] = parameters[p].slice(from, to);
                }
                Vector run = checked(lambda.invoke(slices, to - from, context), to - from);
                if (results == null) {
                    results = new VectorBuilder(resultType, total);
                }
                for (int i = 0; i < run.size(); i++) {
                    results.append(run, i);
                }
            }
            runStart = runEnd;
        }
        return results == null ? new VectorBuilder(resultType, 0).build() : results.build();
    }

    private static Vector checked(Vector result, int expected) {
        if (result.size() != expected) {
            throw new IllegalStateException("cannot use a lambda result: expected=" + expected + " rows, got=" + result.size());
        }
        return result;
    }
}
