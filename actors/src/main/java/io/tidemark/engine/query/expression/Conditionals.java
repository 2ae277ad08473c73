package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.SqlType;
import java.util.List;
import java.util.Optional;

/**
 * The lazy special forms: searched and simple CASE, {@code if}, {@code coalesce}, {@code nullif}
 * and {@code try}. A branch is evaluated only on the rows that take it (those rows are selected,
 * the branch evaluated on them, the results scattered back), so
 * {@code CASE WHEN x = 0 THEN 0 ELSE 10 / x END} never divides by zero.
 */
final class Conditionals {

    /** One WHEN of a CASE: its condition and its result, both compiled. */
    record Branch(VectorExpression condition, VectorExpression result) {
    }

    private Conditionals() {
    }

    /** {@code CASE WHEN c THEN r ... ELSE d END}; {@code if(c, a, b)} is the one-branch case. */
    static VectorExpression searched(SqlType type, List<Branch> branches, Optional<VectorExpression> otherwise) {
        return new Evaluator(type, (batch, context) -> {
            int rows = batch.rowCount();
            Scatter out = new Scatter(type, rows);
            Selection remaining = Selection.all(rows);
            for (Branch branch : branches) {
                if (remaining.isEmpty()) {
                    break;
                }
                Vector condition = remaining.evaluate(branch.condition(), batch, context);
                Selection taken = remaining.where(condition, true);
                if (taken.isAll()) {
                    return branch.result().evaluate(batch, context);
                }
                if (!taken.isEmpty()) {
                    out.put(taken.evaluate(branch.result(), batch, context), taken);
                }
                remaining = remaining.where(condition, false);
            }
            if (otherwise.isPresent() && !remaining.isEmpty()) {
                if (remaining.isAll()) {
                    return otherwise.get().evaluate(batch, context);
                }
                out.put(remaining.evaluate(otherwise.get(), batch, context), remaining);
            }
            return out.build();
        });
    }

    /**
     * {@code CASE operand WHEN v THEN r ... END}: the operand is evaluated once; each WHEN value is
     * compared (=) with it on the rows still undecided.
     */
    static VectorExpression simple(SqlType type, VectorExpression operand, List<Branch> branches, Optional<VectorExpression> otherwise) {
        return new Evaluator(type, (batch, context) -> {
            int rows = batch.rowCount();
            Vector operandValues = operand.evaluate(batch, context);
            Scatter out = new Scatter(type, rows);
            Selection remaining = Selection.all(rows);
            for (Branch branch : branches) {
                if (remaining.isEmpty()) {
                    break;
                }
                Vector candidates = remaining.evaluate(branch.condition(), batch, context);
                Vector current = remaining.isAll() ? operandValues : operandValues.select(remaining.positions(), remaining.count());
                Vector matches = Comparisons.compare(0, current, candidates);
                Selection taken = remaining.where(matches, true);
                if (!taken.isEmpty()) {
                    out.put(taken.evaluate(branch.result(), batch, context), taken);
                }
                remaining = remaining.where(matches, false);
            }
            if (otherwise.isPresent() && !remaining.isEmpty()) {
                out.put(remaining.evaluate(otherwise.get(), batch, context), remaining);
            }
            return out.build();
        });
    }

    /** {@code coalesce(a, b, ...)}: each argument only on the rows still null. */
    static VectorExpression coalesce(SqlType type, List<VectorExpression> arguments) {
        return new Evaluator(type, (batch, context) -> {
            int rows = batch.rowCount();
            Vector first = arguments.get(0).evaluate(batch, context);
            if (!first.mayHaveNulls() || arguments.size() == 1) {
                return first;
            }
            Scatter out = new Scatter(type, rows);
            Selection all = Selection.all(rows);
            out.put(first, all);
            Selection remaining = nullRows(first, all);
            for (int a = 1; a < arguments.size() && !remaining.isEmpty(); a++) {
                Vector values = remaining.evaluate(arguments.get(a), batch, context);
                out.put(values, remaining);
                remaining = nullRows(values, remaining);
            }
            return out.build();
        });
    }

    private static Selection nullRows(Vector values, Selection selection) {
        int[] kept = new int[selection.count()];
        int count = 0;
        for (int i = 0; i < selection.count(); i++) {
            if (values.isNull(i)) {
                kept[count++] = selection.positions()[i];
            }
        }
        return new Selection(kept, count, selection.rowCount());
    }

    /** {@code nullif(a, b)}: null where {@code a = b}, else a. */
    static VectorExpression nullIf(VectorExpression value, VectorExpression other) {
        SqlType type = value.type();
        return new Evaluator(type, (batch, context) -> {
            Vector a = value.evaluate(batch, context);
            Vector equal = Comparisons.compare(0, a, other.evaluate(batch, context));
            VectorBuilder out = new VectorBuilder(type, batch.rowCount());
            for (int i = 0; i < batch.rowCount(); i++) {
                if (!equal.isNull(i) && equal.getBoolean(i)) {
                    out.appendNull();
                } else {
                    out.append(a, i);
                }
            }
            return out.build();
        });
    }

    /**
     * {@code try(expr)}: a row whose evaluation fails with a query error (division by zero, overflow,
     * bad cast …, or an {@link ArithmeticException} a function let escape) is null. The batch is
     * evaluated whole first; only a failing batch is retried row by row.
     */
    static VectorExpression tryEvaluate(VectorExpression expression) {
        SqlType type = expression.type();
        return new Evaluator(type, (batch, context) -> {
            try {
                return expression.evaluate(batch, context);
            } catch (QueryFunctionException | ArithmeticException failed) {
                VectorBuilder out = new VectorBuilder(type, batch.rowCount());
                for (int i = 0; i < batch.rowCount(); i++) {
                    Batch row = batch.slice(i, i + 1);
                    try {
                        out.append(expression.evaluate(row, context), 0);
                    } catch (QueryFunctionException | ArithmeticException e) {
                        out.appendNull();
                    }
                }
                return out.build();
            }
        });
    }
}
