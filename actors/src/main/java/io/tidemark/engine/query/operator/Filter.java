package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;

/** WHERE and HAVING: keeps the rows whose predicate is true (null counts as false). */
public final class Filter {

    private Filter() {
    }

    public static Batch apply(Batch batch, Vector predicate) {
        int[] positions = truePositions(predicate, batch.rowCount());
        int count = positions.length;
        if (count == batch.rowCount()) {
            return batch;
        }
        return batch.select(positions, count);
    }

    /** The rows {@code 0..rowCount} where {@code predicate} is true, ascending. */
    public static int[] truePositions(Vector predicate, int rowCount) {
        if (predicate.size() != rowCount) {
            throw new IllegalArgumentException("cannot filter: predicate has " + predicate.size() + " rows, batch has " + rowCount);
        }
        if (predicate.storage() != Storage.BOOLEAN) {
            for (int i = 0; i < rowCount; i++) {
                if (!predicate.isNull(i)) {
                    throw new IllegalArgumentException("cannot filter by a predicate of type " + predicate.type().displayName());
                }
            }
            return new int[0];
        }
        boolean[] values = predicate.booleans();
        boolean[] nulls = predicate.nullMask();
        int count = 0;
        for (int i = 0; i < rowCount; i++) {
            if (values[i] && (nulls == null || !nulls[i])) {
                count++;
            }
        }
        int[] positions = new int[count];
        int next = 0;
        for (int i = 0; i < rowCount; i++) {
            if (values[i] && (nulls == null || !nulls[i])) {
                positions[next++] = i;
            }
        }
        return positions;
    }
}
