package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.QuantifiedComparison;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Subqueries inside expressions: scalar, EXISTS, IN and quantified comparisons, run through the
 * planner's {@link SubqueryRunner}. An uncorrelated subquery runs once per query (its result is
 * kept for the {@link EvalContext} it ran with); a correlated one runs once per distinct tuple of
 * the outer values it references in a batch, with those values bound as outer fields.
 */
final class Subqueries {

    /** The outer fields a subquery references and where the enclosing layout holds each. */
    record Correlation(List<Field> fields, List<VectorExpression> values) {
        boolean isEmpty() {
            return fields.isEmpty();
        }
    }

    private final Query query;
    private final SubqueryRunner runner;
    private final InputLayout layout;
    private final Correlation correlation;
    private final AtomicReference<Object[]> uncorrelatedResult = new AtomicReference<>();

    Subqueries(Query query, SubqueryRunner runner, InputLayout layout, Correlation correlation) {
        this.query = query;
        this.runner = runner;
        this.layout = layout;
        this.correlation = correlation;
    }

    /** The subquery's result for every row of the batch (rows with the same outer values share one batch). */
    Batch[] resultsPerRow(Batch batch, EvalContext context) {
        int rows = batch.rowCount();
        Batch[] results = new Batch[rows];
        if (correlation.isEmpty()) {
            java.util.Arrays.fill(results, uncorrelated(context));
            return results;
        }
        List<Vector> keys = new ArrayList<>();
        for (VectorExpression value : correlation.values()) {
            keys.add(value.evaluate(batch, context));
        }
        Map<List<Object>, Batch> byTuple = new HashMap<>();
        for (int row = 0; row < rows; row++) {
            List<Object> tuple = new ArrayList<>(keys.size());
            for (Vector key : keys) {
                tuple.add(key.get(row));
            }
            results[row] = byTuple.computeIfAbsent(tuple, t -> runBound(t, context));
        }
        return results;
    }

    private Batch runBound(List<Object> tuple, EvalContext context) {
        InputLayout bound = layout;
        for (int i = 0; i < tuple.size(); i++) {
            Field field = correlation.fields().get(i);
            bound = bound.withOuter(field, new InputLayout.BoundValue(field.type(), tuple.get(i)));
        }
        return runner.run(query, bound, context);
    }

    private Batch uncorrelated(EvalContext context) {
        Object[] memo = uncorrelatedResult.get();
        if (memo != null && memo[0].equals(context)) {
            return (Batch) memo[1];
        }
        Batch result = runner.run(query, InputLayout.of(List.of()), context);
        uncorrelatedResult.set(new Object[] {context, result});
        return result;
    }

    /** A scalar subquery: its single value, null without rows, an error with more than one. */
    static VectorExpression scalar(Subqueries subquery, SqlType type) {
        return new Evaluator(type, (batch, context) -> {
            Batch[] results = subquery.resultsPerRow(batch, context);
            VectorBuilder out = new VectorBuilder(type, batch.rowCount());
            for (Batch result : results) {
                if (result.rowCount() > 1) {
                    throw new QueryFunctionException("Scalar sub-query has returned multiple rows");
                }
                out.append(result.rowCount() == 0 ? null : Casts.castValue(result.column(0).get(0), result.column(0).type(), type, context));
            }
            return out.build();
        });
    }

    static VectorExpression exists(Subqueries subquery) {
        return new Evaluator(PrimitiveType.BOOLEAN, (batch, context) -> {
            Batch[] results = subquery.resultsPerRow(batch, context);
            boolean[] out = new boolean[results.length];
            for (int i = 0; i < results.length; i++) {
                out[i] = results[i].rowCount() > 0;
            }
            return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, null, results.length);
        });
    }

    /**
     * {@code value op ANY|ALL (subquery)}; {@code value IN (subquery)} is {@code = ANY}. ANY: true if
     * some comparison is true, else null if some is null, else false; ALL: false if some comparison is
     * false, else null if some is null, else true (so ALL over no rows is true). {@code value} already
     * has the comparison type; the subquery's column is converted to it.
     */
    static VectorExpression quantified(Subqueries subquery, VectorExpression value, int operator, QuantifiedComparison.Quantifier quantifier) {
        boolean all = quantifier == QuantifiedComparison.Quantifier.ALL;
        SqlType type = value.type();
        return new Evaluator(PrimitiveType.BOOLEAN, (batch, context) -> {
            Vector values = value.evaluate(batch, context);
            Batch[] results = subquery.resultsPerRow(batch, context);
            Map<Batch, Vector> converted = new java.util.IdentityHashMap<>();
            int rows = batch.rowCount();
            boolean[] out = new boolean[rows];
            boolean[] nulls = null;
            for (int row = 0; row < rows; row++) {
                Vector candidates = converted.computeIfAbsent(results[row], r -> Casts.castVector(r.column(0), type, false, context));
                Boolean outcome = quantify(all, operator, type, values.get(row), candidates);
                if (outcome == null) {
                    if (nulls == null) {
                        nulls = new boolean[rows];
                    }
                    nulls[row] = true;
                } else {
                    out[row] = outcome;
                }
            }
            return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, nulls, rows);
        });
    }

    private static Boolean quantify(boolean all, int operator, SqlType type, Object value, Vector candidates) {
        boolean sawNull = false;
        for (int i = 0; i < candidates.size(); i++) {
            Object candidate = candidates.get(i);
            if (value == null || candidate == null) {
                sawNull = true;
                continue;
            }
            boolean holds = Comparisons.testObjects(operator, type, value, candidate);
            if (holds != all) {
                return !all;
            }
        }
        if (candidates.size() == 0) {
            return all;
        }
        return sawNull ? null : all;
    }
}
