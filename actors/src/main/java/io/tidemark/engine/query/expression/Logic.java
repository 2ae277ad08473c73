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

    /** AND ({@code decisive} false: a false term decides a row) or OR ({@code decisive} true). */
    static VectorExpression lazy(boolean decisive, List<VectorExpression> terms) {
        return new Evaluator(PrimitiveType.BOOLEAN, (batch, context) -> {
            int rows = batch.rowCount();
            boolean[] decided = new boolean[rows];
            boolean[] sawNull = null;
            Selection undecided = Selection.all(rows);
            for (VectorExpression term : terms) {
                if (undecided.isEmpty()) {
                    break;
                }
                Vector values = undecided.evaluate(term, batch, context);
                int[] positions = undecided.positions();
                int[] next = new int[undecided.count()];
                int kept = 0;
                for (int i = 0; i < undecided.count(); i++) {
                    int row = positions[i];
                    if (values.isNull(i)) {
                        if (sawNull == null) {
                            sawNull = new boolean[rows];
                        }
                        sawNull[row] = true;
                        next[kept++] = row;
                    } else if (values.getBoolean(i) == decisive) {
                        decided[row] = true;
                    } else {
                        next[kept++] = row;
                    }
                }
                undecided = new Selection(next, kept, rows);
            }
            boolean[] out = new boolean[rows];
            boolean[] nulls = null;
            for (int row = 0; row < rows; row++) {
                out[row] = decided[row] == decisive;
                if (!decided[row] && sawNull != null && sawNull[row]) {
                    if (nulls == null) {
                        nulls = new boolean[rows];
                    }
                    nulls[row] = true;
                }
            }
            return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, nulls, rows);
        });
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
        return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, NullMasks.of(value, rows), rows);
    }

    /** Three-valued AND of two evaluated vectors. */
    static Vector and(Vector a, Vector b) {
        int rows = a.size();
        boolean[] x = a.booleans();
        boolean[] y = b.booleans();
        boolean[] out = new boolean[rows];
        boolean[] nulls = null;
        for (int i = 0; i < rows; i++) {
            boolean leftNull = a.isNull(i);
            boolean rightNull = b.isNull(i);
            boolean leftFalse = !leftNull && !x[i];
            boolean rightFalse = !rightNull && !y[i];
            if (!leftFalse && !rightFalse && (leftNull || rightNull)) {
                if (nulls == null) {
                    nulls = new boolean[rows];
                }
                nulls[i] = true;
            } else {
                out[i] = !leftFalse && !rightFalse;
            }
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
