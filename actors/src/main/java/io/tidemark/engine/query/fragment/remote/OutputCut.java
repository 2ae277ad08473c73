package io.tidemark.engine.query.fragment.remote;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.vector.Batch;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a fragment's output into parts whose wire form ({@link BatchWire#estimateBytes}, an upper
 * bound) each fits {@code maxBytes}, on row boundaries, in row order. Parts are sized from the
 * whole batch's average row and halved where rows are wider than average, so uniform rows fill
 * parts nearly to the limit with one estimate per part.
 */
final class OutputCut {

    /** The share of the limit an average part aims at, so a part of slightly wider rows still fits. */
    private static final double FILL = 0.9;

    private OutputCut() {
    }

    /**
     * The parts of {@code batch}; the batch itself alone when it fits.
     *
     * @param where names the fragment in the error, e.g. {@code "table=t1, shard=2, queryId=q"}
     * @throws EngineException VALIDATION when a single row does not fit {@code maxBytes}
     */
    static List<Batch> cut(Batch batch, long maxBytes, String where) {
        long total = BatchWire.estimateBytes(batch);
        if (total <= maxBytes) {
            return List.of(batch);
        }
        int rows = batch.rowCount();
        int step = (int) Math.max(1, Math.min(rows, (long) (rows * (maxBytes * FILL / total))));
        List<Batch> parts = new ArrayList<>();
        int from = 0;
        while (from < rows) {
            int to = Math.min(rows, from + step);
            Batch part = batch.slice(from, to);
            long bytes = BatchWire.estimateBytes(part);
            while (bytes > maxBytes) {
                if (to - from == 1) {
                    throw EngineException.validation("cannot send a query fragment's output to the querying node:"
                            + " a row is larger than one message, about " + bytes + " bytes, max=" + maxBytes
                            + ", row=" + from + ", " + where);
                }
                to = from + (to - from) / 2;
                part = batch.slice(from, to);
                bytes = BatchWire.estimateBytes(part);
            }
            parts.add(part);
            from = to;
        }
        return parts;
    }
}
