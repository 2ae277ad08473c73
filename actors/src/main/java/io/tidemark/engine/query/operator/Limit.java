package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.vector.Batch;

/** OFFSET and LIMIT over one batch. */
public final class Limit {

    private Limit() {
    }

    /** Skips {@code offset} rows and keeps at most {@code limit} of the rest; {@code limit < 0} keeps them all. */
    public static Batch apply(Batch batch, long offset, long limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("cannot apply a negative offset: offset=" + offset);
        }
        int rows = batch.rowCount();
        int from = (int) Math.min(offset, rows);
        int to = limit < 0 ? rows : (int) Math.min(rows, from + Math.min(limit, rows));
        if (from == 0 && to == rows) {
            return batch;
        }
        return batch.slice(from, to);
    }
}
