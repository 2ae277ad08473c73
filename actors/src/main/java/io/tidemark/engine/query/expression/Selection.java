package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;

/**
 * A subset of a batch's rows, ascending: the rows a CASE branch, a lazy AND/OR term or a
 * {@code try} retry is evaluated on. Evaluating on a subset selects those rows first (a full
 * selection evaluates on the batch itself, copying nothing).
 */
record Selection(int[] positions, int count, int rowCount) {

    static Selection all(int rowCount) {
        int[] positions = new int[rowCount];
        for (int i = 0; i < rowCount; i++) {
            positions[i] = i;
        }
        return new Selection(positions, rowCount, rowCount);
    }

    boolean isAll() {
        return count == rowCount;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The rows of this selection where {@code condition} (one row per selected row) is true, or (negated) is not true. */
    Selection where(Vector condition, boolean whereTrue) {
        int[] kept = new int[count];
        int keptCount = 0;
        for (int i = 0; i < count; i++) {
            boolean isTrue = !condition.isNull(i) && condition.getBoolean(i);
            if (isTrue == whereTrue) {
                kept[keptCount++] = positions[i];
            }
        }
        return new Selection(kept, keptCount, rowCount);
    }

    /** The selected rows of {@code batch} (the batch itself when every row is selected). */
    Batch of(Batch batch) {
        return isAll() ? batch : batch.select(positions, count);
    }

    /**
     * {@code expression}'s values on the selected rows. An {@link Infallible} expression runs on the
     * whole batch and only its result is selected; any other runs on the selected rows only.
     */
    Vector evaluate(VectorExpression expression, Batch batch, EvalContext context) {
        if (isAll()) {
            return expression.evaluate(batch, context);
        }
        if (expression instanceof Infallible) {
            return expression.evaluate(batch, context).select(positions, count);
        }
        return expression.evaluate(batch.select(positions, count), context);
    }
}
