package io.tidemark.engine.query.fragment;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.operator.Filter;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.storage.chunk.SealedChunk;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A fragment's WHERE predicate handed to the scan with the channels it reads, so the scan can
 * decode those first, evaluate the predicate, and decode the other value columns only for the
 * rows that pass ({@link ScanBatchDecoder}). The predicate sees every channel of the batch; the
 * channels it does not read may hold anything (the scan puts nulls there).
 */
public final class ScanFilter {

    private final VectorExpression predicate;
    private final EvalContext eval;
    private final boolean[] reads;
    private final List<ValueBound> bounds;

    /**
     * @param channels every channel the predicate reads (a channel it reads but that is missing
     *     here would be evaluated over nulls: the list must be complete)
     * @param bounds conjuncts of the predicate a chunk's stats can rule out
     */
    public ScanFilter(VectorExpression predicate, EvalContext eval, Collection<Integer> channels, List<ValueBound> bounds) {
        this.predicate = Objects.requireNonNull(predicate, "predicate");
        this.eval = Objects.requireNonNull(eval, "eval");
        this.bounds = List.copyOf(bounds);
        int width = 0;
        for (int channel : channels) {
            width = Math.max(width, channel + 1);
        }
        this.reads = new boolean[width];
        for (int channel : channels) {
            reads[channel] = true;
        }
    }

    /** Whether the predicate reads {@code channel}. */
    public boolean reads(int channel) {
        return channel < reads.length && reads[channel];
    }

    /**
     * False when the chunk's stats prove that no row of it passes: some bound holds for none of
     * the values of its column ({@code columns}: the scanned columns, which the bounds' channels
     * index), or the chunk lacks that column.
     */
    boolean mayPass(SealedChunk chunk, List<ScanColumn> columns) {
        for (ValueBound bound : bounds) {
            int c = ScanBatchDecoder.indexOf(chunk.columns(), columns.get(bound.channel()));
            if (c < 0 || !bound.mayHold(chunk.stats().column(c))) {
                return false;
            }
        }
        return true;
    }

    /** The rows of {@code batch} the predicate holds for (null counts as false), ascending. */
    public int[] survivors(Batch batch) {
        return Filter.truePositions(predicate.evaluate(batch, eval), batch.rowCount());
    }
}
