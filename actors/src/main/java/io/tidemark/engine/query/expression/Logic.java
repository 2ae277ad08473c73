package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import java.util.List;

/**
 * AND, OR, NOT and IS [NOT] NULL with SQL's three-valued logic. AND and OR evaluate each term only
 * on the rows the earlier terms left undecided, so {@code x <> 0 AND 10 / x > 1} never divides by
 * zero; when every row is still undecided the next term runs on the batch itself, copying nothing.
 */
final class Logic {

    private Logic() {
    }

    /**
     * AND ({@code decisive} false: a false term decides a row) or OR ({@code decisive} true). A term
     * that cannot fail ({@link Infallible}) runs on the whole batch and is combined branch-free; any
     * other runs only on the rows still undecided.
     */
    static VectorExpression lazy(boolean decisive, List<VectorExpression> terms) {
        return new Evaluator(PrimitiveType.BOOLEAN, (batch, context) -> {
            Vector result = terms.get(0).evaluate(batch, context);
            for (int t = 1; t < terms.size(); t++) {
                VectorExpression term = terms.get(t);
                if (term instanceof Infallible) {
                    result = combine(decisive, result, term.evaluate(batch, context));
                    continue;
                }
                Selection undecided = decisive ? Selection.all(batch.rowCount()).where(result, false) : notFalse(result, batch.rowCount());
                if (undecided.isEmpty()) {
                    break;
                }
                Vector values = undecided.evaluate(term, batch, context);
                Scatter spread = new Scatter(PrimitiveType.BOOLEAN, batch.rowCount());
                for (int row = 0; row < batch.rowCount(); row++) {
                    spread.setBoolean(row, !decisive);
                }
                result = combine(decisive, result, spread.put(values, undecided).build());
            }
            return result;
        });
    }

    /** The rows of an AND still undecided: those not known false (true or null). */
    private static Selection notFalse(Vector values, int rows) {
        int[] positions = new int[rows];
        int count = 0;
        for (int i = 0; i < rows; i++) {
            if (values.isNull(i) || values.getBoolean(i)) {
                positions[count++] = i;
            }
        }
        return new Selection(positions, count, rows);
    }

    /** Three-valued AND ({@code decisive} false) or OR of two evaluated vectors, branch-free. */
    static Vector combine(boolean decisive, Vector a, Vector b) {
        return decisive ? or(a, b) : and(a, b);
    }

    static VectorExpression not(VectorExpression value) {
        return new Evaluator(PrimitiveType.BOOLEAN, (batch, context) -> not(value.evaluate(batch, context)));
    }

    static Vector not(Vector value) {
        int rows = value.size();
        boolean[] in = value.booleans();
        boolean[] out = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = !in[i];
        }
        return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, NullMasks.of(value), rows);
    }

    /** Three-valued AND of two evaluated vectors: false if either is false, else null if either is null. */
    static Vector and(Vector a, Vector b) {
        int rows = a.size();
        boolean[] x = a.booleans();
        boolean[] y = b.booleans();
        boolean[] xn = a.nullMask();
        boolean[] yn = b.nullMask();
        boolean[] out = new boolean[rows];
        if (xn == null && yn == null) {
            for (int i = 0; i < rows; i++) {
                out[i] = x[i] & y[i];
            }
            return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, null, rows);
        }
        boolean[] nulls = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            boolean leftNull = xn != null && xn[i];
            boolean rightNull = yn != null && yn[i];
            boolean anyFalse = (!leftNull & !x[i]) | (!rightNull & !y[i]);
            nulls[i] = (leftNull | rightNull) & !anyFalse;
            out[i] = !anyFalse & !leftNull & !rightNull;
        }
        return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, nulls, rows);
    }

    /** Three-valued OR: true if either is true, else null if either is null. */
    static Vector or(Vector a, Vector b) {
        int rows = a.size();
        boolean[] x = a.booleans();
        boolean[] y = b.booleans();
        boolean[] xn = a.nullMask();
        boolean[] yn = b.nullMask();
        boolean[] out = new boolean[rows];
        if (xn == null && yn == null) {
            for (int i = 0; i < rows; i++) {
                out[i] = x[i] | y[i];
            }
            return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, null, rows);
        }
        boolean[] nulls = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            boolean leftNull = xn != null && xn[i];
            boolean rightNull = yn != null && yn[i];
            boolean anyTrue = (!leftNull & x[i]) | (!rightNull & y[i]);
            nulls[i] = (leftNull | rightNull) & !anyTrue;
            out[i] = anyTrue;
        }
        return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, nulls, rows);
    }

    static VectorExpression isNull(VectorExpression value, boolean negated) {
        return new Evaluator(PrimitiveType.BOOLEAN, (batch, context) -> {
            Vector in = value.evaluate(batch, context);
            int rows = batch.rowCount();
            boolean[] out = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = in.isNull(i) != negated;
            }
            return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, null, rows);
        });
    }
}
